/**
 * The spreadsheet as stored data. Owned by emulator/spreadsheet: the fakes in this folder are the
 * only code that reads or writes it (the sandbox grid reads it through ../spreadsheet/view).
 */

/** A stored cell value: '' is an empty cell. Dates are instants (the sheet shows them in its TZ). */
export type CellValue = string | number | boolean | Date;

export interface CellState {
  /** The value (for a formula cell, its last computed value). Absent means empty. */
  v?: CellValue;
  /** A formula such as '=SUM(A1:A3)'. */
  f?: string;
  /** Number format pattern; absent is Sheets' automatic format. '@' is plain text. */
  nf?: string;
  bg?: string;
  fontColor?: string;
  fontWeight?: 'bold' | 'normal';
  fontStyle?: 'italic' | 'normal';
  note?: string;
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
}

export interface SpreadsheetState {
  id: string;
  name: string;
  locale: string;
  timeZone: string;
  owner: string;
  sheets: SheetState[];
  nextSheetId: number;
  activeSheetId: number;
}

export interface NewSpreadsheetOptions {
  id?: string;
  name?: string;
  /** e.g. 'ru_RU', 'en_US' */
  locale?: string;
  timeZone?: string;
  owner?: string;
}

export function createSpreadsheetState(options: NewSpreadsheetOptions = {}): SpreadsheetState {
  return {
    id: options.id ?? '1ArbiterEmulatorSpreadsheet000000000000000',
    name: options.name ?? 'Arbiter',
    locale: options.locale ?? 'ru_RU',
    timeZone: options.timeZone ?? 'Europe/Moscow',
    owner: options.owner ?? 'lead@example.com',
    sheets: [
      {
        id: 0,
        name: options.locale?.startsWith('en') ? 'Sheet1' : 'Лист1',
        maxRows: 1000,
        maxColumns: 26,
        frozenRows: 0,
        frozenColumns: 0,
        hidden: false,
        rows: [],
      },
    ],
    nextSheetId: 1,
    activeSheetId: 0,
  };
}
