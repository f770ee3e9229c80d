/**
 * The spreadsheet as stored data. It lives in core with the rest of the state (state.ts), so that
 * core depends on nothing above it; it is owned by emulator/spreadsheet: the fakes there are the
 * only code that reads or writes it (the sandbox grid reads it through ../spreadsheet/view).
 *
 * Everything here is plain JSON plus `Date`s (see persist.ts). Cells are stored sparsely in
 * row arrays; rules that apply to areas (data validation, conditional formats, protections) are
 * stored once per rectangle, never per cell, so a rule on a 1,000-row column costs one record.
 */

/** A stored cell value. Dates are instants (the sheet shows them in its time zone). */
export type CellValue = string | number | boolean | Date;

export interface CellState {
  /** The value of a non-formula cell. Absent means empty. Formula cells are computed on read. */
  v?: CellValue;
  /** A formula such as '=SUM(A1:A3)'. */
  f?: string;
  /** Number format pattern; absent is Sheets' automatic format. '@' is plain text. */
  nf?: string;
  bg?: string;
  fontColor?: string;
  fontWeight?: 'bold' | 'normal';
  fontStyle?: 'italic' | 'normal';
  /** Horizontal alignment as Range.setHorizontalAlignment takes it ('left', 'center', 'right'). */
  hAlign?: string;
  /** Vertical alignment as Range.setVerticalAlignment takes it ('top', 'middle', 'bottom'). */
  vAlign?: string;
  /** WrapStrategy name: 'WRAP', 'OVERFLOW' or 'CLIP'. */
  wrap?: string;
  note?: string;
}

/** A rectangle of cells, 1-based and inclusive, on a sheet known from context. */
export interface GridRect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** A rectangle on a named sheet (by id, which survives renames). */
export interface SheetRect extends GridRect {
  sheetId: number;
}

/** An argument of a data validation criterion: a value, a list of values, or a range. */
export type ValidationArg = CellValue | CellValue[] | { range: SheetRect } | null;

export interface ValidationSpec {
  /** A SpreadsheetApp.DataValidationCriteria name, e.g. 'VALUE_IN_LIST'. */
  criteria: string;
  args: ValidationArg[];
  allowInvalid: boolean;
  helpText: string;
}

/** A validation rule and the cells it covers; rectangles of one sheet never overlap. */
export interface ValidationArea {
  rect: GridRect;
  rule: ValidationSpec;
}

/** RelativeDate names (TODAY, YESTERDAY, ...) are stored as { relativeDate: name }. */
export type ConditionArg = CellValue | { relativeDate: string };

export interface ConditionalFormatSpec {
  ranges: GridRect[];
  /** A SpreadsheetApp.BooleanCriteria name, e.g. 'TEXT_CONTAINS' or 'CUSTOM_FORMULA'. */
  criteria: string;
  args: ConditionArg[];
  format: {
    background?: string;
    fontColor?: string;
    bold?: boolean;
    italic?: boolean;
    strikethrough?: boolean;
    underline?: boolean;
  };
}

export interface ProtectionSpec {
  id: number;
  type: 'SHEET' | 'RANGE';
  /** The protected cells of a RANGE protection. */
  rect?: GridRect;
  /** A SHEET protection's holes. */
  unprotected: GridRect[];
  description: string;
  warningOnly: boolean;
  /**
   * Who may edit. null until a script changes the list: per the Protection reference, until then
   * "the permissions mirror those of the spreadsheet itself", i.e. every editor can edit.
   */
  editors: string[] | null;
  domainEdit: boolean;
}

export interface ChartSpec {
  id: number;
  /** Charts.ChartType name, e.g. 'BAR'. */
  type: string;
  ranges: SheetRect[];
  position: { anchorRow: number; anchorColumn: number; offsetX: number; offsetY: number };
  options: Record<string, unknown>;
}

