/**
 * Spreadsheet: the one document of the emulator (env.state.spreadsheet): its sheets, names,
 * locale and time zone, named ranges, people, toasts, protections, search and metadata.
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet
 */
import { gasError } from '../core/errors';
import { asEnum, isMember } from '../core/enums';
import { RECALCULATION_INTERVAL } from './enums';
import { SpreadsheetStub } from '../generated/stubs';
import { assertTimeZone } from '../core/timezone';
import { signatureMismatch } from '../core/shared';
import { locationOf, type SheetsContext } from './context';
import { addDeveloperMetadata, FakeDeveloperMetadataFinder, findMetadata } from './metadata';
import { createSheetState, defaultSheetName } from '../core/spreadsheet-state';
import { FakeNamedRange } from './namedrange';
import { FakeProtection } from './protection';
import { assertSheetNameFree } from './sheet';
import { FakeTextFinder } from './textfinder';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Spreadsheet.toast's timeout when none (or null) is given; a negative one keeps the toast up. */
const DEFAULT_TOAST_SECONDS = 5;

export class FakeSpreadsheet extends SpreadsheetStub implements GoogleAppsScript.Spreadsheet.Spreadsheet {
  constructor(private readonly context: SheetsContext) {
    super();
  }

  toString(): string {
    return 'Spreadsheet';
  }

  private call(member: string): void {
    this.context.call(`Spreadsheet.${member}`);
  }

  private get state() {
    return this.context.state;
  }

  override getId(): string {
    this.context.local('Spreadsheet.getId');
    return this.state.id;
  }

  override getUrl(): string {
    this.context.local('Spreadsheet.getUrl');
    return `https://docs.google.com/spreadsheets/d/${this.state.id}/edit`;
  }

  override getName(): string {
    this.call('getName');
    return this.state.name;
  }

  override rename(newName: string): void {
    this.call('rename');
    this.state.name = String(newName);
  }

  override getSpreadsheetLocale(): string {
    this.call('getSpreadsheetLocale');
    return this.state.locale;
  }

  override setSpreadsheetLocale(locale: string): void {
    this.call('setSpreadsheetLocale');
    this.state.locale = String(locale);
  }

  override getSpreadsheetTimeZone(): string {
    this.call('getSpreadsheetTimeZone');
    return this.state.timeZone;
  }

  override getRecalculationInterval(): GoogleAppsScript.Spreadsheet.RecalculationInterval {
    this.call('getRecalculationInterval');
    return asEnum<GoogleAppsScript.Spreadsheet.RecalculationInterval>(this.state.recalculationInterval ?? 'ON_CHANGE');
  }

  override setRecalculationInterval(recalculationInterval: unknown): GoogleAppsScript.Spreadsheet.Spreadsheet {
    this.call('setRecalculationInterval');
    const interval = String(recalculationInterval);
    if (!isMember(RECALCULATION_INTERVAL, interval)) {
      throw gasError(`Invalid argument: recalculationInterval (${interval})`);
    }
    this.state.recalculationInterval = interval;
    return this;
  }

  override setSpreadsheetTimeZone(timezone: string): void {
    this.call('setSpreadsheetTimeZone');
    assertTimeZone(String(timezone));
    this.state.timeZone = String(timezone);
  }

  override getOwner(): GoogleAppsScript.Base.User {
    this.call('getOwner');
    return this.context.fakes.user(this.state.owner);
  }

  override getEditors(): GoogleAppsScript.Base.User[] {
    this.call('getEditors');
    return [this.state.owner, ...this.state.editors].map((email) => this.context.fakes.user(email));
  }

