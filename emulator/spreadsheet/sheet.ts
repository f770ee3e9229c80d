/**
 * Sheet: ranges, size and content extent, inserting and deleting rows and columns, appendRow,
 * frozen rows, visibility, tab color, column widths, conditional format rules, protections,
 * charts, search and developer metadata.
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet
 *
 * The sheet's own identity (getName, getSheetId, getParent) and getRange are answered locally;
 * everything else is a round trip. autoResizeColumn(s) is accepted and changes nothing stored:
 * the emulator does not measure text, so there is no width to compute.
 */
import { gasError } from '../core/errors';
import { SheetStub } from '../generated/stubs';
import { asEnum } from '../core/enums';
import { signatureMismatch } from '../core/shared';
import { chartDraftOf, FakeEmbeddedChart, FakeEmbeddedChartBuilder, newChartDraft, toChartSpec } from './charts';
import { FakeConditionalFormatRule, type RuleDraft } from './conditional';
import type { SheetsContext } from './context';
import { addDeveloperMetadata, FakeDeveloperMetadataFinder, findMetadata } from './metadata';
import { DEFAULT_COLUMN_WIDTH, type SheetState } from '../core/spreadsheet-state';
import { addProtection, FakeProtection } from './protection';
import { checkCellLengths } from './input';
import { filterOf } from './filter';
import { rectOf } from './rect';
import { FakeTextFinder } from './textfinder';
import { normalizeColor } from './colors';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

export class FakeSheet extends SheetStub implements Sheet {
  constructor(
    private readonly context: SheetsContext,
    readonly sheetId: number,
  ) {
    super();
  }

  toString(): string {
    return 'Sheet';
  }

  /** The stored sheet after a round trip. */
  private state(member: string): SheetState {
    this.context.call(`Sheet.${member}`);
    return this.context.sheetState(this.sheetId);
  }

  private localState(member: string): SheetState {
    this.context.local(`Sheet.${member}`);
    return this.context.sheetState(this.sheetId);
  }

  // ---------------------------------------------------------------------------------------------
  // Identity and ranges

  override getName(): string {
    return this.localState('getName').name;
  }

  override getSheetName(): string {
    return this.localState('getSheetName').name;
  }

  override getSheetId(): number {
    return this.localState('getSheetId').id;
  }

  override getParent(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    this.localState('getParent');
    return this.context.fakes.spreadsheet();
  }

  override getIndex(): number {
    this.state('getIndex');
    return this.context.state.sheets.findIndex((sheet) => sheet.id === this.sheetId) + 1;
  }

  override setName(name: string): this {
    const sheet = this.state('setName');
    const newName = String(name);
    if (newName === sheet.name) return this;
    assertSheetNameFree(this.context, newName);
    this.context.book().renameSheet(sheet, newName);
    return this;
  }

  /** getRange(a1Notation) or getRange(row, column, numRows?, numColumns?). */
  override getRange(rowOrA1: unknown, column?: number, numRows?: number, numColumns?: number): Range {
    const sheet = this.localState('getRange');
    if (typeof rowOrA1 === 'string') return this.context.rangeFromA1(rowOrA1, this.sheetId);
    if (typeof rowOrA1 !== 'number' || typeof column !== 'number') {
      throw signatureMismatch(
        'SpreadsheetApp.Sheet.getRange',
        [rowOrA1, column, numRows, numColumns].filter((a) => a !== undefined),
      );
    }
    return this.context.fakes.range(
      this.sheetId,
      this.context.checkedRect(sheet, rowOrA1, column, numRows, numColumns),
    );
  }

  override getRangeList(a1Notations: string[]): GoogleAppsScript.Spreadsheet.RangeList {
    this.localState('getRangeList');
    return this.context.fakes.rangeList(a1Notations.map((a1) => this.context.rangeFromA1(a1, this.sheetId)));
  }

  /** From A1 to the last row and column with content; A1 alone on an empty sheet. */
  override getDataRange(): Range {
    const sheet = this.state('getDataRange');
    const book = this.context.book();
    return this.context.fakes.range(
      this.sheetId,
      rectOf(1, 1, Math.max(book.lastRow(sheet), 1), Math.max(book.lastColumn(sheet), 1)),
    );
  }

