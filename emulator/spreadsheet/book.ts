/**
 * The spreadsheet's semantics on its stored state, free of metering and of the Apps Script API
 * shape: reading (formulas evaluated, display values), writing "as if typed", structural changes
 * (inserting and deleting rows and columns keeps every stored area and formula in place),
 * validation, conditional formats and protections. The fakes meter and adapt; the sandbox view
 * calls this directly. A Book is cheap and short-lived: it memoizes formula values, so make a new
 * one per operation, or call `invalidate()` after writing.
 */
import { gasError } from '../core/errors';
import { formatValue, type FormatContext } from './format';
import {
  adjustFormulaForChange,
  dropSheetFromFormula,
  evaluateFormula,
  formulaIsTrue,
  FormulaError,
  renameSheetInFormula,
  type FormulaHost,
  type Scalar,
  type StructureChange,
} from './formula';
import {
  interpretScriptValue,
  interpretText,
  isDate,
  PLAIN_TEXT_FORMAT,
  type CellContent,
  type InputContext,
} from './input';
import { localeConventions, type LocaleConventions } from './locale';
import type {
  CellState,
  CellValue,
  ConditionalFormatSpec,
  GridRect,
  ProtectionSpec,
  SheetRect,
  SheetState,
  SpreadsheetState,
  ValidationSpec,
} from '../core/spreadsheet-state';
import {
  containsCell,
  intersection,
  shiftIndexForInsert,
  shiftRectForDelete,
  shiftSpanForDelete,
  shiftRectForInsert,
  subtract,
  type Dimension,
} from './rect';
import { toSerial } from './time';

/** A cell value as getValues returns it: '' for an empty cell. */
export type ReadValue = CellValue | '';

/** The format properties a cell can carry (everything of CellState but content and note). */
const FORMAT_KEYS = ['nf', 'bg', 'fontColor', 'fontWeight', 'fontStyle', 'hAlign', 'vAlign', 'wrap'] as const;

export interface ClearWhat {
  contents?: boolean;
  formats?: boolean;
  notes?: boolean;
  validations?: boolean;
}

export class Book implements FormulaHost {
  readonly conventions: LocaleConventions;
  private readonly memo = new Map<string, Scalar>();
  private readonly evaluating = new Set<string>();

  constructor(
    readonly state: SpreadsheetState,
    /** Virtual time (ms) for NOW() and TODAY(). */
    readonly now: number,
  ) {
    this.conventions = localeConventions(state.locale);
  }

  get timeZone(): string {
    return this.state.timeZone;
  }

  get formatContext(): FormatContext {
    return { conventions: this.conventions, timeZone: this.state.timeZone };
  }

  /** Forget computed formula values (after a write). */
  invalidate(): void {
    if (this.memo.size > 0) this.memo.clear();
  }

  // ---------------------------------------------------------------------------------------------
  // Sheets

  sheet(sheetId: number): SheetState | undefined {
    return this.state.sheets.find((sheet) => sheet.id === sheetId);
  }

  sheetByName(name: string): SheetState | undefined {
    return this.state.sheets.find((sheet) => sheet.name === name);
  }

  sheetIdByName(name: string): number | null {
    return this.sheetByName(name)?.id ?? null;
  }

  sheetSize(sheetId: number): { maxRows: number; maxColumns: number } {
    const sheet = this.sheet(sheetId);
    return sheet ?? { maxRows: 0, maxColumns: 0 };
  }

  // ---------------------------------------------------------------------------------------------
  // Cells

  cellState(sheet: SheetState, row: number, column: number): CellState | undefined {
    return sheet.rows[row - 1]?.[column - 1] ?? undefined;
  }

  private ensureCell(sheet: SheetState, row: number, column: number): CellState {
    let cell = this.cellState(sheet, row, column);
    if (!cell) {
      cell = {};
      this.putCell(sheet, row, column, cell);
    }
    return cell;
  }

