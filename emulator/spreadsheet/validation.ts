/**
 * Data validation rules: SpreadsheetApp.newDataValidation() and the DataValidation objects
 * Range.getDataValidation(s) returns. A built rule is a ValidationSpec; Range.setDataValidation
 * stores it once for its whole rectangle. Rules are recorded but not enforced on script writes
 * (as in Apps Script); people editing through the sandbox are checked (Book.validationAccepts).
 * https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder
 */
import { gasError } from '../core/errors';
import { DataValidationBuilderStub, DataValidationStub } from '../generated/stubs';
import { asEnum } from '../core/enums';
import { signatureMismatch } from '../core/shared';
import { isEmulatedRange, RANGE_LOCATION, type SheetsContext } from './context';
import { DATA_VALIDATION_CRITERIA, type DataValidationCriteriaName } from './enums';
import { isDate } from './input';
import type { CellValue, ValidationArg, ValidationSpec } from '../core/spreadsheet-state';

type Criteria = GoogleAppsScript.Spreadsheet.DataValidationCriteria;

/** A script's argument as stored: Ranges by location, Dates copied, lists copied. */
function toArg(value: unknown): ValidationArg {
  if (isEmulatedRange(value)) return { range: value[RANGE_LOCATION]() };
  if (Array.isArray(value)) return value.map((item) => toArg(item) as CellValue);
  if (isDate(value)) return new Date(value.getTime());
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return String(value);
}

/** A stored argument as getCriteriaValues hands it back. */
function fromArg(context: SheetsContext, arg: ValidationArg): unknown {
  if (isDate(arg)) return new Date(arg.getTime());
  if (Array.isArray(arg)) return [...arg];
  if (arg !== null && typeof arg === 'object') return context.fakes.range(arg.range.sheetId, arg.range);
  return arg;
}

function cloneSpec(spec: ValidationSpec): ValidationSpec {
  return { ...spec, args: spec.args.map((arg) => (Array.isArray(arg) ? [...arg] : arg)) };
}

export class FakeDataValidation extends DataValidationStub implements GoogleAppsScript.Spreadsheet.DataValidation {
  constructor(
    private readonly context: SheetsContext,
    readonly spec: ValidationSpec,
  ) {
    super();
  }

  toString(): string {
    return 'DataValidation';
  }

  override copy(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    this.context.local('DataValidation.copy');
    return new FakeDataValidationBuilder(this.context, cloneSpec(this.spec));
  }

  override getAllowInvalid(): boolean {
    this.context.local('DataValidation.getAllowInvalid');
    return this.spec.allowInvalid;
  }

  override getCriteriaType(): Criteria {
    this.context.local('DataValidation.getCriteriaType');
    return asEnum<Criteria>(this.spec.criteria);
  }

  override getCriteriaValues(): unknown[] {
    this.context.local('DataValidation.getCriteriaValues');
    return this.spec.args.map((arg) => fromArg(this.context, arg));
  }

  override getHelpText(): string {
    this.context.local('DataValidation.getHelpText');
    return this.spec.helpText;
  }
}

