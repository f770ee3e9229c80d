/**
 * RangeList (Sheet.getRangeList): applies an operation to each of its ranges; each is metered as
 * that Range call. https://developers.google.com/apps-script/reference/spreadsheet/range-list
 */
import { RangeListStub } from '../generated/stubs';
import type { SheetsContext } from './context';

type Range = GoogleAppsScript.Spreadsheet.Range;

export class FakeRangeList extends RangeListStub implements GoogleAppsScript.Spreadsheet.RangeList {
  constructor(
    private readonly context: SheetsContext,
    private readonly ranges: Range[],
  ) {
    super();
  }

  private each(apply: (range: Range) => unknown): this {
    for (const range of this.ranges) apply(range);
    return this;
  }

  override getRanges(): Range[] {
    this.context.local('RangeList.getRanges');
    return [...this.ranges];
  }

  override activate(): this {
    return this.each((range) => range.activate());
  }

  override clear(options?: Parameters<Range['clear']>[0]): this {
    return this.each((range) => (options ? range.clear(options) : range.clear()));
  }

  override clearContent(): this {
    return this.each((range) => range.clearContent());
  }

  override clearFormat(): this {
    return this.each((range) => range.clearFormat());
  }

  override clearNote(): this {
    return this.each((range) => range.clearNote());
  }

  override clearDataValidations(): this {
    return this.each((range) => range.clearDataValidations());
  }

  override setValue(value: unknown): this {
    return this.each((range) => range.setValue(value));
  }

  override setFormula(formula: string): this {
    return this.each((range) => range.setFormula(formula));
  }

  override setNote(note: string | null): this {
    return this.each((range) => range.setNote(note));
  }

  override setBackground(color: string | null): this {
    return this.each((range) => range.setBackground(color));
  }

  override setFontColor(color: string | null): this {
    return this.each((range) => range.setFontColor(color));
  }

  override setFontWeight(fontWeight: GoogleAppsScript.Spreadsheet.FontWeight | null): this {
    return this.each((range) => range.setFontWeight(fontWeight));
  }

  override setFontStyle(fontStyle: GoogleAppsScript.Spreadsheet.FontStyle | null): this {
    return this.each((range) => range.setFontStyle(fontStyle));
  }

  override setNumberFormat(numberFormat: string): this {
    return this.each((range) => range.setNumberFormat(numberFormat));
  }

  override setHorizontalAlignment(alignment: Parameters<Range['setHorizontalAlignment']>[0]): this {
    return this.each((range) => range.setHorizontalAlignment(alignment));
  }

  override setVerticalAlignment(alignment: Parameters<Range['setVerticalAlignment']>[0]): this {
    return this.each((range) => range.setVerticalAlignment(alignment));
  }

  override setWrap(isWrapEnabled: boolean): this {
    return this.each((range) => range.setWrap(isWrapEnabled));
  }

  override insertCheckboxes(checkedValue?: unknown, uncheckedValue?: unknown): this {
    return this.each((range) => range.insertCheckboxes(checkedValue, uncheckedValue));
  }

  override removeCheckboxes(): this {
    return this.each((range) => range.removeCheckboxes());
  }

  override check(): this {
    return this.each((range) => range.check());
  }

  override uncheck(): this {
    return this.each((range) => range.uncheck());
  }
}
