/**
 * Range: values, formulas, display values, formats, notes, data validation, checkboxes,
 * protection, sorting and search over a rectangle of one sheet.
 * https://developers.google.com/apps-script/reference/spreadsheet/range
 *
 * Metering: reading N cells is one 'sheets.read' of N cells, writing N cells one 'sheets.write'
 * of N; a Range's own coordinates (getRow, getA1Notation, offset...) are answered locally, as
 * Apps Script builds Range objects without a round trip. Alignments are stored for the sandbox
 * view (their getters are not modeled); borders are accepted and not stored (nothing reads them).
 */
import { gasError } from '../core/errors';
import { RangeStub } from '../generated/stubs';
import { asEnum } from '../core/enums';
import { signatureMismatch } from '../core/shared';
import { FULLY_BOUNDED, rectToA1, type RangeBounds } from './a1';
import { checkboxStates, type Book, type ReadValue } from './book';
import { DEFAULT_BACKGROUND, DEFAULT_FONT_COLOR, normalizeColor } from './colors';
import { RANGE_LOCATION, type LocatedRange, type SheetsContext } from './context';
import { AUTOMATIC_FORMAT } from './format';
import { translateFormula } from './formula';
import { checkCellLengths, checkGridLengths, isDate } from './input';
import { addDeveloperMetadata, FakeDeveloperMetadataFinder, findMetadata } from './metadata';
import type {
  CellState,
  GridRect,
  MetadataLocation,
  SheetRect,
  SheetState,
  ValidationSpec,
} from '../core/spreadsheet-state';
import { addProtection } from './protection';
import { createFilter, filterOf } from './filter';
import { containsCell, intersection, rectCells, rectColumns, rectRows } from './rect';
import { FakeTextFinder } from './textfinder';
import { FakeDataValidation } from './validation';

type Range = GoogleAppsScript.Spreadsheet.Range;
type FontWeight = GoogleAppsScript.Spreadsheet.FontWeight;
type FontStyle = GoogleAppsScript.Spreadsheet.FontStyle;

/** A cell in a loop over a range: the Book, the sheet, and its coordinates. */
type CellVisitor<T> = (book: Book, sheet: SheetState, row: number, column: number) => T;

function copyValue(value: ReadValue): ReadValue {
  return isDate(value) ? new Date(value.getTime()) : value;
}

export class FakeRange extends RangeStub implements Range, LocatedRange {
  constructor(
    private readonly context: SheetsContext,
    private readonly sheetId: number,
    private readonly rect: GridRect,
    private readonly bounds: RangeBounds = FULLY_BOUNDED,
  ) {
    super();
  }

  [RANGE_LOCATION](): SheetRect {
    return { sheetId: this.sheetId, ...this.rect };
  }

  toString(): string {
    return 'Range';
  }

  private get numRows(): number {
    return rectRows(this.rect);
  }

  private get numColumns(): number {
    return rectColumns(this.rect);
  }

  private get cellCount(): number {
    return rectCells(this.rect);
  }

  // ---------------------------------------------------------------------------------------------
  // Loops with metering

  /** Reads every cell: one 'sheets.read' of all the range's cells. */
  private read<T>(member: string, visit: CellVisitor<T>): T[][] {
    this.context.call(`Range.${member}`, 'sheets.read', this.cellCount);
    const book = this.context.book();
    const sheet = this.context.sheetState(this.sheetId);
    return book.grid(sheet, this.rect, (row, column) => visit(book, sheet, row, column));
  }

  /** Reads the top-left cell: one 'sheets.read' of one cell. */
  private readFirst<T>(member: string, visit: CellVisitor<T>): T {
    this.context.call(`Range.${member}`, 'sheets.read', 1);
    const book = this.context.book();
    return visit(book, this.context.sheetState(this.sheetId), this.rect.top, this.rect.left);
  }