  /** Appends to the execution's output; the sandbox shows it. */
  override toast(msg: string, title?: string, timeoutSeconds?: number | null): void {
    this.call('toast');
    this.context.env.output.toasts.push({
      message: String(msg),
      title: title === undefined || title === null ? '' : String(title),
      timeoutSeconds: timeoutSeconds ?? DEFAULT_TOAST_SECONDS,
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Sheets

  override getSheets(): Sheet[] {
    this.call('getSheets');
    return this.state.sheets.map((sheet) => this.context.fakes.sheet(sheet.id));
  }

  override getNumSheets(): number {
    this.call('getNumSheets');
    return this.state.sheets.length;
  }

  /** null when no sheet has that name. */
  override getSheetByName(name: string): Sheet | null {
    this.call('getSheetByName');
    const sheet = this.state.sheets.find((candidate) => candidate.name === name);
    return sheet ? this.context.fakes.sheet(sheet.id) : null;
  }

  override getSheetById(id: number): Sheet | null {
    this.call('getSheetById');
    const sheet = this.state.sheets.find((candidate) => candidate.id === id);
    return sheet ? this.context.fakes.sheet(sheet.id) : null;
  }

  /**
   * insertSheet(), (sheetIndex), (sheetName), (sheetName, sheetIndex): the index is 0-based; by
   * default the sheet goes after the active one. The new sheet becomes the active sheet.
   */
  override insertSheet(first?: unknown, second?: unknown): Sheet {
    this.call('insertSheet');
    if (typeof first === 'object' || typeof second === 'object') {
      // The options argument ({ template }) copies a sheet, which is not modeled.
      return super.insertSheet(first, second);
    }
    const name = typeof first === 'string' ? first : this.freeDefaultName();
    const index = typeof first === 'number' ? first : typeof second === 'number' ? second : this.activeIndex() + 1;
    if (index < 0 || index > this.state.sheets.length) throw gasError(`Invalid argument: sheetIndex (${index})`);
    assertSheetNameFree(this.context, name);
    const sheet = createSheetState(this.state.nextSheetId++, name);
    this.state.sheets.splice(index, 0, sheet);
    this.state.activeSheetId = sheet.id;
    return this.context.fakes.sheet(sheet.id);
  }

  private activeIndex(): number {
    return Math.max(
      0,
      this.state.sheets.findIndex((sheet) => sheet.id === this.state.activeSheetId),
    );
  }

  private freeDefaultName(): string {
    for (let n = this.state.sheets.length + 1; ; n++) {
      const name = defaultSheetName(this.state.locale, n);
      if (!this.state.sheets.some((sheet) => sheet.name.toLowerCase() === name.toLowerCase())) return name;
    }
  }

  /** References to a deleted sheet's cells become #REF! in formulas, as in Sheets. */
  override deleteSheet(sheet: Sheet): void {
    this.call('deleteSheet');
    const target = this.state.sheets.find((candidate) => candidate.id === sheet?.getSheetId?.());
    if (!target) throw signatureMismatch('SpreadsheetApp.Spreadsheet.deleteSheet', [sheet]);
    if (this.state.sheets.every((other) => other === target || other.hidden)) {
      throw gasError("You can't remove all the visible sheets in a document.");
    }
    const index = this.state.sheets.indexOf(target);
    this.context.book().removeSheet(target);
    if (this.state.activeSheetId === target.id) {
      const neighbour = this.state.sheets[Math.max(0, index - 1)];
      if (neighbour) this.state.activeSheetId = neighbour.id;
    }
  }

  override getActiveSheet(): Sheet {
    this.call('getActiveSheet');
    return this.context.fakes.sheet(this.context.sheetState(this.state.activeSheetId).id);
  }

  override setActiveSheet(sheet: Sheet): Sheet {
    this.call('setActiveSheet');
    this.state.activeSheetId = this.context.sheetState(sheet.getSheetId()).id;
    return sheet;
  }

  /** Moves the active sheet to a 1-based position. */
  override moveActiveSheet(pos: number): void {
    this.call('moveActiveSheet');
    if (!(pos >= 1 && pos <= this.state.sheets.length)) throw gasError(`Invalid argument: pos (${pos})`);
    const active = this.context.sheetState(this.state.activeSheetId);
    this.state.sheets.splice(this.state.sheets.indexOf(active), 1);
    this.state.sheets.splice(pos - 1, 0, active);
  }

  override getActiveRange(): GoogleAppsScript.Spreadsheet.Range | null {
    this.call('getActiveRange');
    const sheet = this.context.sheetState(this.state.activeSheetId);
    return sheet.activeRange ? this.context.fakes.range(sheet.id, sheet.activeRange) : null;
  }

  /** A1 notation with or without a sheet name ('Cases!A1:B2'); without one, on the active sheet. */
  override getRange(a1Notation: string): GoogleAppsScript.Spreadsheet.Range {
    this.context.local('Spreadsheet.getRange');
    return this.context.rangeFromA1(a1Notation, this.state.activeSheetId);
  }

  // ---------------------------------------------------------------------------------------------
  // Named ranges

  override setNamedRange(name: string, range: GoogleAppsScript.Spreadsheet.Range): void {
    this.call('setNamedRange');
    const location = locationOf(range, 'SpreadsheetApp.Spreadsheet.setNamedRange');
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || /^[A-Za-z]{1,3}[0-9]+$/.test(name) || /^(true|false)$/i.test(name)) {
      throw gasError(`The name "${name}" is not a valid named range name.`);
    }
    this.state.namedRanges = this.state.namedRanges.filter((named) => named.name !== name);
    this.state.namedRanges.push({ name, range: location });
  }

  override getRangeByName(name: string): GoogleAppsScript.Spreadsheet.Range | null {
    this.call('getRangeByName');
    const named = this.state.namedRanges.find((candidate) => candidate.name === name);
    return named ? this.context.fakes.range(named.range.sheetId, named.range) : null;
  }

  override getNamedRanges(): GoogleAppsScript.Spreadsheet.NamedRange[] {
    this.call('getNamedRanges');
    return this.state.namedRanges.map((named) => new FakeNamedRange(this.context, named.name));
  }

  override removeNamedRange(name: string): void {
    this.call('removeNamedRange');
    this.state.namedRanges = this.state.namedRanges.filter((named) => named.name !== name);
  }

  // ---------------------------------------------------------------------------------------------
  // Protections, search, metadata

  override getProtections(type: unknown): GoogleAppsScript.Spreadsheet.Protection[] {
    this.call('getProtections');
    return this.state.sheets.flatMap((sheet) =>
      sheet.protections
        .filter((p) => p.type === String(type))
        .map((p) => new FakeProtection(this.context, sheet.id, p.id)),
    );
  }

  override createTextFinder(findText: string): GoogleAppsScript.Spreadsheet.TextFinder {
    this.context.local('Spreadsheet.createTextFinder');
    const areas = this.state.sheets.map((sheet) => ({ sheetId: sheet.id, rect: null }));
    return new FakeTextFinder(this.context, areas, String(findText));
  }

  override addDeveloperMetadata(key: string, second?: unknown, third?: unknown): this {
    this.call('addDeveloperMetadata');
    addDeveloperMetadata(this.context, { type: 'SPREADSHEET' }, key, second, third);
    return this;
  }

  override getDeveloperMetadata(): GoogleAppsScript.Spreadsheet.DeveloperMetadata[] {
    this.call('getDeveloperMetadata');
    return findMetadata(this.context, (spec) => spec.location.type === 'SPREADSHEET');
  }

  override createDeveloperMetadataFinder(): GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder {
    this.context.local('Spreadsheet.createDeveloperMetadataFinder');
    return new FakeDeveloperMetadataFinder(this.context, { kind: 'spreadsheet' });
  }
}
