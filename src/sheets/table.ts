/**
 * A tab read as a table: columns found by header text (either language, any order), rows read in
 * one call, and changes written back in as few range writes as possible without touching the
 * columns people added.
 */
import { ServerRefusal } from '../domain/errors';
import { columnLetter } from './a1';
import { headerIndex, normalizeHeader, type TabDef } from './schema';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
export type Cell = string | number | boolean | Date;

/** What a cell should receive: a value, or null to leave it empty. */
export type CellWrite = Cell | null;

export class Table {
  /** 0-based column index → column key. */
  private readonly keyAt: ReadonlyMap<number, string>;
  /**
   * The workbook's time zone, when the tab writes moments as text (the Events tab's changes:
   * workbook.ts eventsTable); null: UTC.
   */
  timeZone: string | null = null;

  private constructor(
    readonly sheet: Sheet,
    readonly def: TabDef,
    /** Column key → 0-based column index. */
    readonly columns: ReadonlyMap<string, number>,
    /** Number of columns with a header (ours and people's). */
    readonly width: number,
  ) {
    this.keyAt = new Map([...columns.entries()].map(([key, index]) => [index, key]));
  }

  /** Reads the header row (one call). Columns of `def` that are missing are simply absent. */
  static open(sheet: Sheet, def: TabDef): Table {
    const lastColumn = Math.max(1, sheet.getLastColumn());
    const headers = sheet.getRange(1, 1, 1, lastColumn).getValues()[0] ?? [];
    return Table.fromHeaders(sheet, def, headers);
  }

  static fromHeaders(sheet: Sheet, def: TabDef, headers: unknown[]): Table {
    const byHeader = headerIndex(def);
    const columns = new Map<string, number>();
    headers.forEach((text, index) => {
      const key = byHeader.get(normalizeHeader(text));
      if (key && !columns.has(key)) columns.set(key, index);
    });
    let width = headers.length;
    while (width > 0 && String(headers[width - 1] ?? '') === '') width--;
    return new Table(sheet, def, columns, Math.max(width, 1));
  }

  has(key: string): boolean {
    return this.columns.has(key);
  }

  /** Keys of `def` that have no column. */
  missingKeys(): string[] {
    return this.def.columns.filter((c) => !this.columns.has(c.key)).map((c) => c.key);
  }

  /**
   * Refuses, before anything is written, a write into a column the tab has lost (a header renamed
   * or deleted by hand): a row written without it would lose what it holds, e.g. a case without
   * its id that no call finds again (docs/product.md, Integrity).
   */
  requireColumns(keys: Iterable<string>): void {
    const missing = [...new Set(keys)].filter((key) => !this.columns.has(key));
    if (missing.length === 0) return;
    const lang = this.sheet.getName() === this.def.en ? 'en' : 'ru';
    const header = (key: string) => this.def.columns.find((c) => c.key === key)?.[lang] ?? key;
    throw new ServerRefusal('validation', 'table.columnsMissing', {
      tab: this.sheet.getName(),
      columns: missing.map((key) => (lang === 'en' ? `“${header(key)}”` : `«${header(key)}»`)).join(', '),
    });
  }

  /** Every column of the tab's definition: what a whole row (a case, an event) is written into. */
  requireAllColumns(): void {
    this.requireColumns(this.def.columns.map((c) => c.key));
  }

  /** 1-based column number of `key`. */
  columnNumber(key: string): number {
    const index = this.columns.get(key);
    if (index === undefined) throw new Error(`${this.def.en}: no column "${key}"`);
    return index + 1;
  }

  /** Header and every data row in one call; returns the data rows (sheet row = index + 2). */
  readAll(): unknown[][] {
    const values = this.sheet.getDataRange().getValues();
    return values.slice(1);
  }

  /** One data row (one call). */
  readRow(rowNumber: number): unknown[] {
    return this.sheet.getRange(rowNumber, 1, 1, this.width).getValues()[0] ?? [];
  }

  /**
   * Column `key` from sheet row `firstRow` on, one cell per row, in one read: `count` rows, or
   * to the last row with content when no count is given (one more call, to find it).
   */
  readColumn(key: string, firstRow = 2, count?: number): unknown[] {
    const rows = count ?? this.sheet.getLastRow() - firstRow + 1;
    if (rows < 1) return [];
    return this.sheet
      .getRange(firstRow, this.columnNumber(key), rows, 1)
      .getValues()
      .map(([value]) => value);
  }

  /**
   * Columns `keys` of every data row in one read of the span of columns they cover (one more
   * call finds the last row), whatever the number of rows. Each row is indexed as a whole row is,
   * so `get` reads it; cells outside the span are absent. Keys without a column are left out.
   */
  readColumns(keys: readonly string[]): unknown[][] {
    const indices = keys.map((key) => this.columns.get(key)).filter((i): i is number => i !== undefined);
    const rows = this.sheet.getLastRow() - 1;
    if (rows < 1 || indices.length === 0) return [];
    const first = Math.min(...indices);
    const width = Math.max(...indices) - first + 1;
    const offset: unknown[] = new Array<unknown>(first);
    return this.sheet
      .getRange(2, first + 1, rows, width)
      .getValues()
      .map((cells) => offset.concat(cells));
  }

  /**
   * The sheet rows (ascending) whose cell in column `key` is exactly `text`, case included: one
   * TextFinder call over the data rows, whatever their number. None when the column is missing.
   */
  findInColumn(key: string, text: string): number[] {
    if (!this.has(key)) return [];
    const letter = columnLetter(this.columnNumber(key));
    return this.sheet
      .getRange(`${letter}2:${letter}`)
      .createTextFinder(text)
      .matchEntireCell(true)
      .matchCase(true)
      .findAll()
      .map((range) => range.getRow())
      .sort((a, b) => a - b);
  }

