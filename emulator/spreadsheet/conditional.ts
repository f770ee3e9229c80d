/**
 * Conditional format rules: SpreadsheetApp.newConditionalFormatRule(), the rules
 * Sheet.getConditionalFormatRules returns and their BooleanConditions. A rule is stored as a
 * ConditionalFormatSpec on its sheet; the sandbox view evaluates it (Book.conditionalFormatAt).
 * Gradient rules are not modeled (their builder members throw).
 * https://developers.google.com/apps-script/reference/spreadsheet/conditional-format-rule-builder
 */
import { gasError } from '../core/errors';
import { BooleanConditionStub, ConditionalFormatRuleBuilderStub, ConditionalFormatRuleStub } from '../generated/stubs';
import { asEnum, isMember } from '../core/enums';
import { locationOf, type SheetsContext } from './context';
import { BOOLEAN_CRITERIA, RELATIVE_DATE, type BooleanCriteriaName } from './enums';
import { isDate } from './input';
import type { ConditionArg, ConditionalFormatSpec, SheetRect } from '../core/spreadsheet-state';
import { normalizeColor } from './colors';

/** A rule being built or read: the stored spec plus the sheet its ranges are on. */
export interface RuleDraft {
  spec: ConditionalFormatSpec;
  sheetId: number | null;
}

function toConditionArg(value: unknown): ConditionArg {
  if (isDate(value)) return new Date(value.getTime());
  if (isMember(RELATIVE_DATE, value)) return { relativeDate: value };
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return String(value);
}

function fromConditionArg(arg: ConditionArg): unknown {
  if (isDate(arg)) return new Date(arg.getTime());
  if (typeof arg === 'object') return arg.relativeDate;
  return arg;
}

function cloneDraft(draft: RuleDraft): RuleDraft {
  return {
    sheetId: draft.sheetId,
    spec: {
      ...draft.spec,
      ranges: draft.spec.ranges.map((r) => ({ ...r })),
      args: [...draft.spec.args],
      format: { ...draft.spec.format },
    },
  };
}

function rangesOf(context: SheetsContext, draft: RuleDraft): GoogleAppsScript.Spreadsheet.Range[] {
  const sheetId = draft.sheetId;
  return sheetId === null ? [] : draft.spec.ranges.map((rect) => context.fakes.range(sheetId, rect));
}

class FakeBooleanCondition extends BooleanConditionStub implements GoogleAppsScript.Spreadsheet.BooleanCondition {
  constructor(
    private readonly context: SheetsContext,
    private readonly spec: ConditionalFormatSpec,
  ) {
    super();
  }

  private get(member: string): ConditionalFormatSpec['format'] {
    this.context.local(`BooleanCondition.${member}`);
    return this.spec.format;
  }

  override getBackground(): string | null {
    return this.get('getBackground').background ?? null;
  }

  override getFontColor(): string | null {
    return this.get('getFontColor').fontColor ?? null;
  }

  override getBold(): boolean | null {
    return this.get('getBold').bold ?? null;
  }

  override getItalic(): boolean | null {
    return this.get('getItalic').italic ?? null;
  }

  override getStrikethrough(): boolean | null {
    return this.get('getStrikethrough').strikethrough ?? null;
  }

  override getUnderline(): boolean | null {
    return this.get('getUnderline').underline ?? null;
  }

  override getCriteriaType(): GoogleAppsScript.Spreadsheet.BooleanCriteria {
    this.context.local('BooleanCondition.getCriteriaType');
    return asEnum<GoogleAppsScript.Spreadsheet.BooleanCriteria>(this.spec.criteria);
  }

  override getCriteriaValues(): unknown[] {
    this.context.local('BooleanCondition.getCriteriaValues');
    return this.spec.args.map(fromConditionArg);
  }
}