export class FakeDataValidationBuilder
  extends DataValidationBuilderStub
  implements GoogleAppsScript.Spreadsheet.DataValidationBuilder
{
  constructor(
    private readonly context: SheetsContext,
    private readonly spec: ValidationSpec = { criteria: '', args: [], allowInvalid: true, helpText: '' },
  ) {
    super();
  }

  toString(): string {
    return 'DataValidationBuilder';
  }

  private require(member: string, criteria: DataValidationCriteriaName, args: unknown[]): this {
    this.context.local(`DataValidationBuilder.${member}`);
    this.spec.criteria = criteria;
    this.spec.args = args.map(toArg);
    return this;
  }

  override build(): GoogleAppsScript.Spreadsheet.DataValidation {
    this.context.local('DataValidationBuilder.build');
    if (!this.spec.criteria) throw gasError('A data validation rule needs criteria: call one of the require… methods.');
    return new FakeDataValidation(this.context, cloneSpec(this.spec));
  }

  override copy(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    this.context.local('DataValidationBuilder.copy');
    return new FakeDataValidationBuilder(this.context, cloneSpec(this.spec));
  }

  override getAllowInvalid(): boolean {
    return new FakeDataValidation(this.context, this.spec).getAllowInvalid();
  }

  override getCriteriaType(): Criteria {
    return new FakeDataValidation(this.context, this.spec).getCriteriaType();
  }

  override getCriteriaValues(): unknown[] {
    return new FakeDataValidation(this.context, this.spec).getCriteriaValues();
  }

  override getHelpText(): string {
    return new FakeDataValidation(this.context, this.spec).getHelpText();
  }

  override setAllowInvalid(allowInvalidData: boolean): this {
    this.context.local('DataValidationBuilder.setAllowInvalid');
    this.spec.allowInvalid = Boolean(allowInvalidData);
    return this;
  }

  override setHelpText(helpText: string): this {
    this.context.local('DataValidationBuilder.setHelpText');
    this.spec.helpText = String(helpText);
    return this;
  }

  override withCriteria(criteria: unknown, args: unknown[]): this {
    if (!Object.prototype.hasOwnProperty.call(DATA_VALIDATION_CRITERIA, String(criteria))) {
      throw gasError(`Invalid argument: criteria (${String(criteria)})`);
    }
    return this.require('withCriteria', String(criteria) as DataValidationCriteriaName, args);
  }

  override requireCheckbox(...values: unknown[]): this {
    return this.require('requireCheckbox', 'CHECKBOX', values);
  }

  /** Apps Script keeps the list as text: [9, false] reads back as ['9', 'false']. */
  override requireValueInList(values: unknown[], showDropdown = true): this {
    if (!Array.isArray(values))
      throw signatureMismatch('SpreadsheetApp.DataValidationBuilder.requireValueInList', [values]);
    return this.require('requireValueInList', 'VALUE_IN_LIST', [values.map(String), Boolean(showDropdown)]);
  }

  override requireValueInRange(range: unknown, showDropdown = true): this {
    return this.require('requireValueInRange', 'VALUE_IN_RANGE', [range, showDropdown]);
  }

  override requireFormulaSatisfied(formula: string): this {
    return this.require('requireFormulaSatisfied', 'CUSTOM_FORMULA', [formula]);
  }

  override requireNumberBetween(start: number, end: number): this {
    return this.require('requireNumberBetween', 'NUMBER_BETWEEN', [start, end]);
  }

  override requireNumberNotBetween(start: number, end: number): this {
    return this.require('requireNumberNotBetween', 'NUMBER_NOT_BETWEEN', [start, end]);
  }

  override requireNumberEqualTo(number: number): this {
    return this.require('requireNumberEqualTo', 'NUMBER_EQUAL_TO', [number]);
  }

  override requireNumberNotEqualTo(number: number): this {
    return this.require('requireNumberNotEqualTo', 'NUMBER_NOT_EQUAL_TO', [number]);
  }

  override requireNumberGreaterThan(number: number): this {
    return this.require('requireNumberGreaterThan', 'NUMBER_GREATER_THAN', [number]);
  }

  override requireNumberGreaterThanOrEqualTo(number: number): this {
    return this.require('requireNumberGreaterThanOrEqualTo', 'NUMBER_GREATER_THAN_OR_EQUAL_TO', [number]);
  }

  override requireNumberLessThan(number: number): this {
    return this.require('requireNumberLessThan', 'NUMBER_LESS_THAN', [number]);
  }

  override requireNumberLessThanOrEqualTo(number: number): this {
    return this.require('requireNumberLessThanOrEqualTo', 'NUMBER_LESS_THAN_OR_EQUAL_TO', [number]);
  }

  override requireDate(): this {
    return this.require('requireDate', 'DATE_IS_VALID_DATE', []);
  }

  override requireDateAfter(date: Date): this {
    return this.require('requireDateAfter', 'DATE_AFTER', [date]);
  }

  override requireDateBefore(date: Date): this {
    return this.require('requireDateBefore', 'DATE_BEFORE', [date]);
  }

  override requireDateBetween(start: Date, end: Date): this {
    return this.require('requireDateBetween', 'DATE_BETWEEN', [start, end]);
  }

  override requireDateNotBetween(start: Date, end: Date): this {
    return this.require('requireDateNotBetween', 'DATE_NOT_BETWEEN', [start, end]);
  }

  override requireDateEqualTo(date: Date): this {
    return this.require('requireDateEqualTo', 'DATE_EQUAL_TO', [date]);
  }

  override requireDateOnOrAfter(date: Date): this {
    return this.require('requireDateOnOrAfter', 'DATE_ON_OR_AFTER', [date]);
  }

  override requireDateOnOrBefore(date: Date): this {
    return this.require('requireDateOnOrBefore', 'DATE_ON_OR_BEFORE', [date]);
  }

  override requireTextContains(text: string): this {
    return this.require('requireTextContains', 'TEXT_CONTAINS', [text]);
  }

  override requireTextDoesNotContain(text: string): this {
    return this.require('requireTextDoesNotContain', 'TEXT_DOES_NOT_CONTAIN', [text]);
  }

  override requireTextEqualTo(text: string): this {
    return this.require('requireTextEqualTo', 'TEXT_EQUAL_TO', [text]);
  }

  override requireTextIsEmail(): this {
    return this.require('requireTextIsEmail', 'TEXT_IS_VALID_EMAIL', []);
  }

  override requireTextIsUrl(): this {
    return this.require('requireTextIsUrl', 'TEXT_IS_VALID_URL', []);
  }
}