  /** Writes every cell: one 'sheets.write' of all the range's cells. */
  private writeEach(member: string, visit: CellVisitor<void>): this {
    this.context.call(`Range.${member}`, 'sheets.write', this.cellCount);
    const book = this.context.book();
    const sheet = this.context.sheetState(this.sheetId);
    for (let row = this.rect.top; row <= this.rect.bottom; row++) {
      for (let column = this.rect.left; column <= this.rect.right; column++) visit(book, sheet, row, column);
    }
    return this;
  }

  /** Writes a grid of per-cell data after checking its dimensions, as setValues does. */
  private writeGrid<T>(
    member: string,
    data: T[][],
    write: (book: Book, sheet: SheetState, row: number, column: number, item: T) => void,
  ): this {
    this.context.call(`Range.${member}`, 'sheets.write', this.cellCount);
    this.checkDimensions(member, data);
    const book = this.context.book();
    const sheet = this.context.sheetState(this.sheetId);
    data.forEach((line, i) =>
      line.forEach((item, j) => write(book, sheet, this.rect.top + i, this.rect.left + j, item)),
    );
    return this;
  }

  private checkDimensions(member: string, data: unknown): asserts data is unknown[][] {
    if (!Array.isArray(data)) throw signatureMismatch(`SpreadsheetApp.Range.${member}`, [data]);
    if (data.length !== this.numRows) {
      throw gasError(
        `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${this.numRows}.`,
      );
    }
    for (const line of data) {
      if (!Array.isArray(line)) throw signatureMismatch(`SpreadsheetApp.Range.${member}`, [data]);
      if (line.length !== this.numColumns) {
        throw gasError(
          `The number of columns in the data does not match the number of columns in the range. The data has ${line.length} but the range has ${this.numColumns}.`,
        );
      }
    }
  }

  /** Sets one stored cell property on every cell (undefined clears it back to the default). */
  private setEach<K extends keyof CellState>(member: string, key: K, value: CellState[K] | undefined): this {
    this.context.call(`Range.${member}`, 'sheets.write', this.cellCount);
    this.context.book().setProperty(this.context.sheetState(this.sheetId), this.rect, key, value);
    return this;
  }

  private setGrid<K extends keyof CellState, T>(
    member: string,
    key: K,
    data: T[][],
    convert: (item: T) => CellState[K] | undefined,
  ): this {
    return this.writeGrid(member, data, (book, sheet, row, column, item) =>
      book.setProperty(sheet, { top: row, left: column, bottom: row, right: column }, key, convert(item)),
    );
  }

  private local(member: string): void {
    this.context.local(`Range.${member}`);
  }

  // ---------------------------------------------------------------------------------------------
  // Coordinates (local)

  override getA1Notation(): string {
    this.local('getA1Notation');
    return rectToA1(this.rect, this.bounds);
  }

  override getRow(): number {
    this.local('getRow');
    return this.rect.top;
  }

  override getRowIndex(): number {
    this.local('getRowIndex');
    return this.rect.top;
  }

  override getColumn(): number {
    this.local('getColumn');
    return this.rect.left;
  }

  override getLastRow(): number {
    this.local('getLastRow');
    return this.rect.bottom;
  }

  override getLastColumn(): number {
    this.local('getLastColumn');
    return this.rect.right;
  }

  override getNumRows(): number {
    this.local('getNumRows');
    return this.numRows;
  }

  override getNumColumns(): number {
    this.local('getNumColumns');
    return this.numColumns;
  }

  override getHeight(): number {
    this.local('getHeight');
    return this.numRows;
  }

  override getWidth(): number {
    this.local('getWidth');
    return this.numColumns;
  }

  override getGridId(): number {
    this.local('getGridId');
    return this.sheetId;
  }

