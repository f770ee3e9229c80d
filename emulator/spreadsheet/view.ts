/**
 * The spreadsheet as the sandbox shows it, and a person editing it: pure functions over the
 * stored state, outside any execution (nothing is metered).
 *  - listSheets: the tabs;
 *  - sheetView: a sheet as a grid of what the cells show, with their colors (conditional formats
 *    applied), notes, dropdown lists, checkboxes and protection;
 *  - editCellAsUser: a person types into a cell. The text is read as setValue reads it; data
 *    validation that rejects input, and protections the person is not an editor of, refuse the
 *    edit as Sheets does. The runtime builds the onEdit event from what it returns.
 */
import type { EmulatorState } from '../core/state';
import { gasError, NotModeledError } from '../core/errors';
import { columnToLetters, parseA1, rectToA1, resolveA1 } from './a1';
import { Book, type ReadValue } from './book';
import { DEFAULT_BACKGROUND, DEFAULT_FONT_COLOR } from './colors';
import { formatValue } from './format';
import { DEFAULT_COLUMN_WIDTH, type SheetState, type ValidationSpec } from '../core/spreadsheet-state';

export interface SheetSummary {
  sheetId: number;
  name: string;
  /** 1-based position among the tabs. */
  index: number;
  hidden: boolean;
  active: boolean;
  tabColor: string | null;
}

export interface CellView {
  /** What the cell shows; '#NOT_MODELED' when the emulator cannot compute it (see `error`). */
  display: string;
  value: ReadValue;
  formula?: string;
  /** Colors and weight after conditional formatting; absent when the default. */
  background?: string;
  fontColor?: string;
  bold?: boolean;
  italic?: boolean;
  note?: string;
  /** The choices of a dropdown (list or range validation), null otherwise. */
  validationList?: string[] | null;
  checkbox?: boolean;
  /** A protection covering the cell refuses the viewer (or, with no viewer given, anyone but its editors). */
  protected: boolean;
  /** Why the cell could not be computed (a formula or format the emulator does not model). */
  error?: string;
}

export interface SheetView {
  sheetId: number;
  name: string;
  frozenRows: number;
  frozenColumns: number;
  maxRows: number;
  maxColumns: number;
  lastRow: number;
  lastColumn: number;
  columns: Array<{ column: number; letter: string; width: number }>;
  rows: Array<{ row: number; cells: CellView[] }>;
}

export interface SheetViewOptions {
  /** At most this many rows (default: the rows with content and a few blank ones to type in). */
  maxRows?: number;
  /** Virtual time for NOW() and TODAY() (default: the state's clock). */
  now?: number;
  /** Whose view: protections this person may edit are not marked protected. */
  user?: string;
}

/** Blank rows shown below the content by default, to type into. */
const BLANK_ROWS_SHOWN = 10;

export const NOT_MODELED_DISPLAY = '#NOT_MODELED';

export function listSheets(state: EmulatorState): SheetSummary[] {
  const spreadsheet = state.spreadsheet;
  return spreadsheet.sheets.map((sheet, i) => ({
    sheetId: sheet.id,
    name: sheet.name,
    index: i + 1,
    hidden: sheet.hidden,
    active: sheet.id === spreadsheet.activeSheetId,
    tabColor: sheet.tabColor,
  }));
}

function sheetNamed(book: Book, sheetName: string): SheetState {
  const sheet = book.sheetByName(sheetName);
  if (!sheet) throw gasError(`There is no sheet named "${sheetName}".`);
  return sheet;
}

/** The choices a dropdown offers: a list's values, or what a range's cells show. */
function dropdownChoices(book: Book, rule: ValidationSpec | null): string[] | null {
  if (rule?.criteria === 'VALUE_IN_LIST') return ((rule.args[0] as ReadValue[] | undefined) ?? []).map(String);
  if (rule?.criteria === 'VALUE_IN_RANGE') {
    const source = (rule.args[0] as { range?: { sheetId: number } } | undefined)?.range;
    const sheet = source && book.sheet(source.sheetId);
    if (!sheet || !source) return [];
    const range = source as { sheetId: number; top: number; left: number; bottom: number; right: number };
    return book
      .grid(sheet, range, (row, column) => book.display(sheet, row, column))
      .flat()
      .filter((choice) => choice !== '');
  }
  return null;
}

function cellView(book: Book, sheet: SheetState, row: number, column: number, user: string | undefined): CellView {
  const stored = book.cellState(sheet, row, column);
  const rule = book.validationAt(sheet, row, column);
  const view: CellView = {
    display: '',
    value: '',
    protected: book
      .protectionsAt(sheet, row, column)
      .some(
        (protection) =>
          !protection.warningOnly && (user === undefined ? true : !book.isProtectionEditor(protection, user)),
      ),
  };
  try {
    view.value = book.value(sheet, row, column);
    view.display = book.display(sheet, row, column);
    const conditional = book.conditionalFormatAt(sheet, row, column);
    const background = conditional?.background ?? stored?.bg;
    const fontColor = conditional?.fontColor ?? stored?.fontColor;
    if (background && background !== DEFAULT_BACKGROUND) view.background = background;
    if (fontColor && fontColor !== DEFAULT_FONT_COLOR) view.fontColor = fontColor;
    if (conditional?.bold ?? stored?.fontWeight === 'bold') view.bold = true;
    if (conditional?.italic ?? stored?.fontStyle === 'italic') view.italic = true;
  } catch (error) {
    if (!(error instanceof NotModeledError)) throw error;
    view.display = NOT_MODELED_DISPLAY;
    view.error = error.message;
  }
  if (stored?.f) view.formula = stored.f;
  if (stored?.note) view.note = stored.note;
  const choices = dropdownChoices(book, rule);
  if (choices) view.validationList = choices;
  if (rule?.criteria === 'CHECKBOX') view.checkbox = true;
  return view;
}

