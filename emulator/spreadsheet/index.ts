/**
 * SpreadsheetApp for one execution: the entry point to the stored spreadsheet, the builders and
 * the enums. https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app
 *
 * Not modeled (their members throw a not-modeled error naming them): opening other documents,
 * creating spreadsheets, data sources, filters, pivot tables, bandings, merges, images, drawings,
 * slicers, rich text, text styles, row/column groups, hidden rows/columns, copyTo/moveTo, and the
 * typed chart builders.
 */
import type { ExecutionEnv } from '../core/env';
import { SCOPES } from '../core/env';
import { gasError } from '../core/errors';
import { SpreadsheetAppStub } from '../generated/stubs';
import { asEnum } from '../core/enums';
import { createUi } from '../services/ui';
import type { RangeBounds } from './a1';
import { FakeConditionalFormatRuleBuilder } from './conditional';
import { NO_ACCESS, SheetsContext, type FakeFactory } from './context';
import {
  BOOLEAN_CRITERIA,
  BORDER_STYLE,
  DATA_VALIDATION_CRITERIA,
  DEVELOPER_METADATA_LOCATION_TYPE,
  DEVELOPER_METADATA_VISIBILITY,
  DIMENSION,
  PROTECTION_TYPE,
  RECALCULATION_INTERVAL,
  RELATIVE_DATE,
  WRAP_STRATEGY,
} from './enums';
import type { GridRect } from '../core/spreadsheet-state';
import { FakeRange } from './range';
import { FakeRangeList } from './rangelist';
import { FakeSheet } from './sheet';
import { FakeSpreadsheet } from './spreadsheet';
import { FakeUser } from './user';
import { FakeDataValidationBuilder } from './validation';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type S = typeof GoogleAppsScript.Spreadsheet;

/** openById needs the full spreadsheets scope (currentonly covers the bound document only). */
const OPEN_BY_ID_ACCESS = { mode: 'FULL', scopes: ['https://www.googleapis.com/auth/spreadsheets'] } as const;

class FakeSpreadsheetApp extends SpreadsheetAppStub implements GoogleAppsScript.Spreadsheet.SpreadsheetApp {
  constructor(
    private readonly env: ExecutionEnv,
    private readonly context: SheetsContext,
  ) {
    super();
  }

  private enumeration<T>(member: string, values: unknown): T {
    this.context.local(`SpreadsheetApp.${member}`);
    return asEnum<T>(values as Record<string, string>);
  }

  override get DataValidationCriteria(): S['DataValidationCriteria'] {
    return this.enumeration('DataValidationCriteria', DATA_VALIDATION_CRITERIA);
  }

  override get BooleanCriteria(): S['BooleanCriteria'] {
    return this.enumeration('BooleanCriteria', BOOLEAN_CRITERIA);
  }

  override get RelativeDate(): S['RelativeDate'] {
    return this.enumeration('RelativeDate', RELATIVE_DATE);
  }

  override get ProtectionType(): S['ProtectionType'] {
    return this.enumeration('ProtectionType', PROTECTION_TYPE);
  }

  override get RecalculationInterval(): S['RecalculationInterval'] {
    return this.enumeration('RecalculationInterval', RECALCULATION_INTERVAL);
  }

  override get WrapStrategy(): S['WrapStrategy'] {
    return this.enumeration('WrapStrategy', WRAP_STRATEGY);
  }

  override get BorderStyle(): S['BorderStyle'] {
    return this.enumeration('BorderStyle', BORDER_STYLE);
  }

  override get DeveloperMetadataVisibility(): S['DeveloperMetadataVisibility'] {
    return this.enumeration('DeveloperMetadataVisibility', DEVELOPER_METADATA_VISIBILITY);
  }

  override get DeveloperMetadataLocationType(): S['DeveloperMetadataLocationType'] {
    return this.enumeration('DeveloperMetadataLocationType', DEVELOPER_METADATA_LOCATION_TYPE);
  }

  override get Dimension(): S['Dimension'] {
    return this.enumeration('Dimension', DIMENSION);
  }

  /**
   * The spreadsheet the script is bound to: env.state.spreadsheet; null in an execution without a
   * containing document (an add-on's time trigger), where a script opens it by id.
   */
  override getActiveSpreadsheet(): Spreadsheet {
    this.context.call('SpreadsheetApp.getActiveSpreadsheet', 'local');
    return this.active();
  }

