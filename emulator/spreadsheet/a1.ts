/**
 * A1 notation: the one parser used by getRange('...'), named ranges, formulas and conditional
 * format formulas. Accepted forms: 'A1', 'A1:B2', 'A:A' / 'A:C' (whole columns), '2:2' / '2:5'
 * (whole rows), 'A2:C' (to the last row), 'A2:5' (to the last column), each with optional '$'
 * and an optional sheet prefix ('Sheet1!A1', "'My sheet'!A1").
 */
import type { GridRect } from '../core/spreadsheet-state';

export interface A1Endpoint {
  row?: number;
  column?: number;
  rowAbsolute: boolean;
  columnAbsolute: boolean;
}

export interface A1Reference {
  sheetName: string | null;
  start: A1Endpoint;
  end: A1Endpoint | null;
}

/** Which edges of a range were given: 'A:A' has neither row edge, 'A2:C' no end row. */
export interface RangeBounds {
  startRow: boolean;
  endRow: boolean;
  startColumn: boolean;
  endColumn: boolean;
}

export const FULLY_BOUNDED: RangeBounds = { startRow: true, endRow: true, startColumn: true, endColumn: true };

/** No edge given: the range of a sheet protection, whose A1 notation is ''. */
export const UNBOUNDED: RangeBounds = { startRow: false, endRow: false, startColumn: false, endColumn: false };

export function columnToLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

function lettersToColumn(letters: string): number {
  let column = 0;
  for (const ch of letters.toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  return column;
}

const ENDPOINT = /^(\$?)([A-Za-z]{1,3})?(\$?)([0-9]{1,7})?$/;

function parseEndpoint(text: string): A1Endpoint | null {
  const match = ENDPOINT.exec(text);
  if (!match || (!match[2] && !match[4])) return null;
  // '$' before a missing part ('$', 'A$') is not notation.
  if ((match[1] && !match[2]) || (match[3] && !match[4])) return null;
  const endpoint: A1Endpoint = { rowAbsolute: match[3] === '$', columnAbsolute: match[1] === '$' };
  if (match[2]) endpoint.column = lettersToColumn(match[2]);
  if (match[4]) {
    endpoint.row = Number(match[4]);
    if (endpoint.row < 1) return null;
  }
  return endpoint;
}

/** Splits "'My sheet'!A1:B2" into the unquoted sheet name and the rest. */
function splitSheetPrefix(text: string): { sheetName: string | null; rest: string } | null {
  if (text.startsWith("'")) {
    let i = 1;
    let name = '';
    while (i < text.length) {
      if (text[i] === "'") {
        if (text[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += text[i];
      i += 1;
    }
    if (text[i] !== "'" || text[i + 1] !== '!') return null;
    return { sheetName: name, rest: text.slice(i + 2) };
  }
  const bang = text.lastIndexOf('!');
  if (bang < 0) return { sheetName: null, rest: text };
  return { sheetName: text.slice(0, bang), rest: text.slice(bang + 1) };
}

/** Parses A1 notation; null when it is not one of the accepted forms. */
export function parseA1(text: string): A1Reference | null {
  const split = splitSheetPrefix(text.trim());
  if (!split || split.sheetName === '') return null;
  const parts = split.rest.split(':');
  if (parts.length > 2) return null;
  const start = parseEndpoint(parts[0] ?? '');
  if (!start) return null;
  if (parts.length === 1) {
    return start.row !== undefined && start.column !== undefined
      ? { sheetName: split.sheetName, start, end: null }
      : null;
  }
  const end = parseEndpoint(parts[1] ?? '');
  if (!end) return null;
  const startIsCell = start.row !== undefined && start.column !== undefined;
  const valid =
    (startIsCell && (end.row !== undefined || end.column !== undefined)) ||
    (start.row === undefined && end.row === undefined) || // 'A:C'
    (start.column === undefined && end.column === undefined); // '2:5'
  return valid ? { sheetName: split.sheetName, start, end } : null;
}

const R1C1_CELL = /^[Rr]([0-9]{1,7})[Cc]([0-9]{1,5})$/;

/**
 * Absolute R1C1 notation as getRange takes it besides A1 ('R5C3', 'R2C2:R4C5', in either case,
 * with an optional sheet prefix): null when the text is not that, so it is then read as A1.
 */
export function parseR1C1(text: string): A1Reference | null {
  const split = splitSheetPrefix(text.trim());
  if (!split || split.sheetName === '') return null;
  const parts = split.rest.split(':');
  if (parts.length > 2) return null;
  const endpoints = parts.map((part) => R1C1_CELL.exec(part));
  if (endpoints.some((match) => !match)) return null;
  const [start, end] = endpoints.map((match) => ({
    row: Number(match![1]),
    column: Number(match![2]),
    rowAbsolute: false,
    columnAbsolute: false,
  }));
  if (!start || [start, end].some((e) => e && (e.row < 1 || e.column < 1))) return null;
  return { sheetName: split.sheetName, start, end: end ?? null };
}

/**
 * The rectangle a reference covers on a sheet of the given size, and which edges were given.
 * Missing edges run to the sheet's edge, as in Sheets.
 */
export function resolveA1(
  ref: Pick<A1Reference, 'start' | 'end'>,
  maxRows: number,
  maxColumns: number,
): { rect: GridRect; bounds: RangeBounds } {
  const { start } = ref;
  const end = ref.end ?? start;
  const bounds: RangeBounds = {
    startRow: start.row !== undefined,
    endRow: end.row !== undefined,
    startColumn: start.column !== undefined,
    endColumn: end.column !== undefined,
  };
  const r1 = start.row ?? 1;
  const r2 = end.row ?? maxRows;
  const c1 = start.column ?? 1;
  const c2 = end.column ?? maxColumns;
  return {
    rect: { top: Math.min(r1, r2), bottom: Math.max(r1, r2), left: Math.min(c1, c2), right: Math.max(c1, c2) },
    bounds,
  };
}

function renderEndpoint(endpoint: A1Endpoint): string {
  const column =
    endpoint.column === undefined ? '' : `${endpoint.columnAbsolute ? '$' : ''}${columnToLetters(endpoint.column)}`;
  const row = endpoint.row === undefined ? '' : `${endpoint.rowAbsolute ? '$' : ''}${endpoint.row}`;
  return column + row;
}

/** Sheet names are quoted in A1 notation unless they are a plain word. */
function quoteSheetName(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_]*$/u.test(name) && !/^[A-Za-z]{1,3}[0-9]+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

export function renderA1(ref: A1Reference): string {
  const prefix = ref.sheetName === null ? '' : `${quoteSheetName(ref.sheetName)}!`;
  return prefix + renderEndpoint(ref.start) + (ref.end ? `:${renderEndpoint(ref.end)}` : '');
}

/** A1 notation of a rectangle as Range.getA1Notation gives it: 'A1', 'A1:B2', 'A:A', '2:2', 'A2:C'. */
export function rectToA1(rect: GridRect, bounds: RangeBounds = FULLY_BOUNDED): string {
  if (!Object.values(bounds).some(Boolean)) return '';
  const start: A1Endpoint = { rowAbsolute: false, columnAbsolute: false };
  const end: A1Endpoint = { rowAbsolute: false, columnAbsolute: false };
  if (bounds.startRow) start.row = rect.top;
  if (bounds.endRow) end.row = rect.bottom;
  if (bounds.startColumn) start.column = rect.left;
  if (bounds.endColumn) end.column = rect.right;
  const single = rect.top === rect.bottom && rect.left === rect.right && Object.values(bounds).every(Boolean);
  return renderA1({ sheetName: null, start, end: single ? null : end });
}