  get(row: readonly unknown[], key: string): unknown {
    const index = this.columns.get(key);
    return index === undefined ? '' : row[index];
  }

  /**
   * Writes `changes` (key → cell) into sheet row `rowNumber`, as one range per run of our
   * columns. Given the row as just read (`current`, under the lock), a run also bridges our own
   * unchanged columns by rewriting what they hold, so that a changed status and a changed
   * timestamp cost one call, not two; a column people added is never written.
   */
  writeRow(rowNumber: number, changes: Record<string, CellWrite>, current?: readonly unknown[]): void {
    this.requireColumns(Object.keys(changes));
    for (const run of this.runs(Object.keys(changes), current !== undefined)) {
      const cells = run.map((index) => {
        const key = this.keyAt.get(index) as string;
        return key in changes ? toCell(changes[key]) : rewrite(current?.[index]);
      });
      this.sheet.getRange(rowNumber, (run[0] as number) + 1, 1, cells.length).setValues([cells]);
    }
  }

  /**
   * Rewrites a block of rows read just before (`current`, under the lock, from `firstRow`) in one
   * range write per run of our columns, whatever the number of rows: row i takes `changes[i]` in
   * our columns, or keeps what it holds when that is null (its formulas, given `formulas` as
   * Range.getFormulas read them, stay formulas). A column people added is never written.
   */
  writeRows(
    firstRow: number,
    changes: ReadonlyArray<Record<string, CellWrite> | null>,
    current: ReadonlyArray<readonly unknown[]>,
    formulas?: ReadonlyArray<readonly string[]>,
  ): void {
    if (changes.length === 0) return;
    this.requireColumns(changes.flatMap((row) => (row ? Object.keys(row) : [])));
    for (const run of this.runs([...this.columns.keys()], false)) {
      const block = changes.map((row, i) =>
        run.map((index) => {
          const key = this.keyAt.get(index) as string;
          if (row && key in row) return toCell(row[key]);
          return formulas?.[i]?.[index] || rewrite(current[i]?.[index]);
        }),
      );
      this.sheet.getRange(firstRow, (run[0] as number) + 1, block.length, run.length).setValues(block);
    }
  }

  /**
   * Appends one row with Sheet.appendRow: one call, and the sheet grows when it is full. The row
   * spans every column with a header; people's columns get nothing.
   */
  appendRow(values: Record<string, CellWrite>): void {
    this.requireColumns(Object.keys(values));
    const row: unknown[] = Array.from({ length: this.width }, () => '');
    for (const [key, value] of Object.entries(values)) {
      const index = this.columns.get(key);
      if (index !== undefined) row[index] = toCell(value);
    }
    this.sheet.appendRow(row);
  }

  /** Appends rows after the last row with content, in one call per run of our columns. */
  append(rows: Array<Record<string, CellWrite>>): number {
    if (rows.length === 0) return 0;
    this.requireColumns(rows.flatMap((r) => Object.keys(r)));
    const first = this.sheet.getLastRow() + 1;
    const maxRows = this.sheet.getMaxRows();
    const lastNeeded = first + rows.length - 1;
    if (lastNeeded > maxRows) this.sheet.insertRowsAfter(maxRows, lastNeeded - maxRows);
    const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    for (const run of this.runs(keys, false)) {
      const block = rows.map((r) => run.map((index) => toCell(r[this.keyAt.get(index) as string])));
      this.sheet.getRange(first, (run[0] as number) + 1, block.length, run.length).setValues(block);
    }
    return first;
  }

  /** Writes one column for many rows at once (jobs refreshing a computed column). */
  writeColumn(key: string, firstRow: number, values: CellWrite[]): void {
    if (values.length === 0) return;
    this.requireColumns([key]);
    this.sheet.getRange(firstRow, this.columnNumber(key), values.length, 1).setValues(values.map((v) => [toCell(v)]));
  }

  /** Runs of column indices to write: adjacent changed columns, bridged over our own when allowed. */
  private runs(keys: string[], bridge: boolean): number[][] {
    const ours = new Set(this.columns.values());
    const changed = keys
      .map((key) => this.columns.get(key))
      .filter((i): i is number => i !== undefined)
      .sort((a, b) => a - b);
    const runs: number[][] = [];
    for (const index of changed) {
      const run = runs[runs.length - 1];
      const last = run?.[run.length - 1];
      if (run && last !== undefined) {
        const gap = Array.from({ length: index - last - 1 }, (_, k) => last + 1 + k);
        if (gap.length === 0 || (bridge && gap.every((g) => ours.has(g)))) {
          run.push(...gap, index);
          continue;
        }
      }
      runs.push([index]);
    }
    return runs;
  }
}

/** A value read from one of our cells, to be written back unchanged. */
function rewrite(value: unknown): unknown {
  return typeof value === 'string' ? toCell(value) : (value ?? '');
}

/**
 * A value as a script must write it so the sheet stores exactly that. A written string is read
 * as if typed, so text gets a leading apostrophe, which Sheets drops: '=IMPORTXML(...)',
 * '+7701...', '00123' or 'TRUE' stay text instead of becoming a formula, a number or a boolean.
 * Every string is escaped, not only those that look parseable: Sheets also parses dates, times,
 * currencies and month names, and a rule that guesses would miss one. Our columns are therefore
 * never given the plain-text format '@' (in such a cell the apostrophe would be taken literally).
 */
export function toCell(value: CellWrite | undefined): unknown {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value === '' ? '' : `'${value}`;
  return value;
}
