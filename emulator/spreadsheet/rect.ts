/**
 * Rectangle arithmetic for everything stored per area (validations, conditional formats,
 * protections, named ranges, charts) and for keeping those areas in place when rows or columns
 * are inserted or deleted, as Sheets does.
 */
import type { GridRect } from '../core/spreadsheet-state';

export type Dimension = 'ROWS' | 'COLUMNS';

export function rectOf(row: number, column: number, numRows = 1, numColumns = 1): GridRect {
  return { top: row, left: column, bottom: row + numRows - 1, right: column + numColumns - 1 };
}

export function rectRows(rect: GridRect): number {
  return rect.bottom - rect.top + 1;
}

export function rectColumns(rect: GridRect): number {
  return rect.right - rect.left + 1;
}

export function rectCells(rect: GridRect): number {
  return rectRows(rect) * rectColumns(rect);
}

export function containsCell(rect: GridRect, row: number, column: number): boolean {
  return row >= rect.top && row <= rect.bottom && column >= rect.left && column <= rect.right;
}

export function intersection(a: GridRect, b: GridRect): GridRect | null {
  const top = Math.max(a.top, b.top);
  const left = Math.max(a.left, b.left);
  const bottom = Math.min(a.bottom, b.bottom);
  const right = Math.min(a.right, b.right);
  return top <= bottom && left <= right ? { top, left, bottom, right } : null;
}

/** `from` minus `hole`: up to four rectangles (above, below, left, right of the hole). */
export function subtract(from: GridRect, hole: GridRect): GridRect[] {
  const cut = intersection(from, hole);
  if (!cut) return [from];
  const pieces: GridRect[] = [];
  if (from.top < cut.top) pieces.push({ ...from, bottom: cut.top - 1 });
  if (cut.bottom < from.bottom) pieces.push({ ...from, top: cut.bottom + 1 });
  if (from.left < cut.left) pieces.push({ top: cut.top, bottom: cut.bottom, left: from.left, right: cut.left - 1 });
  if (cut.right < from.right) pieces.push({ top: cut.top, bottom: cut.bottom, left: cut.right + 1, right: from.right });
  return pieces;
}

/** A 1-based position along one dimension after `count` lines were inserted before `at`. */
export function shiftIndexForInsert(index: number, at: number, count: number): number {
  return index >= at ? index + count : index;
}

/**
 * The span lo..hi (1-based, inclusive) along one dimension after lines at..at+count-1 were
 * deleted: what survives, moved up; null when all of it was deleted.
 */
export function shiftSpanForDelete(lo: number, hi: number, at: number, count: number): [number, number] | null {
  const last = at + count - 1;
  const keptBefore = Math.max(0, Math.min(hi, at - 1) - lo + 1);
  const keptAfter = Math.max(0, hi - Math.max(lo, last + 1) + 1);
  if (keptBefore + keptAfter === 0) return null;
  const newLo = lo < at ? lo : Math.max(lo, last + 1) - count;
  return [newLo, newLo + keptBefore + keptAfter - 1];
}

const EDGES = { ROWS: ['top', 'bottom'], COLUMNS: ['left', 'right'] } as const;

/**
 * The rectangle after `count` rows or columns were inserted before line `at`: areas below move
 * down, areas the insertion falls strictly inside grow, as a Sheets range does.
 */
export function shiftRectForInsert(rect: GridRect, dimension: Dimension, at: number, count: number): GridRect {
  const [start, end] = EDGES[dimension];
  return {
    ...rect,
    [start]: shiftIndexForInsert(rect[start], at, count),
    [end]: shiftIndexForInsert(rect[end], at, count),
  };
}

/** The rectangle after lines at..at+count-1 were deleted: shrunk, moved up, or null if gone. */
export function shiftRectForDelete(rect: GridRect, dimension: Dimension, at: number, count: number): GridRect | null {
  const [start, end] = EDGES[dimension];
  const span = shiftSpanForDelete(rect[start], rect[end], at, count);
  return span ? { ...rect, [start]: span[0], [end]: span[1] } : null;
}