export type MetadataLocation =
  | { type: 'SPREADSHEET' }
  | { type: 'SHEET'; sheetId: number }
  | { type: 'ROW' | 'COLUMN'; sheetId: number; index: number };

export interface DeveloperMetadataSpec {
  id: number;
  key: string;
  value: string | null;
  /** 'DOCUMENT' or 'PROJECT'. */
  visibility: string;
  location: MetadataLocation;
}

export interface NamedRangeSpec {
  name: string;
  range: SheetRect;
}

export interface SheetState {
  id: number;
  name: string;
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  frozenColumns: number;
  hidden: boolean;
  /** rows[r][c], 0-based; missing rows and cells are empty. */
  rows: Array<Array<CellState | null | undefined> | null | undefined>;
  tabColor: string | null;
  /** Pixel widths of columns set by a script, by 1-based column number. */
  columnWidths: Record<number, number>;
  /** The person's selection on this sheet (what getActiveRange returns), if any. */
  activeRange: GridRect | null;
  validations: ValidationArea[];
  conditionalFormats: ConditionalFormatSpec[];
  protections: ProtectionSpec[];
  charts: ChartSpec[];
  /** The basic filter's rectangle (Range.createFilter); absent or null when the sheet has none. */
  filter?: GridRect | null;
}

export interface SpreadsheetState {
  id: string;
  name: string;
  locale: string;
  timeZone: string;
  owner: string;
  /** People with edit access besides the owner. */
  editors: string[];
  sheets: SheetState[];
  nextSheetId: number;
  activeSheetId: number;
  namedRanges: NamedRangeSpec[];
  developerMetadata: DeveloperMetadataSpec[];
  /** Ids for protections, charts and developer metadata. */
  nextObjectId: number;
  /**
   * File > Settings > Recalculation (absent: ON_CHANGE, as a new spreadsheet has it). Stored only:
   * the emulator evaluates NOW() and TODAY() at the virtual clock whenever a cell is read or shown.
   */
  recalculationInterval?: 'ON_CHANGE' | 'MINUTE' | 'HOUR';
}

export interface NewSpreadsheetOptions {
  id?: string;
  name?: string;
  /** e.g. 'ru_RU', 'en_US' */
  locale?: string;
  timeZone?: string;
  owner?: string;
  editors?: string[];
}

/** A new sheet is 1000 rows by 26 columns, as in Sheets. */
export const NEW_SHEET_ROWS = 1000;
export const NEW_SHEET_COLUMNS = 26;
/** The width (px) of a column nobody resized. */
export const DEFAULT_COLUMN_WIDTH = 100;

export function createSheetState(id: number, name: string): SheetState {
  return {
    id,
    name,
    maxRows: NEW_SHEET_ROWS,
    maxColumns: NEW_SHEET_COLUMNS,
    frozenRows: 0,
    frozenColumns: 0,
    hidden: false,
    rows: [],
    tabColor: null,
    columnWidths: {},
    activeRange: null,
    validations: [],
    conditionalFormats: [],
    protections: [],
    charts: [],
  };
}

/** The default name of the n-th sheet in the spreadsheet's language ('Sheet1', 'Лист1'). */
export function defaultSheetName(locale: string, n: number): string {
  return `${locale.startsWith('ru') ? 'Лист' : 'Sheet'}${n}`;
}

export function createSpreadsheetState(options: NewSpreadsheetOptions = {}): SpreadsheetState {
  const locale = options.locale ?? 'ru_RU';
  return {
    id: options.id ?? '1ArbiterEmulatorSpreadsheet000000000000000',
    name: options.name ?? 'Arbiter',
    locale,
    timeZone: options.timeZone ?? 'Europe/Moscow',
    owner: options.owner ?? 'lead@example.com',
    editors: options.editors ?? [],
    sheets: [createSheetState(0, defaultSheetName(locale, 1))],
    nextSheetId: 1,
    activeSheetId: 0,
    namedRanges: [],
    developerMetadata: [],
    nextObjectId: 1,
  };
}