  override getSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    this.local('getSheet');
    return this.context.fakes.sheet(this.sheetId);
  }

  override isStartRowBounded(): boolean {
    this.local('isStartRowBounded');
    return this.bounds.startRow;
  }

  override isEndRowBounded(): boolean {
    this.local('isEndRowBounded');
    return this.bounds.endRow;
  }

  override isStartColumnBounded(): boolean {
    this.local('isStartColumnBounded');
    return this.bounds.startColumn;
  }

  override isEndColumnBounded(): boolean {
    this.local('isEndColumnBounded');
    return this.bounds.endColumn;
  }

  override offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): Range {
    this.local('offset');
    const sheet = this.context.sheetState(this.sheetId);
    const rect = this.context.checkedRect(
      sheet,
      this.rect.top + rowOffset,
      this.rect.left + columnOffset,
      numRows ?? this.numRows,
      numColumns ?? this.numColumns,
    );
    return this.context.fakes.range(this.sheetId, rect);
  }

  override getCell(row: number, column: number): Range {
    this.local('getCell');
    if (row < 1 || column < 1 || row > this.numRows || column > this.numColumns)
      throw gasError('Cell reference out of range');
    const top = this.rect.top + row - 1;
    const left = this.rect.left + column - 1;
    return this.context.fakes.range(this.sheetId, { top, left, bottom: top, right: left });
  }

  // ---------------------------------------------------------------------------------------------
  // Values and formulas

  override getValues(): ReadValue[][] {
    return this.read('getValues', (book, sheet, row, column) => copyValue(book.value(sheet, row, column)));
  }

  override getValue(): ReadValue {
    return this.readFirst('getValue', (book, sheet, row, column) => copyValue(book.value(sheet, row, column)));
  }

  override getDisplayValues(): string[][] {
    return this.read('getDisplayValues', (book, sheet, row, column) => book.display(sheet, row, column));
  }

  override getDisplayValue(): string {
    return this.readFirst('getDisplayValue', (book, sheet, row, column) => book.display(sheet, row, column));
  }

  override getFormulas(): string[][] {
    return this.read('getFormulas', (book, sheet, row, column) => book.cellState(sheet, row, column)?.f ?? '');
  }

  override getFormula(): string {
    return this.readFirst('getFormula', (book, sheet, row, column) => book.cellState(sheet, row, column)?.f ?? '');
  }

  override setValues(values: unknown[][]): this {
    checkGridLengths(values);
    return this.writeGrid('setValues', values, (book, sheet, row, column, value) =>
      book.writeScriptValue(sheet, row, column, value),
    );
  }

  override setValue(value: unknown): this {
    checkCellLengths([value]);
    return this.writeEach('setValue', (book, sheet, row, column) => book.writeScriptValue(sheet, row, column, value));
  }

  /** Formula text written as is; other text (and '') is read as typed. */
  private writeFormula(book: Book, sheet: SheetState, row: number, column: number, formula: unknown): void {
    const text = String(formula ?? '');
    book.writeContent(
      sheet,
      row,
      column,
      text.startsWith('=') ? { formula: text } : book.interpretTyped(sheet, row, column, text),
    );
  }

  /** On a multi-cell range the formula is written for the top-left cell and copied across, as in the UI. */
  override setFormula(formula: string): this {
    checkCellLengths([formula]);
    return this.writeEach('setFormula', (book, sheet, row, column) =>
      this.writeFormula(
        book,
        sheet,
        row,
        column,
        translateFormula(String(formula), row - this.rect.top, column - this.rect.left),
      ),
    );
  }

  override setFormulas(formulas: string[][]): this {
    checkGridLengths(formulas);
    return this.writeGrid('setFormulas', formulas, (book, sheet, row, column, formula) =>
      this.writeFormula(book, sheet, row, column, formula),
    );
  }

  override isBlank(): boolean {
    this.context.call('Range.isBlank');
    const book = this.context.book();
    const sheet = this.context.sheetState(this.sheetId);
    return book
      .grid(sheet, this.rect, (row, column) => book.hasContent(sheet, row, column))
      .every((line) => !line.some(Boolean));
  }

  // ---------------------------------------------------------------------------------------------
  // Formats and notes

  override getNumberFormats(): string[][] {
    return this.read(
      'getNumberFormats',
      (book, sheet, row, column) => book.cellState(sheet, row, column)?.nf ?? AUTOMATIC_FORMAT,
    );
  }

  override getNumberFormat(): string {
    return this.readFirst(
      'getNumberFormat',
      (book, sheet, row, column) => book.cellState(sheet, row, column)?.nf ?? AUTOMATIC_FORMAT,
    );
  }

  override setNumberFormat(numberFormat: string): this {
    return this.setEach('setNumberFormat', 'nf', storedNumberFormat(numberFormat));
  }

  override setNumberFormats(numberFormats: string[][]): this {
    return this.setGrid('setNumberFormats', 'nf', numberFormats, storedNumberFormat);
  }

  override getBackgrounds(): string[][] {
    return this.read(
      'getBackgrounds',
      (book, sheet, row, column) => book.cellState(sheet, row, column)?.bg ?? DEFAULT_BACKGROUND,
    );
  }

  override getBackground(): string {
    return this.readFirst(
      'getBackground',
      (book, sheet, row, column) => book.cellState(sheet, row, column)?.bg ?? DEFAULT_BACKGROUND,
    );
  }

  override setBackground(color: string | null): this {
    return this.setEach('setBackground', 'bg', storedColor(color, DEFAULT_BACKGROUND));
  }

  override setBackgroundRGB(red: number, green: number, blue: number): this {
    const hex = `#${[red, green, blue]
      .map((c) =>
        Math.max(0, Math.min(255, Math.round(c)))
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')}`;
    return this.setEach('setBackgroundRGB', 'bg', storedColor(hex, DEFAULT_BACKGROUND));
  }

  override setBackgrounds(colors: Array<Array<string | null>>): this {
    return this.setGrid('setBackgrounds', 'bg', colors, (color) => storedColor(color, DEFAULT_BACKGROUND));
  }

  override getFontColors(): string[][] {
    return this.read(
      'getFontColors',
      (book, sheet, row, column) => book.cellState(sheet, row, column)?.fontColor ?? DEFAULT_FONT_COLOR,
    );
  }

  override getFontColor(): string {
    return this.readFirst(
      'getFontColor',
      (book, sheet, row, column) => book.cellState(sheet, row, column)?.fontColor ?? DEFAULT_FONT_COLOR,
    );
  }

  override setFontColor(color: string | null): this {
    return this.setEach('setFontColor', 'fontColor', storedColor(color, DEFAULT_FONT_COLOR));
  }

  override setFontColors(colors: Array<Array<string | null>>): this {
    return this.setGrid('setFontColors', 'fontColor', colors, (color) => storedColor(color, DEFAULT_FONT_COLOR));
  }

  override getFontWeights(): FontWeight[][] {
    return this.read(
      'getFontWeights',
      (book, sheet, row, column) => book.cellState(sheet, row, column)?.fontWeight ?? 'normal',
    );
  }

  override getFontWeight(): FontWeight {
    return this.readFirst(
      'getFontWeight',
      (book, sheet, row, column) => book.cellState(sheet, row, column)?.fontWeight ?? 'normal',
    );
  }

  override setFontWeight(fontWeight: FontWeight | null): this {
    return this.setEach('setFontWeight', 'fontWeight', fontWeight === 'bold' ? 'bold' : undefined);
  }

  override setFontWeights(fontWeights: Array<Array<FontWeight | null>>): this {
    return this.setGrid('setFontWeights', 'fontWeight', fontWeights, (weight) =>
      weight === 'bold' ? 'bold' : undefined,
    );
  }

  override getFontStyles(): FontStyle[][] {
    return this.read(
      'getFontStyles',
      (book, sheet, row, column) => book.cellState(sheet, row, column)?.fontStyle ?? 'normal',
    );
  }

  override getFontStyle(): FontStyle {
    return this.readFirst(
      'getFontStyle',
      (book, sheet, row, column) => book.cellState(sheet, row, column)?.fontStyle ?? 'normal',
    );
  }

  override setFontStyle(fontStyle: FontStyle | null): this {
    return this.setEach('setFontStyle', 'fontStyle', fontStyle === 'italic' ? 'italic' : undefined);
  }

  override setFontStyles(fontStyles: Array<Array<FontStyle | null>>): this {
    return this.setGrid('setFontStyles', 'fontStyle', fontStyles, (style) =>
      style === 'italic' ? 'italic' : undefined,
    );
  }

  override setHorizontalAlignment(alignment: string | null): this {
    return this.setEach('setHorizontalAlignment', 'hAlign', alignment ?? undefined);
  }

  override setHorizontalAlignments(alignments: Array<Array<string | null>>): this {
    return this.setGrid('setHorizontalAlignments', 'hAlign', alignments, (alignment) => alignment ?? undefined);
  }

  override setVerticalAlignment(alignment: string | null): this {
    return this.setEach('setVerticalAlignment', 'vAlign', alignment ?? undefined);
  }

  override setVerticalAlignments(alignments: Array<Array<string | null>>): this {
    return this.setGrid('setVerticalAlignments', 'vAlign', alignments, (alignment) => alignment ?? undefined);
  }

  override setWrap(isWrapEnabled: boolean): this {
    return this.setEach('setWrap', 'wrap', isWrapEnabled ? 'WRAP' : 'OVERFLOW');
  }

  override setWrapStrategy(strategy: unknown): this {
    return this.setEach('setWrapStrategy', 'wrap', storedWrap(strategy));
  }

  override setWrapStrategies(strategies: unknown[][]): this {
    return this.setGrid('setWrapStrategies', 'wrap', strategies, storedWrap);
  }

  override getWrapStrategy(): GoogleAppsScript.Spreadsheet.WrapStrategy {
    return this.readFirst('getWrapStrategy', (book, sheet, row, column) => wrapOf(book.cellState(sheet, row, column)));
  }

  override getWrapStrategies(): GoogleAppsScript.Spreadsheet.WrapStrategy[][] {
    return this.read('getWrapStrategies', (book, sheet, row, column) => wrapOf(book.cellState(sheet, row, column)));
  }

  override getWrap(): boolean {
    return this.readFirst('getWrap', (book, sheet, row, column) => wraps(book.cellState(sheet, row, column)));
  }

  override getWraps(): boolean[][] {
    return this.read('getWraps', (book, sheet, row, column) => wraps(book.cellState(sheet, row, column)));
  }

  /** Accepted and not stored: no Apps Script member reads borders back. */
  override setBorder(): this {
    this.context.call('Range.setBorder', 'sheets.write', this.cellCount);
    return this;
  }

  override getNotes(): string[][] {
    return this.read('getNotes', (book, sheet, row, column) => book.cellState(sheet, row, column)?.note ?? '');
  }

  override getNote(): string {
    return this.readFirst('getNote', (book, sheet, row, column) => book.cellState(sheet, row, column)?.note ?? '');
  }

  override setNote(note: string | null): this {
    return this.setEach('setNote', 'note', note ? String(note) : undefined);
  }

  override setNotes(notes: Array<Array<string | null>>): this {
    return this.setGrid('setNotes', 'note', notes, (note) => (note ? String(note) : undefined));
  }

  // ---------------------------------------------------------------------------------------------
  // Clearing

  /** clear() clears contents, formats and data validation; options pick what to clear. */
  override clear(options?: {
    commentsOnly?: boolean;
    contentsOnly?: boolean;
    formatOnly?: boolean;
    validationsOnly?: boolean;
    skipFilteredRows?: boolean;
  }): this {
    this.context.call('Range.clear');
    const only =
      options && (options.commentsOnly || options.contentsOnly || options.formatOnly || options.validationsOnly);
    const what = only
      ? {
          notes: options.commentsOnly,
          contents: options.contentsOnly,
          formats: options.formatOnly,
          validations: options.validationsOnly,
        }
      : { contents: true, formats: true, validations: true };
    this.context.book().clear(this.context.sheetState(this.sheetId), this.rect, what);
    return this;
  }

  override clearContent(): this {
    return this.clearOnly('clearContent', { contents: true });
  }

  override clearFormat(): this {
    return this.clearOnly('clearFormat', { formats: true });
  }

  override clearNote(): this {
    return this.clearOnly('clearNote', { notes: true });
  }

  override clearDataValidations(): this {
    return this.clearOnly('clearDataValidations', { validations: true });
  }

  private clearOnly(member: string, what: Parameters<Book['clear']>[2]): this {
    this.context.call(`Range.${member}`);
    this.context.book().clear(this.context.sheetState(this.sheetId), this.rect, what);
    return this;
  }

  // ---------------------------------------------------------------------------------------------
  // Data validation and checkboxes

  override getDataValidations(): Array<Array<GoogleAppsScript.Spreadsheet.DataValidation | null>> {
    return this.read('getDataValidations', (book, sheet, row, column) =>
      this.validationObject(book.validationAt(sheet, row, column)),
    );
  }

  override getDataValidation(): GoogleAppsScript.Spreadsheet.DataValidation | null {
    return this.readFirst('getDataValidation', (book, sheet, row, column) =>
      this.validationObject(book.validationAt(sheet, row, column)),
    );
  }

  private validationObject(rule: ValidationSpec | null): GoogleAppsScript.Spreadsheet.DataValidation | null {
    return rule ? new FakeDataValidation(this.context, rule) : null;
  }

  override setDataValidation(rule: GoogleAppsScript.Spreadsheet.DataValidation | null): this {
    this.context.call('Range.setDataValidation', 'sheets.write', this.cellCount);
    const spec = rule === null ? null : validationSpecOf(rule, 'Range.setDataValidation');
    this.context.book().setValidation(this.context.sheetState(this.sheetId), this.rect, spec);
    return this;
  }

  /** Stored per column run of identical rules, so a column of equal rules is one record. */
  override setDataValidations(rules: Array<Array<GoogleAppsScript.Spreadsheet.DataValidation | null>>): this {
    this.context.call('Range.setDataValidations', 'sheets.write', this.cellCount);
    this.checkDimensions('setDataValidations', rules);
    const book = this.context.book();
    const sheet = this.context.sheetState(this.sheetId);
    const specs = rules.map((line) =>
      line.map((rule) => (rule === null ? null : validationSpecOf(rule, 'Range.setDataValidations'))),
    );
    for (let j = 0; j < this.numColumns; j++) {
      let runStart = 0;
      for (let i = 1; i <= this.numRows; i++) {
        const current = specs[runStart]?.[j] ?? null;
        if (i < this.numRows && JSON.stringify(specs[i]?.[j] ?? null) === JSON.stringify(current)) continue;
        const column = this.rect.left + j;
        book.setValidation(
          sheet,
          { top: this.rect.top + runStart, bottom: this.rect.top + i - 1, left: column, right: column },
          current,
        );
        runStart = i;
      }
    }
    return this;
  }

  /**
   * Checkbox validation on every cell; every cell's value becomes the unchecked value (false, or
   * empty when only a checked value is given), per Range.insertCheckboxes.
   */
  override insertCheckboxes(checkedValue?: unknown, uncheckedValue?: unknown): this {
    const args =
      checkedValue === undefined ? [] : uncheckedValue === undefined ? [checkedValue] : [checkedValue, uncheckedValue];
    const rule: ValidationSpec = {
      criteria: 'CHECKBOX',
      args: args.map((a) => a as ReadValue),
      allowInvalid: false,
      helpText: '',
    };
    const { unchecked } = checkboxStates(rule);
    this.writeEach('insertCheckboxes', (book, sheet, row, column) =>
      book.writeScriptValue(sheet, row, column, unchecked),
    );
    this.context.book().setValidation(this.context.sheetState(this.sheetId), this.rect, rule);
    return this;
  }

  /** Removes checkbox validation, and the values of cells that held a checkbox state. */
  override removeCheckboxes(): this {
    return this.writeEach('removeCheckboxes', (book, sheet, row, column) => {
      const rule = book.validationAt(sheet, row, column);
      if (rule?.criteria !== 'CHECKBOX') return;
      const { checked, unchecked } = checkboxStates(rule);
      const value = book.value(sheet, row, column);
      if (value === checked || value === unchecked) book.writeContent(sheet, row, column, { value: null });
      book.setValidation(sheet, { top: row, left: column, bottom: row, right: column }, null);
    });
  }

  /** Cells whose value is neither checkbox state (or that have no checkbox) are left alone. */
  private setCheckState(member: string, state: 'checked' | 'unchecked'): this {
    return this.writeEach(member, (book, sheet, row, column) => {
      const rule = book.validationAt(sheet, row, column);
      if (rule?.criteria !== 'CHECKBOX') return;
      const states = checkboxStates(rule);
      const value = book.value(sheet, row, column);
      if (value === states.checked || value === states.unchecked)
        book.writeScriptValue(sheet, row, column, states[state]);
    });
  }

  override check(): this {
    return this.setCheckState('check', 'checked');
  }

  override uncheck(): this {
    return this.setCheckState('uncheck', 'unchecked');
  }

  /** true if every cell is checked, false if every cell is unchecked, null otherwise. */
  override isChecked(): boolean | null {
    const states = this.read('isChecked', (book, sheet, row, column) => {
      const rule = book.validationAt(sheet, row, column);
      if (rule?.criteria !== 'CHECKBOX') return null;
      const value = book.value(sheet, row, column);
      const { checked, unchecked } = checkboxStates(rule);
      return value === checked ? true : value === unchecked ? false : null;
    }).flat();
    if (states.every((state) => state === true)) return true;
    if (states.every((state) => state === false)) return false;
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // Sorting, selection, protection, search, metadata

  override sort(sortSpecObj: unknown): this {
    this.context.call('Range.sort');
    const specs = Array.isArray(sortSpecObj) ? sortSpecObj : [sortSpecObj];
    const keys = specs.map((spec) => {
      const key =
        typeof spec === 'number'
          ? { column: spec, ascending: true }
          : {
              column: Number((spec as { column?: unknown }).column),
              ascending: (spec as { ascending?: unknown }).ascending !== false,
            };
      if (!(key.column >= this.rect.left && key.column <= this.rect.right)) {
        throw gasError(`The column ${key.column} is out of the range of the sort.`);
      }
      return key;
    });
    this.context.book().sortRows(this.context.sheetState(this.sheetId), this.rect, keys);
    return this;
  }

  override activate(): this {
    this.context.call('Range.activate');
    const sheet = this.context.sheetState(this.sheetId);
    sheet.activeRange = { ...this.rect };
    this.context.state.activeSheetId = this.sheetId;
    return this;
  }

  override createFilter(): GoogleAppsScript.Spreadsheet.Filter {
    this.context.call('Range.createFilter');
    return createFilter(this.context, this.sheetId, this.rect);
  }

  /** "Returns the filter on the sheet this range belongs to, or null if there is no filter on the sheet." */
  override getFilter(): GoogleAppsScript.Spreadsheet.Filter | null {
    this.context.call('Range.getFilter');
    return filterOf(this.context, this.sheetId);
  }

  override protect(): GoogleAppsScript.Spreadsheet.Protection {
    this.context.call('Range.protect');
    return addProtection(this.context, this.sheetId, this.rect);
  }

  /** Whether the user running the script may edit every cell of the range. */
  override canEdit(): boolean {
    this.context.call('Range.canEdit');
    const book = this.context.book();
    const sheet = this.context.sheetState(this.sheetId);
    return sheet.protections.every((protection) => {
      const covers =
        protection.type === 'RANGE'
          ? protection.rect !== undefined && intersection(protection.rect, this.rect) !== null
          : !protection.unprotected.some(
              (hole) =>
                containsCell(hole, this.rect.top, this.rect.left) &&
                containsCell(hole, this.rect.bottom, this.rect.right),
            );
      return !covers || book.isProtectionEditor(protection, this.context.currentUser);
    });
  }

  override createTextFinder(findText: string): GoogleAppsScript.Spreadsheet.TextFinder {
    this.local('createTextFinder');
    return new FakeTextFinder(this.context, [{ sheetId: this.sheetId, rect: this.rect }], String(findText));
  }

  /** A whole row or a whole column: where developer metadata can live on a range. */
  private metadataLocation(): MetadataLocation | null {
    const sheet = this.context.sheetState(this.sheetId);
    const wholeRows = this.rect.left === 1 && this.rect.right === sheet.maxColumns;
    const wholeColumns = this.rect.top === 1 && this.rect.bottom === sheet.maxRows;
    if (wholeRows && this.numRows === 1) return { type: 'ROW', sheetId: this.sheetId, index: this.rect.top };
    if (wholeColumns && this.numColumns === 1) return { type: 'COLUMN', sheetId: this.sheetId, index: this.rect.left };
    return null;
  }

  override addDeveloperMetadata(key: string, second?: unknown, third?: unknown): this {
    this.context.call('Range.addDeveloperMetadata');
    const location = this.metadataLocation();
    if (!location) {
      throw gasError(
        'Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.',
      );
    }
    addDeveloperMetadata(this.context, location, key, second, third);
    return this;
  }

  override getDeveloperMetadata(): GoogleAppsScript.Spreadsheet.DeveloperMetadata[] {
    this.context.call('Range.getDeveloperMetadata');
    const location = this.metadataLocation();
    return location
      ? findMetadata(this.context, (spec) => JSON.stringify(spec.location) === JSON.stringify(location))
      : [];
  }

  override createDeveloperMetadataFinder(): GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder {
    this.local('createDeveloperMetadataFinder');
    const sheet = this.context.sheetState(this.sheetId);
    return new FakeDeveloperMetadataFinder(this.context, { kind: 'range', sheet, rect: this.rect });
  }
}