  override getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): unknown[][] {
    const sheet = this.localState('getSheetValues');
    const book = this.context.book();
    const rows = numRows === -1 ? book.lastRow(sheet) - startRow + 1 : numRows;
    const columns = numColumns === -1 ? book.lastColumn(sheet) - startColumn + 1 : numColumns;
    return this.context.fakes
      .range(this.sheetId, this.context.checkedRect(sheet, startRow, startColumn, rows, columns))
      .getValues();
  }

  override getActiveRange(): Range | null {
    const sheet = this.state('getActiveRange');
    return sheet.activeRange ? this.context.fakes.range(this.sheetId, sheet.activeRange) : null;
  }

  override setActiveRange(range: Range): Range {
    this.state('setActiveRange');
    return range.activate();
  }

  override activate(): this {
    this.state('activate');
    this.context.state.activeSheetId = this.sheetId;
    return this;
  }

  // ---------------------------------------------------------------------------------------------
  // Size and extent

  override getMaxRows(): number {
    return this.state('getMaxRows').maxRows;
  }

  override getMaxColumns(): number {
    return this.state('getMaxColumns').maxColumns;
  }

  /** The last row with a value or formula (formats alone do not count); 0 on an empty sheet. */
  override getLastRow(): number {
    return this.context.book().lastRow(this.state('getLastRow'));
  }

  override getLastColumn(): number {
    return this.context.book().lastColumn(this.state('getLastColumn'));
  }

  private insert(
    member: string,
    dimension: 'ROWS' | 'COLUMNS',
    at: number,
    count: number,
    inheritFrom: number | null,
  ): SheetState {
    const sheet = this.state(member);
    const max = dimension === 'ROWS' ? sheet.maxRows : sheet.maxColumns;
    const noun = dimension === 'ROWS' ? 'rows' : 'columns';
    if (!(count >= 1)) throw gasError(`The number of ${noun} to insert must be at least 1.`);
    if (at < 1 || at > max + 1) throw gasError(`Those ${noun} are out of bounds.`);
    this.context
      .book()
      .insertLines(
        sheet,
        dimension,
        at,
        count,
        inheritFrom !== null && inheritFrom >= 1 && inheritFrom <= max ? inheritFrom : null,
      );
    return sheet;
  }

  override insertRowBefore(beforePosition: number): this {
    this.insert('insertRowBefore', 'ROWS', beforePosition, 1, beforePosition);
    return this;
  }

  override insertRowAfter(afterPosition: number): this {
    this.insert('insertRowAfter', 'ROWS', afterPosition + 1, 1, afterPosition);
    return this;
  }

  override insertRowsBefore(beforePosition: number, howMany: number): this {
    this.insert('insertRowsBefore', 'ROWS', beforePosition, howMany, beforePosition);
    return this;
  }

  override insertRowsAfter(afterPosition: number, howMany: number): this {
    this.insert('insertRowsAfter', 'ROWS', afterPosition + 1, howMany, afterPosition);
    return this;
  }

  override insertRows(rowIndex: number, numRows = 1): void {
    this.insert('insertRows', 'ROWS', rowIndex, numRows, rowIndex);
  }

  override insertColumnBefore(beforePosition: number): this {
    this.insert('insertColumnBefore', 'COLUMNS', beforePosition, 1, beforePosition);
    return this;
  }

  override insertColumnAfter(afterPosition: number): this {
    this.insert('insertColumnAfter', 'COLUMNS', afterPosition + 1, 1, afterPosition);
    return this;
  }

  override insertColumnsBefore(beforePosition: number, howMany: number): this {
    this.insert('insertColumnsBefore', 'COLUMNS', beforePosition, howMany, beforePosition);
    return this;
  }

  override insertColumnsAfter(afterPosition: number, howMany: number): this {
    this.insert('insertColumnsAfter', 'COLUMNS', afterPosition + 1, howMany, afterPosition);
    return this;
  }

  override insertColumns(columnIndex: number, numColumns = 1): void {
    this.insert('insertColumns', 'COLUMNS', columnIndex, numColumns, columnIndex);
  }

  override deleteRow(rowPosition: number): this {
    this.context.book().deleteLines(this.state('deleteRow'), 'ROWS', rowPosition, 1);
    return this;
  }

  override deleteRows(rowPosition: number, howMany: number): void {
    this.context.book().deleteLines(this.state('deleteRows'), 'ROWS', rowPosition, howMany);
  }

  override deleteColumn(columnPosition: number): this {
    this.context.book().deleteLines(this.state('deleteColumn'), 'COLUMNS', columnPosition, 1);
    return this;
  }

  override deleteColumns(columnPosition: number, howMany: number): void {
    this.context.book().deleteLines(this.state('deleteColumns'), 'COLUMNS', columnPosition, howMany);
  }

  /**
   * Writes a row after the last row with content, strings read as typed (like setValues); the
   * sheet grows when the row falls past its last row or column.
   */
  override appendRow(rowContents: unknown[]): this {
    if (!Array.isArray(rowContents)) throw signatureMismatch('SpreadsheetApp.Sheet.appendRow', [rowContents]);
    this.context.call('Sheet.appendRow', 'sheets.write', rowContents.length);
    checkCellLengths(rowContents);
    const sheet = this.context.sheetState(this.sheetId);
    const book = this.context.book();
    const row = book.lastRow(sheet) + 1;
    if (row > sheet.maxRows) sheet.maxRows = row;
    if (rowContents.length > sheet.maxColumns) sheet.maxColumns = rowContents.length;
    rowContents.forEach((value, i) => book.writeScriptValue(sheet, row, i + 1, value));
    return this;
  }

  override sort(columnPosition: number, ascending = true): this {
    const sheet = this.state('sort');
    const book = this.context.book();
    const lastRow = book.lastRow(sheet);
    const first = sheet.frozenRows + 1;
    if (lastRow >= first) {
      book.sortRows(sheet, { top: first, left: 1, bottom: lastRow, right: sheet.maxColumns }, [
        { column: columnPosition, ascending },
      ]);
    }
    return this;
  }

  // ---------------------------------------------------------------------------------------------
  // Layout and appearance

  override getFrozenRows(): number {
    return this.state('getFrozenRows').frozenRows;
  }

  override setFrozenRows(rows: number): void {
    this.state('setFrozenRows').frozenRows = rows;
  }

  override getFrozenColumns(): number {
    return this.state('getFrozenColumns').frozenColumns;
  }

  override setFrozenColumns(columns: number): void {
    this.state('setFrozenColumns').frozenColumns = columns;
  }

  override isSheetHidden(): boolean {
    return this.state('isSheetHidden').hidden;
  }

  override hideSheet(): this {
    const sheet = this.state('hideSheet');
    if (this.context.state.sheets.every((other) => other === sheet || other.hidden)) {
      throw gasError("You can't hide all the sheets in a document.");
    }
    sheet.hidden = true;
    return this;
  }

  override showSheet(): this {
    this.state('showSheet').hidden = false;
    return this;
  }

  override getTabColor(): string | null {
    return this.state('getTabColor').tabColor;
  }

  override setTabColor(color: string | null): this {
    this.state('setTabColor').tabColor = color ? normalizeColor(color) : null;
    return this;
  }

  override getColumnWidth(columnPosition: number): number {
    return this.state('getColumnWidth').columnWidths[columnPosition] ?? DEFAULT_COLUMN_WIDTH;
  }

  override setColumnWidth(columnPosition: number, width: number): this {
    this.state('setColumnWidth').columnWidths[columnPosition] = width;
    return this;
  }

  override setColumnWidths(startColumn: number, numColumns: number, width: number): this {
    const sheet = this.state('setColumnWidths');
    for (let column = startColumn; column < startColumn + numColumns; column++) sheet.columnWidths[column] = width;
    return this;
  }

  override autoResizeColumn(): this {
    this.state('autoResizeColumn');
    return this;
  }

  override autoResizeColumns(): this {
    this.state('autoResizeColumns');
    return this;
  }

  // ---------------------------------------------------------------------------------------------
  // Clearing

  override clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): this {
    const sheet = this.state('clear');
    const what =
      options?.contentsOnly || options?.formatOnly
        ? { contents: options.contentsOnly, formats: options.formatOnly }
        : { contents: true, formats: true };
    this.context.book().clear(sheet, rectOf(1, 1, sheet.maxRows, sheet.maxColumns), what);
    return this;
  }

  override clearContents(): this {
    const sheet = this.state('clearContents');
    this.context.book().clear(sheet, rectOf(1, 1, sheet.maxRows, sheet.maxColumns), { contents: true });
    return this;
  }

  override clearFormats(): this {
    const sheet = this.state('clearFormats');
    this.context.book().clear(sheet, rectOf(1, 1, sheet.maxRows, sheet.maxColumns), { formats: true });
    return this;
  }

  override clearNotes(): this {
    const sheet = this.state('clearNotes');
    this.context.book().clear(sheet, rectOf(1, 1, sheet.maxRows, sheet.maxColumns), { notes: true });
    return this;
  }

  // ---------------------------------------------------------------------------------------------
  // Conditional formats

  override getConditionalFormatRules(): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
    const sheet = this.state('getConditionalFormatRules');
    return sheet.conditionalFormats.map(
      (spec) => new FakeConditionalFormatRule(this.context, { sheetId: this.sheetId, spec: structuredClone(spec) }),
    );
  }

  /** Replaces all the sheet's rules; each rule's ranges must be on this sheet. */
  override setConditionalFormatRules(rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[]): void {
    const sheet = this.state('setConditionalFormatRules');
    if (!Array.isArray(rules)) throw signatureMismatch('SpreadsheetApp.Sheet.setConditionalFormatRules', [rules]);
    sheet.conditionalFormats = rules.map((rule) => {
      if (!(rule instanceof FakeConditionalFormatRule))
        throw signatureMismatch('SpreadsheetApp.Sheet.setConditionalFormatRules', [rules]);
      const draft: RuleDraft = rule.draft;
      if (draft.sheetId !== null && draft.sheetId !== this.sheetId) {
        throw gasError('A conditional format rule cannot reference a different sheet.');
      }
      return structuredClone(draft.spec);
    });
  }

  override clearConditionalFormatRules(): void {
    this.state('clearConditionalFormatRules').conditionalFormats = [];
  }

  // ---------------------------------------------------------------------------------------------
  // Protection, search, metadata, charts

  /** The sheet's protection; an already protected sheet returns its existing protection. */
  override protect(): GoogleAppsScript.Spreadsheet.Protection {
    const sheet = this.state('protect');
    const existing = sheet.protections.find((p) => p.type === 'SHEET');
    return existing
      ? new FakeProtection(this.context, this.sheetId, existing.id)
      : addProtection(this.context, this.sheetId, null);
  }

  /** "Returns the filter in this sheet, or null if there is no filter." */
  override getFilter(): GoogleAppsScript.Spreadsheet.Filter | null {
    this.state('getFilter');
    return filterOf(this.context, this.sheetId);
  }

  override getProtections(type: unknown): GoogleAppsScript.Spreadsheet.Protection[] {
    const sheet = this.state('getProtections');
    return sheet.protections
      .filter((p) => p.type === String(type))
      .map((p) => new FakeProtection(this.context, this.sheetId, p.id));
  }

  override createTextFinder(findText: string): GoogleAppsScript.Spreadsheet.TextFinder {
    this.localState('createTextFinder');
    return new FakeTextFinder(this.context, [{ sheetId: this.sheetId, rect: null }], String(findText));
  }

  override addDeveloperMetadata(key: string, second?: unknown, third?: unknown): this {
    this.state('addDeveloperMetadata');
    addDeveloperMetadata(this.context, { type: 'SHEET', sheetId: this.sheetId }, key, second, third);
    return this;
  }

  override getDeveloperMetadata(): GoogleAppsScript.Spreadsheet.DeveloperMetadata[] {
    this.state('getDeveloperMetadata');
    return findMetadata(
      this.context,
      (spec) => spec.location.type === 'SHEET' && spec.location.sheetId === this.sheetId,
    );
  }

  override createDeveloperMetadataFinder(): GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder {
    this.localState('createDeveloperMetadataFinder');
    return new FakeDeveloperMetadataFinder(this.context, { kind: 'sheet', sheetId: this.sheetId });
  }

  override newChart(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    this.localState('newChart');
    return new FakeEmbeddedChartBuilder(this.context, newChartDraft(this.sheetId));
  }

  override insertChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    const sheet = this.state('insertChart');
    const draft = chartDraftOf(chart, 'Sheet.insertChart');
    draft.id = this.context.nextObjectId();
    sheet.charts.push(toChartSpec(draft));
  }

  override updateChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    const sheet = this.state('updateChart');
    const draft = chartDraftOf(chart, 'Sheet.updateChart');
    const index = sheet.charts.findIndex((spec) => spec.id === draft.id);
    if (index < 0) throw gasError('The chart is not on this sheet.');
    sheet.charts[index] = toChartSpec(draft);
  }

  override removeChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    const sheet = this.state('removeChart');
    const draft = chartDraftOf(chart, 'Sheet.removeChart');
    sheet.charts = sheet.charts.filter((spec) => spec.id !== draft.id);
  }

  override getCharts(): GoogleAppsScript.Spreadsheet.EmbeddedChart[] {
    const sheet = this.state('getCharts');
    return sheet.charts.map(
      (spec) => new FakeEmbeddedChart(this.context, { ...structuredClone(spec), sheetId: this.sheetId }),
    );
  }

  override getType(): GoogleAppsScript.Spreadsheet.SheetType {
    this.state('getType');
    return asEnum<GoogleAppsScript.Spreadsheet.SheetType>('GRID');
  }
}

/** Sheet names are unique ignoring case. */
export function assertSheetNameFree(context: SheetsContext, name: string): void {
  if (context.state.sheets.some((sheet) => sheet.name.toLowerCase() === name.toLowerCase())) {
    throw gasError(`A sheet with the name "${name}" already exists. Please enter another name.`);
  }
}