export function sheetView(state: EmulatorState, sheetName: string, options: SheetViewOptions = {}): SheetView {
  const book = new Book(state.spreadsheet, options.now ?? state.clockMs);
  const sheet = sheetNamed(book, sheetName);
  const lastRow = book.lastRow(sheet);
  const lastColumn = book.lastColumn(sheet);
  const rowCount = Math.min(sheet.maxRows, options.maxRows ?? lastRow + BLANK_ROWS_SHOWN);
  const columns = Array.from({ length: sheet.maxColumns }, (_, i) => ({
    column: i + 1,
    letter: columnToLetters(i + 1),
    width: sheet.columnWidths[i + 1] ?? DEFAULT_COLUMN_WIDTH,
  }));
  const rows = Array.from({ length: rowCount }, (_, i) => ({
    row: i + 1,
    cells: columns.map(({ column }) => cellView(book, sheet, i + 1, column, options.user)),
  }));
  return {
    sheetId: sheet.id,
    name: sheet.name,
    frozenRows: sheet.frozenRows,
    frozenColumns: sheet.frozenColumns,
    maxRows: sheet.maxRows,
    maxColumns: sheet.maxColumns,
    lastRow,
    lastColumn,
    columns,
    rows,
  };
}

export interface CellEdit {
  sheetName: string;
  row: number;
  column: number;
  a1: string;
  /**
   * The values as an onEdit event carries them: text ('TRUE' for a ticked checkbox, '5' for a
   * number), undefined when the cell was (or became) empty.
   */
  oldValue: string | undefined;
  value: string | undefined;
  /** Set when Sheets would warn but let the edit through (warning-only protection, invalid data allowed). */
  warning?: string;
}

/** A value as the onEdit event has it: text, or undefined for an empty cell. */
function eventValue(book: Book, sheet: SheetState, row: number, column: number): string | undefined {
  const value = book.value(sheet, row, column);
  if (value === '') return undefined;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  return formatValue(value, book.cellState(sheet, row, column)?.nf, book.formatContext);
}

/**
 * A person (`user`) types `input` into one cell (A1 notation on `sheetName`). Refused with Sheets'
 * message when a protection covers the cell and the person is not one of its editors (unless it
 * only warns), or when the value breaks a data validation rule that rejects invalid input.
 */
export function editCellAsUser(
  state: EmulatorState,
  sheetName: string,
  a1: string,
  input: string,
  user: string,
  now: number = state.clockMs,
): CellEdit {
  const book = new Book(state.spreadsheet, now);
  const sheet = sheetNamed(book, sheetName);
  const ref = parseA1(a1);
  if (!ref || ref.end || ref.sheetName) throw gasError(`"${a1}" is not the A1 notation of one cell.`);
  const { rect } = resolveA1(ref, sheet.maxRows, sheet.maxColumns);
  const { top: row, left: column } = rect;
  if (row > sheet.maxRows || column > sheet.maxColumns) throw gasError('Range not found');
  const cellA1 = rectToA1(rect);
  const warnings: string[] = [];

  for (const protection of book.protectionsAt(sheet, row, column)) {
    if (book.isProtectionEditor(protection, user)) continue;
    if (!protection.warningOnly) {
      throw gasError(
        'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
      );
    }
    warnings.push(
      `This part of the sheet is protected${protection.description ? ` (${protection.description})` : ''}; the edit was made after a warning.`,
    );
  }

  const oldValue = eventValue(book, sheet, row, column);
  const content = book.interpretTyped(sheet, row, column, input);
  const rule = book.validationAt(sheet, row, column);
  if (rule && 'value' in content) {
    const accepted = book.validationAccepts(rule, content.value ?? '', { sheet, row, column });
    if (!accepted) {
      // Sheets' wording when no help text is set; with help text, that text is shown.
      const message =
        rule.helpText || `The data you entered in cell ${cellA1} violates the data validation rules set on this cell.`;
      if (!rule.allowInvalid) throw gasError(message);
      warnings.push(`Invalid: ${message}`);
    }
  }
  book.writeContent(sheet, row, column, content);

  const edit: CellEdit = { sheetName, row, column, a1: cellA1, oldValue, value: eventValue(book, sheet, row, column) };
  if (warnings.length) edit.warning = warnings.join('\n');
  return edit;
}

/**
 * A person (`user`) deletes `count` rows from `row` on (right-click, Delete rows). Refused with
 * Sheets' message when a protection that is not warning-only covers a cell of those rows and the
 * person is not one of its editors.
 */
export function deleteRowsAsUser(
  state: EmulatorState,
  sheetName: string,
  row: number,
  count: number,
  user: string,
  now: number = state.clockMs,
): void {
  const book = new Book(state.spreadsheet, now);
  const sheet = sheetNamed(book, sheetName);
  for (let r = row; r < row + count; r++) {
    for (let c = 1; c <= sheet.maxColumns; c++) {
      const refused = book.protectionsAt(sheet, r, c).some((p) => !p.warningOnly && !book.isProtectionEditor(p, user));
      if (refused)
        throw gasError(
          'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
        );
    }
  }
  book.deleteLines(sheet, 'ROWS', row, count);
}