/** The stored spec of a DataValidation argument (built by our builder, or read from a range). */
function validationSpecOf(rule: unknown, member: string): ValidationSpec {
  if (!(rule instanceof FakeDataValidation)) throw signatureMismatch(`SpreadsheetApp.${member}`, [rule]);
  // Stored as a copy: the script keeps its DataValidation object.
  return structuredClone(rule.spec);
}

/**
 * '', 'general' and the automatic format's own name leave a cell in the automatic format (Apps
 * Script reads 'general' back as '0.###############').
 */
function storedNumberFormat(numberFormat: string | null): string | undefined {
  return !numberFormat || numberFormat === AUTOMATIC_FORMAT || String(numberFormat).toLowerCase() === 'general'
    ? undefined
    : String(numberFormat);
}

function storedColor(color: string | null | undefined, defaultColor: string): string | undefined {
  if (color === null || color === undefined || color === '') return undefined;
  const normalized = normalizeColor(color);
  return normalized === defaultColor ? undefined : normalized;
}

/** An explicit OVERFLOW is stored: it reads differently from a cell nobody set (see wraps). */
function storedWrap(strategy: unknown): string | undefined {
  return strategy === null || strategy === undefined ? undefined : String(strategy);
}

/**
 * getWrap of a cell whose wrapping nobody set is true, although its strategy reads OVERFLOW: what
 * Apps Script answers for a fresh cell (docs/architecture.md, The emulator).
 */
function wraps(cell: CellState | undefined): boolean {
  return cell?.wrap === undefined || cell.wrap === 'WRAP';
}

function wrapOf(cell: CellState | undefined): GoogleAppsScript.Spreadsheet.WrapStrategy {
  return asEnum<GoogleAppsScript.Spreadsheet.WrapStrategy>(cell?.wrap ?? 'OVERFLOW');
}
