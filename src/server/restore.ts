/**
 * Case rows that disappeared from the Cases tab, found again in their verified history
 * (docs/product.md, Integrity): a row cleared by hand (Delete over the row) is filled back.
 */
import type { Case } from '../domain/model';
import type { Table } from '../sheets/table';

/** Whether every one of our columns in `raw` is empty. */
function isCleared(table: Table, raw: readonly unknown[]): boolean {
  return [...table.columns.values()].every(
    (index) => raw[index] === '' || raw[index] === null || raw[index] === undefined,
  );
}

/**
 * Rows of a restored block that are empty in every column of ours take back the logged cases
 * whose id is no longer in the tab, lowest id first (cases are appended in id order): no case is
 * lost, even if the rows were sorted before. One read of the id column, only when a row is empty.
 */
export function fillClearedRows(
  table: Table,
  rows: ReadonlyArray<readonly unknown[]>,
  recorded: Array<Case | null>,
  history: ReadonlyMap<string, Case>,
): void {
  const cleared = rows.flatMap((raw, i) => (recorded[i] === null && isCleared(table, raw) ? [i] : []));
  if (cleared.length === 0) return;
  const present = new Set(table.readColumn('id').map((id) => String(id ?? '').trim()));
  const missing = [...history.keys()].filter((id) => !present.has(id)).sort();
  cleared.forEach((i, k) => {
    const id = missing[k];
    if (id !== undefined) recorded[i] = history.get(id) ?? null;
  });
}
