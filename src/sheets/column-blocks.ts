/**
 * Reading and writing a few columns of many rows, priced by the performance model
 * (docs/architecture.md, The performance model): a read costs a round trip plus a little per
 * cell, a write more of both. So a job reads the columns it needs one block per run of adjacent
 * columns, bridging a gap of columns it does not need when reading them costs less than another
 * round trip; and it writes what changed one block per run of adjacent changed columns, from the
 * first changed row to the last, rewriting the unchanged cells in between as they were read.
 */
import { toCell, type CellWrite, type Table } from './table';

/** The model's prices (ms) of a Sheets read: per round trip and per cell. */
const READ_ROUND_TRIP_MS = 150;
const READ_CELL_MS = 0.03;

/** Column runs [first, last] (0-based indices) to read for `keys` over `rows` rows. */
export function readPlan(table: Table, keys: readonly string[], rows: number): Array<[number, number]> {
  const indices = [...new Set(keys.filter((k) => table.has(k)).map((k) => table.columnNumber(k) - 1))].sort(
    (a, b) => a - b,
  );
  const runs: Array<[number, number]> = [];
  for (const index of indices) {
    const last = runs[runs.length - 1];
    const gap = last ? index - last[1] - 1 : 0;
    if (last && gap * rows * READ_CELL_MS < READ_ROUND_TRIP_MS) last[1] = index;
    else runs.push([index, index]);
  }
  return runs;
}

/**
 * The rows `firstRow`…`firstRow + rows - 1`, each as a full-width array in which only the columns
 * of `keys` (and any bridged between them) hold what the sheet holds: `table.get` reads them as
 * usual, every other column reads as empty.
 */
export function readColumns(table: Table, keys: readonly string[], firstRow: number, rows: number): unknown[][] {
  const out: unknown[][] = Array.from({ length: rows }, () => new Array<unknown>(table.width));
  if (rows < 1) return out;
  for (const [from, to] of readPlan(table, keys, rows)) {
    const block = table.sheet.getRange(firstRow, from + 1, rows, to - from + 1).getValues();
    block.forEach((values, i) => values.forEach((value, j) => ((out[i] as unknown[])[from + j] = value)));
  }
  return out;
}

export interface CellChange {
  /** Sheet row (1-based). */
  row: number;
  key: string;
  value: CellWrite;
}

/**
 * Writes `changes` (cells of our columns) in one range write per run of adjacent changed columns,
 * spanning the first to the last changed row; the other cells of that span are rewritten as
 * `current` holds them (rows as read, from `firstRow`). Returns the number of writes.
 */
export function writeChanges(
  table: Table,
  changes: readonly CellChange[],
  current: ReadonlyArray<readonly unknown[]>,
  firstRow: number,
): number {
  const byColumn = new Map<number, Map<number, CellWrite>>();
  for (const change of changes) {
    const index = table.columnNumber(change.key) - 1;
    const cells = byColumn.get(index) ?? new Map<number, CellWrite>();
    cells.set(change.row, change.value);
    byColumn.set(index, cells);
  }
  const columns = [...byColumn.keys()].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const index of columns) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === index - 1) run.push(index);
    else runs.push([index]);
  }
  for (const run of runs) {
    const rowsChanged = run.flatMap((index) => [...(byColumn.get(index) as Map<number, CellWrite>).keys()]);
    const top = Math.min(...rowsChanged);
    const bottom = Math.max(...rowsChanged);
    const block = Array.from({ length: bottom - top + 1 }, (_, i) =>
      run.map((index) => {
        const cells = byColumn.get(index) as Map<number, CellWrite>;
        if (cells.has(top + i)) return toCell(cells.get(top + i));
        const value = current[top + i - firstRow]?.[index];
        return typeof value === 'string' ? toCell(value) : (value ?? '');
      }),
    );
    table.sheet.getRange(top, (run[0] as number) + 1, block.length, run.length).setValues(block);
  }
  return runs.length;
}
