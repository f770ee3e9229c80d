/**
 * What every SpreadsheetApp fake of one execution shares: the env (for metering and
 * authorization), the stored spreadsheet, and factories for the other fakes (so the fake classes
 * need not import each other).
 */
import type { ExecutionEnv, Need } from '../core/env';
import { SCOPES } from '../core/env';
import { gasError } from '../core/errors';
import { signatureMismatch } from '../core/shared';
import type { CallKind } from '../core/meter';
import { parseA1, parseR1C1, resolveA1, type RangeBounds } from './a1';
import { Book } from './book';
import type { GridRect, SheetRect, SheetState, SpreadsheetState } from '../core/spreadsheet-state';
import { rectOf } from './rect';

/** Reading or changing the document: any spreadsheet scope, at least AuthMode.LIMITED. */
const DOCUMENT_ACCESS: Need = { mode: 'LIMITED', scopes: SCOPES.spreadsheets };
/** Builders and enums touch no document. */
export const NO_ACCESS: Need = { mode: 'NONE' };

/** Where an emulated Range lies; how other fakes recognize a Range argument and find its cells. */
export const RANGE_LOCATION = Symbol('range location');

export interface LocatedRange {
  [RANGE_LOCATION](): SheetRect;
}

export function isEmulatedRange(value: unknown): value is LocatedRange & GoogleAppsScript.Spreadsheet.Range {
  return typeof value === 'object' && value !== null && RANGE_LOCATION in value;
}

/** The cells of a Range argument; a value that is not one of ours is a signature error. */
export function locationOf(range: unknown, member: string): SheetRect {
  if (!isEmulatedRange(range)) throw signatureMismatch(member, [range]);
  return range[RANGE_LOCATION]();
}

export interface FakeFactory {
  spreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet;
  sheet(sheetId: number): GoogleAppsScript.Spreadsheet.Sheet;
  range(sheetId: number, rect: GridRect, bounds?: RangeBounds): GoogleAppsScript.Spreadsheet.Range;
  rangeList(ranges: GoogleAppsScript.Spreadsheet.Range[]): GoogleAppsScript.Spreadsheet.RangeList;
  user(email: string): GoogleAppsScript.Base.User;
}

export class SheetsContext {
  constructor(
    readonly env: ExecutionEnv,
    readonly fakes: FakeFactory,
  ) {}

  get state(): SpreadsheetState {
    return this.env.state.spreadsheet;
  }

  /** A Book over the current state at the current virtual time; make one per operation. */
  book(): Book {
    return new Book(this.state, this.env.clock.now());
  }

  /** Set while one call carries out its work through other fakes' calls (see `asOneCall`). */
  private inOneCall = false;

  /** A call on the document: a round trip ('sheets'), or a read or write of `cells` cells. */
  call(member: string, kind: CallKind = 'sheets', cells = 0): void {
    if (!this.env.editAccess) throw gasError('You do not have permission to access the requested document.');
    if (!this.inOneCall) this.env.call(member, kind, DOCUMENT_ACCESS, cells);
  }

  /** A call answered in-process: a builder, an enum, a range's own coordinates. */
  local(member: string): void {
    if (!this.inOneCall) this.env.call(member, 'local', NO_ACCESS);
  }

  /**
   * One call of the script that the fake carries out with other fakes' calls (a RangeList applies
   * its operation range by range): metered once, as `member` moving `cells` cells; the calls
   * inside it are not metered again.
   */
  asOneCall<T>(member: string, kind: CallKind, cells: number, work: () => T): T {
    this.call(member, kind, cells);
    if (this.inOneCall) return work();
    this.inOneCall = true;
    try {
      return work();
    } finally {
      this.inOneCall = false;
    }
  }

  sheetState(sheetId: number): SheetState {
    const sheet = this.state.sheets.find((candidate) => candidate.id === sheetId);
    if (!sheet) throw gasError('The sheet was deleted.');
    return sheet;
  }

  /** Who the script acts as, for Protection.canEdit and the editors it may not remove. */
  get currentUser(): string {
    return this.env.effectiveUser;
  }

  /**
   * Resolves A1 notation ('Sheet1!A1:B2', "'My sheet'!A:A", 'A2:C') against a default sheet,
   * throwing "Range not found" as Apps Script does for anything it cannot read.
   */
  rangeFromA1(a1: string, defaultSheetId: number): GoogleAppsScript.Spreadsheet.Range {
    const ref = typeof a1 === 'string' ? (parseA1(a1) ?? parseR1C1(a1)) : null;
    const sheet = ref?.sheetName
      ? this.state.sheets.find((s) => s.name === ref.sheetName)
      : this.sheetState(defaultSheetId);
    if (!ref || !sheet) throw gasError('Range not found');
    const { rect, bounds } = resolveA1(ref, sheet.maxRows, sheet.maxColumns);
    if (rect.bottom > sheet.maxRows || rect.right > sheet.maxColumns) throw gasError('Range not found');
    return this.fakes.range(sheet.id, rect, bounds);
  }

  /** The coordinates check of Sheet.getRange(row, column, numRows, numColumns) and Range.offset. */
  checkedRect(sheet: SheetState, row: number, column: number, numRows = 1, numColumns = 1): GridRect {
    if (row < 1) throw gasError('The starting row of the range is too small.');
    if (column < 1) throw gasError('The starting column of the range is too small.');
    if (numRows < 1) throw gasError('The number of rows in the range must be at least 1.');
    if (numColumns < 1) throw gasError('The number of columns in the range must be at least 1.');
    const rect = rectOf(row, column, numRows, numColumns);
    if (rect.bottom > sheet.maxRows || rect.right > sheet.maxColumns) {
      throw gasError('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return rect;
  }

  nextObjectId(): number {
    return this.state.nextObjectId++;
  }
}

/** An email from an email string or a User (Apps Script accepts both). */
export function emailOf(user: unknown): string {
  if (
    typeof user === 'object' &&
    user !== null &&
    typeof (user as GoogleAppsScript.Base.User).getEmail === 'function'
  ) {
    return (user as GoogleAppsScript.Base.User).getEmail();
  }
  return String(user);
}