export class FakeConditionalFormatRule
  extends ConditionalFormatRuleStub
  implements GoogleAppsScript.Spreadsheet.ConditionalFormatRule
{
  constructor(
    private readonly context: SheetsContext,
    readonly draft: RuleDraft,
  ) {
    super();
  }

  override copy(): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    this.context.local('ConditionalFormatRule.copy');
    return new FakeConditionalFormatRuleBuilder(this.context, cloneDraft(this.draft));
  }

  override getBooleanCondition(): GoogleAppsScript.Spreadsheet.BooleanCondition {
    this.context.local('ConditionalFormatRule.getBooleanCondition');
    return new FakeBooleanCondition(this.context, this.draft.spec);
  }

  override getGradientCondition(): null {
    this.context.local('ConditionalFormatRule.getGradientCondition');
    return null;
  }

  override getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    this.context.local('ConditionalFormatRule.getRanges');
    return rangesOf(this.context, this.draft);
  }
}

export class FakeConditionalFormatRuleBuilder
  extends ConditionalFormatRuleBuilderStub
  implements GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder
{
  constructor(
    private readonly context: SheetsContext,
    private readonly draft: RuleDraft = { sheetId: null, spec: { ranges: [], criteria: '', args: [], format: {} } },
  ) {
    super();
  }

  private when(member: string, criteria: BooleanCriteriaName, args: unknown[]): this {
    this.context.local(`ConditionalFormatRuleBuilder.${member}`);
    this.draft.spec.criteria = criteria;
    this.draft.spec.args = args.map(toConditionArg);
    return this;
  }

  private format<K extends keyof ConditionalFormatSpec['format']>(
    member: string,
    key: K,
    value: ConditionalFormatSpec['format'][K] | null,
  ): this {
    this.context.local(`ConditionalFormatRuleBuilder.${member}`);
    if (value === null || value === undefined) delete this.draft.spec.format[key];
    else this.draft.spec.format[key] = value;
    return this;
  }

  override build(): GoogleAppsScript.Spreadsheet.ConditionalFormatRule {
    this.context.local('ConditionalFormatRuleBuilder.build');
    if (!this.draft.spec.criteria)
      throw gasError('A conditional format rule needs a condition: call one of the when… methods.');
    return new FakeConditionalFormatRule(this.context, cloneDraft(this.draft));
  }

  override copy(): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    this.context.local('ConditionalFormatRuleBuilder.copy');
    return new FakeConditionalFormatRuleBuilder(this.context, cloneDraft(this.draft));
  }

  override getBooleanCondition(): GoogleAppsScript.Spreadsheet.BooleanCondition | null {
    this.context.local('ConditionalFormatRuleBuilder.getBooleanCondition');
    return this.draft.spec.criteria ? new FakeBooleanCondition(this.context, this.draft.spec) : null;
  }

  override getGradientCondition(): null {
    this.context.local('ConditionalFormatRuleBuilder.getGradientCondition');
    return null;
  }

  override getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    this.context.local('ConditionalFormatRuleBuilder.getRanges');
    return rangesOf(this.context, this.draft);
  }

  override setRanges(ranges: unknown[]): this {
    this.context.local('ConditionalFormatRuleBuilder.setRanges');
    const locations: SheetRect[] = ranges.map((range) => locationOf(range, 'ConditionalFormatRuleBuilder.setRanges'));
    const sheetIds = new Set(locations.map((location) => location.sheetId));
    if (sheetIds.size > 1) throw gasError('All the ranges of a conditional format rule must be on the same sheet.');
    this.draft.sheetId = locations[0]?.sheetId ?? null;
    this.draft.spec.ranges = locations.map(({ top, left, bottom, right }) => ({ top, left, bottom, right }));
    return this;
  }

  override setBackground(color: string | null): this {
    return this.format('setBackground', 'background', color === null ? null : normalizeColor(color));
  }

  override setFontColor(color: string | null): this {
    return this.format('setFontColor', 'fontColor', color === null ? null : normalizeColor(color));
  }

  override setBold(bold: boolean | null): this {
    return this.format('setBold', 'bold', bold);
  }

  override setItalic(italic: boolean | null): this {
    return this.format('setItalic', 'italic', italic);
  }

  override setStrikethrough(strikethrough: boolean | null): this {
    return this.format('setStrikethrough', 'strikethrough', strikethrough);
  }

  override setUnderline(underline: boolean | null): this {
    return this.format('setUnderline', 'underline', underline);
  }

  override withCriteria(criteria: unknown, args: unknown[]): this {
    if (!isMember(BOOLEAN_CRITERIA, String(criteria))) {
      throw gasError(`Invalid argument: criteria (${String(criteria)})`);
    }
    return this.when('withCriteria', String(criteria) as BooleanCriteriaName, args);
  }

  override whenCellEmpty(): this {
    return this.when('whenCellEmpty', 'CELL_EMPTY', []);
  }

  override whenCellNotEmpty(): this {
    return this.when('whenCellNotEmpty', 'CELL_NOT_EMPTY', []);
  }

  /** A date condition: against a Date, or (the *_RELATIVE criteria) a RelativeDate such as TODAY. */
  private whenDate(member: string, criteria: 'DATE_AFTER' | 'DATE_BEFORE' | 'DATE_EQUAL_TO', date: unknown): this {
    return this.when(member, isMember(RELATIVE_DATE, date) ? `${criteria}_RELATIVE` : criteria, [date]);
  }

  override whenDateAfter(date: unknown): this {
    return this.whenDate('whenDateAfter', 'DATE_AFTER', date);
  }

  override whenDateBefore(date: unknown): this {
    return this.whenDate('whenDateBefore', 'DATE_BEFORE', date);
  }

  override whenDateEqualTo(date: unknown): this {
    return this.whenDate('whenDateEqualTo', 'DATE_EQUAL_TO', date);
  }

  override whenFormulaSatisfied(formula: string): this {
    return this.when('whenFormulaSatisfied', 'CUSTOM_FORMULA', [formula]);
  }

  override whenNumberBetween(start: number, end: number): this {
    return this.when('whenNumberBetween', 'NUMBER_BETWEEN', [start, end]);
  }

  override whenNumberNotBetween(start: number, end: number): this {
    return this.when('whenNumberNotBetween', 'NUMBER_NOT_BETWEEN', [start, end]);
  }

  override whenNumberEqualTo(number: number): this {
    return this.when('whenNumberEqualTo', 'NUMBER_EQUAL_TO', [number]);
  }

  override whenNumberNotEqualTo(number: number): this {
    return this.when('whenNumberNotEqualTo', 'NUMBER_NOT_EQUAL_TO', [number]);
  }

  override whenNumberGreaterThan(number: number): this {
    return this.when('whenNumberGreaterThan', 'NUMBER_GREATER_THAN', [number]);
  }

  override whenNumberGreaterThanOrEqualTo(number: number): this {
    return this.when('whenNumberGreaterThanOrEqualTo', 'NUMBER_GREATER_THAN_OR_EQUAL_TO', [number]);
  }

  override whenNumberLessThan(number: number): this {
    return this.when('whenNumberLessThan', 'NUMBER_LESS_THAN', [number]);
  }

  override whenNumberLessThanOrEqualTo(number: number): this {
    return this.when('whenNumberLessThanOrEqualTo', 'NUMBER_LESS_THAN_OR_EQUAL_TO', [number]);
  }

  override whenTextContains(text: string): this {
    return this.when('whenTextContains', 'TEXT_CONTAINS', [text]);
  }

  override whenTextDoesNotContain(text: string): this {
    return this.when('whenTextDoesNotContain', 'TEXT_DOES_NOT_CONTAIN', [text]);
  }

  override whenTextEqualTo(text: string): this {
    return this.when('whenTextEqualTo', 'TEXT_EQUAL_TO', [text]);
  }

  override whenTextStartsWith(text: string): this {
    return this.when('whenTextStartsWith', 'TEXT_STARTS_WITH', [text]);
  }

  override whenTextEndsWith(text: string): this {
    return this.when('whenTextEndsWith', 'TEXT_ENDS_WITH', [text]);
  }
}