  override getActive(): Spreadsheet {
    this.context.call('SpreadsheetApp.getActive', 'local');
    return this.active();
  }

  /** Without a containing document there is no active sheet, selection or editor UI. */
  private requireDocument(member: string): void {
    if (!this.env.documentContext) throw gasError(`Cannot call SpreadsheetApp.${member}() from this context.`);
  }

  private active(): Spreadsheet {
    return this.env.documentContext ? this.context.fakes.spreadsheet() : (null as unknown as Spreadsheet);
  }

  /** Only the bound spreadsheet exists; any other id fails as a missing document does. */
  override openById(id: string): Spreadsheet {
    this.env.call('SpreadsheetApp.openById', 'sheets', OPEN_BY_ID_ACCESS);
    if (id !== this.context.state.id) {
      throw gasError('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
    }
    return this.context.fakes.spreadsheet();
  }

  override getActiveSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    this.context.call('SpreadsheetApp.getActiveSheet');
    this.requireDocument('getActiveSheet');
    return this.context.fakes.sheet(this.context.sheetState(this.context.state.activeSheetId).id);
  }

  override setActiveSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet): GoogleAppsScript.Spreadsheet.Sheet {
    this.context.call('SpreadsheetApp.setActiveSheet');
    this.context.state.activeSheetId = this.context.sheetState(sheet.getSheetId()).id;
    return sheet;
  }

  /**
   * The selection on the active sheet, or null when there is none (so says the reference; the
   * typings omit the null).
   */
  override getActiveRange(): GoogleAppsScript.Spreadsheet.Range {
    this.context.call('SpreadsheetApp.getActiveRange');
    this.requireDocument('getActiveRange');
    const sheet = this.context.sheetState(this.context.state.activeSheetId);
    return (
      sheet.activeRange ? this.context.fakes.range(sheet.id, sheet.activeRange) : null
    ) as GoogleAppsScript.Spreadsheet.Range;
  }

  override setActiveRange(range: GoogleAppsScript.Spreadsheet.Range): GoogleAppsScript.Spreadsheet.Range {
    this.context.call('SpreadsheetApp.setActiveRange');
    return range.activate();
  }

  /** Writes are applied at once in the emulator; flush is a round trip that changes nothing. */
  override flush(): void {
    this.context.call('SpreadsheetApp.flush');
  }

  override getUi(): GoogleAppsScript.Base.Ui {
    this.env.call('SpreadsheetApp.getUi', 'local', { mode: 'NONE', scopes: SCOPES.containerUi });
    this.requireDocument('getUi');
    return createUi(this.env);
  }

  override newDataValidation(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    this.env.call('SpreadsheetApp.newDataValidation', 'local', NO_ACCESS);
    return new FakeDataValidationBuilder(this.context);
  }

  override newConditionalFormatRule(): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    this.env.call('SpreadsheetApp.newConditionalFormatRule', 'local', NO_ACCESS);
    return new FakeConditionalFormatRuleBuilder(this.context);
  }
}

export function createSpreadsheetApp(env: ExecutionEnv): GoogleAppsScript.Spreadsheet.SpreadsheetApp {
  let spreadsheet: FakeSpreadsheet | null = null;
  const sheets = new Map<number, FakeSheet>();
  const fakes: FakeFactory = {
    // One Spreadsheet and one Sheet object per sheet for the execution, so identity holds.
    spreadsheet: () => (spreadsheet ??= new FakeSpreadsheet(context)),
    sheet: (sheetId: number) => {
      let sheet = sheets.get(sheetId);
      if (!sheet) {
        sheet = new FakeSheet(context, sheetId);
        sheets.set(sheetId, sheet);
      }
      return sheet;
    },
    range: (sheetId: number, { top, left, bottom, right }: GridRect, bounds?: RangeBounds) =>
      new FakeRange(context, sheetId, { top, left, bottom, right }, bounds),
    rangeList: (ranges) => new FakeRangeList(context, ranges),
    user: (email: string) => new FakeUser(email),
  };
  const context = new SheetsContext(env, fakes);
  return new FakeSpreadsheetApp(env, context);
}