  /** Stores a cell object (or none) at a position. */
  private putCell(sheet: SheetState, row: number, column: number, cell: CellState | undefined): void {
    let cells = sheet.rows[row - 1];
    if (!cells) {
      if (!cell) return;
      cells = [];
      sheet.rows[row - 1] = cells;
    }
    cells[column - 1] = cell;
  }

  /** Drops a cell that holds nothing, so the stored grid stays sparse. */
  private pruneCell(sheet: SheetState, row: number, column: number): void {
    const cells = sheet.rows[row - 1];
    const cell = cells?.[column - 1];
    if (cells && cell && isEmptyCell(cell)) cells[column - 1] = undefined;
  }

  /** The value of a cell for formulas (FormulaHost): empty is null. */
  cell(sheetId: number, row: number, column: number): Scalar {
    const sheet = this.sheet(sheetId);
    return sheet ? this.evaluatedCell(sheet, row, column) : null;
  }

  /** A cell's value with its formula evaluated (once per Book); a circular reference is #REF!. */
  private evaluatedCell(sheet: SheetState, row: number, column: number): Scalar {
    const stored = this.cellState(sheet, row, column);
    if (!stored?.f) return stored?.v ?? null;
    const key = `${sheet.id}:${row}:${column}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    if (this.evaluating.has(key)) return new FormulaError('#REF!');
    this.evaluating.add(key);
    try {
      const value = evaluateFormula(stored.f, this, { sheetId: sheet.id, offsetRows: 0, offsetColumns: 0 });
      this.memo.set(key, value);
      return value;
    } finally {
      this.evaluating.delete(key);
    }
  }

  /** A cell's value as getValues returns it. */
  value(sheet: SheetState, row: number, column: number): ReadValue {
    return toReadValue(this.evaluatedCell(sheet, row, column));
  }

  display(sheet: SheetState, row: number, column: number): string {
    return formatValue(this.value(sheet, row, column), this.cellState(sheet, row, column)?.nf, this.formatContext);
  }

  /** A rectangular grid read cell by cell (values, displays, formats...). */
  grid<T>(sheet: SheetState, rect: GridRect, read: (row: number, column: number) => T): T[][] {
    const out: T[][] = [];
    for (let row = rect.top; row <= rect.bottom; row++) {
      const line: T[] = new Array<T>(rect.right - rect.left + 1);
      for (let column = rect.left; column <= rect.right; column++) line[column - rect.left] = read(row, column);
      out.push(line);
    }
    return out;
  }

  hasContent(sheet: SheetState, row: number, column: number): boolean {
    const cell = this.cellState(sheet, row, column);
    return cell !== undefined && (cell.f !== undefined || cell.v !== undefined);
  }

  /** The last row with a value or formula; formats alone do not count. 0 on an empty sheet. */
  lastRow(sheet: SheetState): number {
    for (let r = sheet.rows.length - 1; r >= 0; r--) {
      if (sheet.rows[r]?.some((cell) => cell && (cell.v !== undefined || cell.f !== undefined))) return r + 1;
    }
    return 0;
  }

  lastColumn(sheet: SheetState): number {
    let last = 0;
    for (const cells of sheet.rows) {
      if (!cells) continue;
      for (let c = cells.length - 1; c >= last; c--) {
        const cell = cells[c];
        if (cell && (cell.v !== undefined || cell.f !== undefined)) {
          last = c + 1;
          break;
        }
      }
    }
    return last;
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  private inputContext(sheet: SheetState, row: number, column: number): InputContext {
    return {
      conventions: this.conventions,
      timeZone: this.state.timeZone,
      plainText: this.cellState(sheet, row, column)?.nf === PLAIN_TEXT_FORMAT,
    };
  }

  writeContent(sheet: SheetState, row: number, column: number, content: CellContent): void {
    // A new object rather than `delete`: objects that lose properties become slow dictionaries.
    const existing = this.cellState(sheet, row, column);
    const cell = existing ? withoutContent(existing) : {};
    if ('formula' in content) cell.f = content.formula;
    else {
      if (content.value !== null) cell.v = content.value;
      if (content.impliedFormat && cell.nf === undefined) cell.nf = content.impliedFormat;
    }
    this.putCell(sheet, row, column, isEmptyCell(cell) ? undefined : cell);
    this.invalidate();
  }

  /** setValue / setValues / appendRow: a script value, strings read as typed. */
  writeScriptValue(sheet: SheetState, row: number, column: number, value: unknown): void {
    this.writeContent(sheet, row, column, interpretScriptValue(value, this.inputContext(sheet, row, column)));
  }

  /** What a person typing `text` into the cell stores. */
  interpretTyped(sheet: SheetState, row: number, column: number, text: string): CellContent {
    return interpretText(text, this.inputContext(sheet, row, column));
  }

  /** Sets (or with `value` undefined, removes) one property on every cell of a rectangle. */
  setProperty<K extends keyof CellState>(
    sheet: SheetState,
    rect: GridRect,
    key: K,
    value: CellState[K] | undefined,
  ): void {
    for (let row = rect.top; row <= rect.bottom; row++) {
      for (let column = rect.left; column <= rect.right; column++) {
        if (value === undefined) {
          const cell = this.cellState(sheet, row, column);
          if (cell && key in cell) {
            delete cell[key];
            this.pruneCell(sheet, row, column);
          }
        } else {
          this.ensureCell(sheet, row, column)[key] = value;
        }
      }
    }
    this.invalidate();
  }

  clear(sheet: SheetState, rect: GridRect, what: ClearWhat): void {
    for (let row = rect.top; row <= Math.min(rect.bottom, sheet.rows.length); row++) {
      const cells = sheet.rows[row - 1];
      if (!cells) continue;
      for (let column = rect.left; column <= Math.min(rect.right, cells.length); column++) {
        const cell = cells[column - 1];
        if (!cell) continue;
        if (what.contents) {
          delete cell.v;
          delete cell.f;
        }
        if (what.formats) for (const key of FORMAT_KEYS) delete cell[key];
        if (what.notes) delete cell.note;
        this.pruneCell(sheet, row, column);
      }
    }
    if (what.validations) this.setValidation(sheet, rect, null);
    this.invalidate();
  }

  /**
   * Sorts the rows of a rectangle by the given columns (whole cells move: values, formulas,
   * formats). Sheets' order: numbers and dates, then text ignoring case, then booleans; empty
   * cells last in either direction. Formulas move as they are written.
   */
  sortRows(sheet: SheetState, rect: GridRect, keys: Array<{ column: number; ascending: boolean }>): void {
    const lines = [];
    for (let row = rect.top; row <= rect.bottom; row++) {
      const cells: Array<CellState | undefined> = [];
      for (let column = rect.left; column <= rect.right; column++) cells.push(this.cellState(sheet, row, column));
      lines.push({ cells, keys: keys.map((key) => this.value(sheet, row, key.column)) });
    }
    lines.sort((a, b) => {
      for (let i = 0; i < keys.length; i++) {
        const order = compareForSort(
          a.keys[i] as ReadValue,
          b.keys[i] as ReadValue,
          (keys[i] as { ascending: boolean }).ascending,
        );
        if (order !== 0) return order;
      }
      return 0;
    });
    lines.forEach((line, i) => {
      line.cells.forEach((cell, j) => this.putCell(sheet, rect.top + i, rect.left + j, cell));
    });
    this.invalidate();
  }

  // ---------------------------------------------------------------------------------------------
  // Data validation: stored per rectangle; a later rule replaces earlier ones where they overlap.

  validationAt(sheet: SheetState, row: number, column: number): ValidationSpec | null {
    return sheet.validations.find((area) => containsCell(area.rect, row, column))?.rule ?? null;
  }

  setValidation(sheet: SheetState, rect: GridRect, rule: ValidationSpec | null): void {
    const kept = sheet.validations.flatMap((area) =>
      subtract(area.rect, rect).map((piece) => ({ rect: piece, rule: area.rule })),
    );
    if (rule) kept.push({ rect, rule });
    sheet.validations = kept;
  }

  /** Whether a value a person enters satisfies a rule (script writes are never checked). */
  validationAccepts(
    rule: ValidationSpec,
    value: ReadValue,
    site: { sheet: SheetState; row: number; column: number },
  ): boolean {
    if (value === '') return true;
    const args = rule.args;
    const number = typeof value === 'number' ? value : null;
    const serial = isDate(value) ? toSerial(value.getTime(), this.timeZone) : null;
    const argNumber = (i: number): number => {
      const arg = args[i];
      return isDate(arg) ? toSerial(arg.getTime(), this.timeZone) : Number(arg);
    };
    const between = (x: number | null, negate: boolean): boolean =>
      x !== null && (x >= Math.min(argNumber(0), argNumber(1)) && x <= Math.max(argNumber(0), argNumber(1))) !== negate;
    const text = typeof value === 'string' ? value : formatValue(value, undefined, this.formatContext);
    const numeric = compareNumber(rule.criteria, number, argNumber(0), argNumber(1));
    if (numeric !== null) return numeric;
    switch (rule.criteria) {
      case 'VALUE_IN_LIST':
        return ((args[0] as CellValue[] | undefined) ?? []).some((item) => String(item) === text);
      case 'VALUE_IN_RANGE': {
        const source = (args[0] as { range: SheetRect } | undefined)?.range;
        const sheet = source && this.sheet(source.sheetId);
        if (!sheet || !source) return false;
        return this.grid(sheet, source, (r, c) => this.display(sheet, r, c)).some((line) => line.includes(text));
      }
      case 'CHECKBOX': {
        const { checked, unchecked } = checkboxStates(rule);
        return value === checked || value === unchecked;
      }
      case 'DATE_IS_VALID_DATE':
        return serial !== null;
      case 'DATE_AFTER':
        return serial !== null && Math.floor(serial) > Math.floor(argNumber(0));
      case 'DATE_BEFORE':
        return serial !== null && Math.floor(serial) < Math.floor(argNumber(0));
      case 'DATE_ON_OR_AFTER':
        return serial !== null && Math.floor(serial) >= Math.floor(argNumber(0));
      case 'DATE_ON_OR_BEFORE':
        return serial !== null && Math.floor(serial) <= Math.floor(argNumber(0));
      case 'DATE_EQUAL_TO':
        return serial !== null && Math.floor(serial) === Math.floor(argNumber(0));
      case 'DATE_BETWEEN':
        return between(serial === null ? null : Math.floor(serial), false);
      case 'DATE_NOT_BETWEEN':
        return between(serial === null ? null : Math.floor(serial), true);
      case 'TEXT_CONTAINS':
        return text.includes(String(args[0]));
      case 'TEXT_DOES_NOT_CONTAIN':
        return !text.includes(String(args[0]));
      case 'TEXT_EQUAL_TO':
        return text === String(args[0]);
      case 'TEXT_IS_VALID_EMAIL':
        return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
      case 'TEXT_IS_VALID_URL':
        return /^(https?:\/\/)?[^\s/$.?#]+\.[^\s]+$/i.test(text);
      case 'CUSTOM_FORMULA': {
        const area = site.sheet.validations.find((a) => containsCell(a.rect, site.row, site.column));
        const origin = area?.rect ?? { top: site.row, left: site.column };
        return formulaIsTrue(String(args[0]), this, {
          sheetId: site.sheet.id,
          offsetRows: site.row - origin.top,
          offsetColumns: site.column - origin.left,
        });
      }
      default:
        return true;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Conditional formats: the first rule (in order) that covers the cell and holds applies.

  conditionalFormatAt(sheet: SheetState, row: number, column: number): ConditionalFormatSpec['format'] | null {
    for (const rule of sheet.conditionalFormats) {
      if (!rule.ranges.some((rect) => containsCell(rect, row, column))) continue;
      if (this.conditionHolds(rule, sheet, row, column)) return rule.format;
    }
    return null;
  }

  private conditionHolds(rule: ConditionalFormatSpec, sheet: SheetState, row: number, column: number): boolean {
    const value = this.value(sheet, row, column);
    const args = rule.args;
    const text = this.display(sheet, row, column).toLowerCase();
    const argText = String(args[0] ?? '').toLowerCase();
    const number = typeof value === 'number' ? value : null;
    const argNumber = (i: number): number => Number(args[i]);
    const numeric = compareNumber(rule.criteria, number, argNumber(0), argNumber(1));
    if (numeric !== null) return numeric;
    switch (rule.criteria) {
      case 'CELL_EMPTY':
        return value === '';
      case 'CELL_NOT_EMPTY':
        return value !== '';
      case 'TEXT_CONTAINS':
        return text.includes(argText);
      case 'TEXT_DOES_NOT_CONTAIN':
        return !text.includes(argText);
      case 'TEXT_STARTS_WITH':
        return text.startsWith(argText);
      case 'TEXT_ENDS_WITH':
        return text.endsWith(argText);
      case 'TEXT_EQUAL_TO':
        return text === argText;
      case 'DATE_AFTER':
      case 'DATE_AFTER_RELATIVE':
      case 'DATE_BEFORE':
      case 'DATE_BEFORE_RELATIVE':
      case 'DATE_EQUAL_TO':
      case 'DATE_EQUAL_TO_RELATIVE': {
        if (!isDate(value)) return false;
        const day = Math.floor(toSerial(value.getTime(), this.timeZone));
        const target = this.conditionDay(args[0]);
        if (rule.criteria.startsWith('DATE_AFTER')) return day > target;
        if (rule.criteria.startsWith('DATE_BEFORE')) return day < target;
        return day === target;
      }
      case 'CUSTOM_FORMULA': {
        const origin = rule.ranges[0] as GridRect;
        return formulaIsTrue(String(args[0]), this, {
          sheetId: sheet.id,
          offsetRows: row - origin.top,
          offsetColumns: column - origin.left,
        });
      }
      default:
        return false;
    }
  }

  /** The day (serial) a date condition compares with: a date, or a RelativeDate from today. */
  private conditionDay(arg: ConditionalFormatSpec['args'][number] | undefined): number {
    const today = Math.floor(toSerial(this.now, this.timeZone));
    if (isDate(arg)) return Math.floor(toSerial(arg.getTime(), this.timeZone));
    const relative = typeof arg === 'object' && arg !== null && 'relativeDate' in arg ? arg.relativeDate : 'TODAY';
    const offsets: Record<string, number> = {
      TODAY: 0,
      TOMORROW: 1,
      YESTERDAY: -1,
      PAST_WEEK: -7,
      PAST_MONTH: -30,
      PAST_YEAR: -365,
    };
    return today + (offsets[relative] ?? 0);
  }

  // ---------------------------------------------------------------------------------------------
  // Protections

  isProtectionEditor(protection: ProtectionSpec, email: string): boolean {
    if (email === this.state.owner) return true;
    return protection.editors === null || protection.editors.includes(email);
  }

  /** The protections that cover a cell (range ones, and the sheet's unless the cell is a hole). */
  protectionsAt(sheet: SheetState, row: number, column: number): ProtectionSpec[] {
    return sheet.protections.filter((protection) =>
      protection.type === 'RANGE'
        ? protection.rect !== undefined && containsCell(protection.rect, row, column)
        : !protection.unprotected.some((hole) => containsCell(hole, row, column)),
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Structure: rows and columns inserted or deleted, sheets renamed or deleted

  /**
   * Inserts `count` rows or columns before line `at`. New lines copy the formats (not the
   * content) of the neighbor they were inserted next to, as Sheets does.
   */
  insertLines(sheet: SheetState, dimension: Dimension, at: number, count: number, inheritFrom: number | null): void {
    if (dimension === 'ROWS') {
      insertHoles(sheet.rows, at - 1, count);
      sheet.maxRows += count;
      if (at <= sheet.frozenRows) sheet.frozenRows += count;
    } else {
      for (const cells of sheet.rows) if (cells) insertHoles(cells, at - 1, count);
      sheet.maxColumns += count;
      if (at <= sheet.frozenColumns) sheet.frozenColumns += count;
      sheet.columnWidths = shiftKeys(sheet.columnWidths, (column) => shiftIndexForInsert(column, at, count));
    }
    this.afterStructureChange(sheet, { sheetName: sheet.name, dimension, kind: 'insert', at, count }, (rect) =>
      shiftRectForInsert(rect, dimension, at, count),
    );
    if (inheritFrom !== null)
      this.inheritLine(sheet, dimension, shiftIndexForInsert(inheritFrom, at, count), at, count);
  }

  deleteLines(sheet: SheetState, dimension: Dimension, at: number, count: number): void {
    const rows = dimension === 'ROWS';
    const max = rows ? sheet.maxRows : sheet.maxColumns;
    const noun = rows ? 'rows' : 'columns';
    if (at < 1 || count < 1 || at + count - 1 > max) throw gasError(`Those ${noun} are out of bounds.`);
    const frozen = rows ? sheet.frozenRows : sheet.frozenColumns;
    const frozenDeleted = Math.max(0, Math.min(frozen, at + count - 1) - at + 1);
    const frozenAfter = frozen - frozenDeleted;
    if (max - count <= frozenAfter) throw gasError(`Sorry, it is not possible to delete all non-frozen ${noun}.`);
    if (rows) {
      sheet.rows.splice(at - 1, count);
      sheet.maxRows -= count;
      sheet.frozenRows = frozenAfter;
    } else {
      for (const cells of sheet.rows) cells?.splice(at - 1, count);
      sheet.maxColumns -= count;
      sheet.frozenColumns = frozenAfter;
      sheet.columnWidths = shiftKeys(
        sheet.columnWidths,
        (column) => shiftSpanForDelete(column, column, at, count)?.[0] ?? null,
      );
    }
    this.afterStructureChange(sheet, { sheetName: sheet.name, dimension, kind: 'delete', at, count }, (rect) =>
      shiftRectForDelete(rect, dimension, at, count),
    );
  }

  /**
   * New lines take the formats and the data validation of the line they were inserted next to
   * (`from`, counted after the insertion), as in Sheets; not its content.
   */
  private inheritLine(sheet: SheetState, dimension: Dimension, from: number, at: number, count: number): void {
    const rows = dimension === 'ROWS';
    const across = rows ? sheet.maxColumns : sheet.maxRows;
    for (let i = 1; i <= across; i++) {
      const source = rows ? this.cellState(sheet, from, i) : this.cellState(sheet, i, from);
      if (!source) continue;
      const formats = FORMAT_KEYS.filter((key) => source[key] !== undefined);
      if (!formats.length) continue;
      for (let line = at; line < at + count; line++) {
        const target = rows ? this.ensureCell(sheet, line, i) : this.ensureCell(sheet, i, line);
        for (const key of formats) (target as Record<string, unknown>)[key] = source[key];
      }
    }
    const newLines: GridRect = rows
      ? { top: at, bottom: at + count - 1, left: 1, right: sheet.maxColumns }
      : { top: 1, bottom: sheet.maxRows, left: at, right: at + count - 1 };
    for (const area of [...sheet.validations]) {
      const onSource = rows
        ? area.rect.top <= from && from <= area.rect.bottom
        : area.rect.left <= from && from <= area.rect.right;
      // An area the insertion fell inside has grown over the new lines already.
      if (!onSource || intersection(area.rect, newLines)) continue;
      const copy: GridRect = rows
        ? { ...newLines, left: area.rect.left, right: area.rect.right }
        : { ...newLines, top: area.rect.top, bottom: area.rect.bottom };
      this.setValidation(sheet, copy, area.rule);
    }
  }

  /** Moves everything that refers to the changed sheet's cells: formulas, areas, anchors. */
  private afterStructureChange(
    sheet: SheetState,
    change: StructureChange,
    move: (rect: GridRect) => GridRect | null,
  ): void {
    this.rewriteFormulas((formula, host) => adjustFormulaForChange(formula, host.name, change));
    const moveOn = <T extends GridRect>(rect: T): T | null => {
      const moved = move(rect);
      return moved ? { ...rect, ...moved } : null;
    };
    sheet.validations = sheet.validations.flatMap((area) => {
      const rect = moveOn(area.rect);
      return rect ? [{ ...area, rect }] : [];
    });
    sheet.conditionalFormats = sheet.conditionalFormats.flatMap((rule) => {
      const ranges = rule.ranges.map(moveOn).filter((rect): rect is GridRect => rect !== null);
      return ranges.length ? [{ ...rule, ranges }] : [];
    });
    sheet.protections = sheet.protections.flatMap((protection) => {
      const unprotected = protection.unprotected.map(moveOn).filter((rect): rect is GridRect => rect !== null);
      if (protection.type === 'SHEET' || !protection.rect) return [{ ...protection, unprotected }];
      const rect = moveOn(protection.rect);
      return rect ? [{ ...protection, rect, unprotected }] : [];
    });
    if (sheet.activeRange) sheet.activeRange = moveOn(sheet.activeRange);
    if (sheet.filter) sheet.filter = moveOn(sheet.filter);
    const moveSheetRect = (rect: SheetRect): SheetRect | null => (rect.sheetId === sheet.id ? moveOn(rect) : rect);
    for (const other of this.state.sheets) {
      for (const area of other.validations) {
        area.rule.args = area.rule.args.map((arg) => {
          if (arg === null || typeof arg !== 'object' || !('range' in arg)) return arg;
          return { range: moveSheetRect(arg.range) ?? arg.range };
        });
      }
      other.charts = other.charts.map((chart) => ({
        ...chart,
        ranges: chart.ranges.map(moveSheetRect).filter((rect): rect is SheetRect => rect !== null),
      }));
    }
    this.state.namedRanges = this.state.namedRanges.flatMap((named) => {
      const range = moveSheetRect(named.range);
      return range ? [{ ...named, range }] : [];
    });
    this.state.developerMetadata = this.state.developerMetadata.flatMap((metadata) => {
      const location = metadata.location;
      if (location.type !== (change.dimension === 'ROWS' ? 'ROW' : 'COLUMN') || location.sheetId !== sheet.id) {
        return [metadata];
      }
      const line: GridRect = {
        top: location.index,
        bottom: location.index,
        left: location.index,
        right: location.index,
      };
      const moved = move(line);
      if (!moved) return [];
      return [{ ...metadata, location: { ...location, index: change.dimension === 'ROWS' ? moved.top : moved.left } }];
    });
    this.invalidate();
  }

  /** Applies a rewrite to every stored formula (cells and custom conditional format rules). */
  rewriteFormulas(rewrite: (formula: string, host: SheetState) => string): void {
    for (const host of this.state.sheets) {
      for (const cells of host.rows) {
        if (!cells) continue;
        for (const cell of cells) if (cell?.f) cell.f = rewrite(cell.f, host);
      }
      for (const rule of host.conditionalFormats) {
        if (rule.criteria === 'CUSTOM_FORMULA') rule.args = [rewrite(String(rule.args[0]), host)];
      }
      for (const area of host.validations) {
        if (area.rule.criteria === 'CUSTOM_FORMULA') area.rule.args = [rewrite(String(area.rule.args[0]), host)];
      }
    }
    this.invalidate();
  }

  renameSheet(sheet: SheetState, name: string): void {
    const from = sheet.name;
    sheet.name = name;
    this.rewriteFormulas((formula) => renameSheetInFormula(formula, from, name));
  }

  /** Deletes a sheet; formulas elsewhere that referred to it show #REF!. */
  removeSheet(sheet: SheetState): void {
    const id = sheet.id;
    this.state.sheets = this.state.sheets.filter((other) => other !== sheet);
    this.rewriteFormulas((formula) => dropSheetFromFormula(formula, sheet.name));
    this.state.namedRanges = this.state.namedRanges.filter((named) => named.range.sheetId !== id);
    this.state.developerMetadata = this.state.developerMetadata.filter(
      (metadata) => metadata.location.type === 'SPREADSHEET' || metadata.location.sheetId !== id,
    );
    for (const other of this.state.sheets) {
      for (const chart of other.charts) chart.ranges = chart.ranges.filter((range) => range.sheetId !== id);
    }
  }
}

/** The values a checkbox rule stores when checked and unchecked (true / false unless customized). */
export function checkboxStates(rule: ValidationSpec): { checked: ReadValue; unchecked: ReadValue } {
  if (rule.args.length === 0) return { checked: true, unchecked: false };
  return { checked: rule.args[0] as ReadValue, unchecked: (rule.args[1] as ReadValue | undefined) ?? '' };
}

function toReadValue(value: Scalar): ReadValue {
  if (value === null) return '';
  if (value instanceof FormulaError) return value.code;
  return value;
}

function withoutContent({ v: _value, f: _formula, ...rest }: CellState): CellState {
  return rest;
}

function isEmptyCell(cell: CellState): boolean {
  for (const key in cell) if (cell[key as keyof CellState] !== undefined) return false;
  return true;
}

function compareForSort(a: ReadValue, b: ReadValue, ascending: boolean): number {
  if (a === '' || b === '') return a === b ? 0 : a === '' ? 1 : -1;
  const rank = (value: ReadValue): number => (typeof value === 'boolean' ? 2 : typeof value === 'string' ? 1 : 0);
  let order = rank(a) - rank(b);
  if (order === 0) {
    const x = typeof a === 'string' ? a.toLowerCase() : Number(a);
    const y = typeof b === 'string' ? b.toLowerCase() : Number(b);
    order = x < y ? -1 : x > y ? 1 : 0;
  }
  return ascending ? order : -order;
}

/** Re-keys a record by 1-based line numbers; a key mapped to null is dropped. */
function shiftKeys(record: Record<number, number>, shift: (key: number) => number | null): Record<number, number> {
  const out: Record<number, number> = {};
  for (const [key, value] of Object.entries(record)) {
    const shifted = shift(Number(key));
    if (shifted !== null) out[shifted] = value;
  }
  return out;
}

/** Inserts `count` empty slots at `index` of a sparse array (no-op past its end). */
function insertHoles(array: unknown[], index: number, count: number): void {
  if (array.length <= index) return;
  const tail = array.splice(index);
  array.length = index + count;
  for (const item of tail) array.push(item);
}

/** The number comparisons data validation and conditional formats share; null for other criteria. */
function compareNumber(criteria: string, number: number | null, a: number, b: number): boolean | null {
  switch (criteria) {
    case 'NUMBER_EQUAL_TO':
      return number === a;
    case 'NUMBER_NOT_EQUAL_TO':
      return number !== null && number !== a;
    case 'NUMBER_GREATER_THAN':
      return number !== null && number > a;
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return number !== null && number >= a;
    case 'NUMBER_LESS_THAN':
      return number !== null && number < a;
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return number !== null && number <= a;
    case 'NUMBER_BETWEEN':
    case 'NUMBER_NOT_BETWEEN': {
      if (number === null) return false;
      const inside = number >= Math.min(a, b) && number <= Math.max(a, b);
      return inside === (criteria === 'NUMBER_BETWEEN');
    }
    default:
      return null;
  }
}
