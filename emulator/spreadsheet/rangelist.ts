/**
 * RangeList (Sheet.getRangeList): applies an operation to each of its ranges. The operation is
 * one call of the script, so it is metered once, as "RangeList.<method>" moving the cells of all
 * its ranges. https://developers.google.com/apps-script/reference/spreadsheet/range-list
 */
import { RangeListStub } from '../generated/stubs';
import type { CallKind } from '../core/meter';
import { locationOf, type SheetsContext } from './context';
import { rectCells } from './rect';

type Range = GoogleAppsScript.Spreadsheet.Range;

export class FakeRangeList extends RangeListStub implements GoogleAppsScript.Spreadsheet.RangeList {
  constructor(
    private readonly context: SheetsContext,
    private readonly ranges: Range[],
  ) {
    super();
  }

  /** One metered call that applies `apply` to every range. */
  private each(member: string, apply: (range: Range) => unknown, kind: CallKind = 'sheets.write'): this {
    const cells = this.ranges.reduce((n, range) => n + rectCells(locationOf(range, `RangeList.${member}`)), 0);
    this.context.asOneCall(`RangeList.${member}`, kind, cells, () => {
      for (const range of this.ranges) apply(range);
    });
    return this;
  }

  override getRanges(): Range[] {
    this.context.local('RangeList.getRanges');
    return [...this.ranges];
  }

  override activate(): this {
    return this.each('activate', (range) => range.activate(), 'sheets');
  }

  override clear(options?: Parameters<Range['clear']>[0]): this {
    return this.each('clear', (range) => (options ? range.clear(options) : range.clear()));
  }

  override clearContent(): this {
    return this.each('clearContent', (range) => range.clearContent());
  }

  override clearFormat(): this {
    return this.each('clearFormat', (range) => range.clearFormat());
  }

  override clearNote(): this {
    return this.each('clearNote', (range) => range.clearNote());
  }

  override clearDataValidations(): this {
    return this.each('clearDataValidations', (range) => range.clearDataValidations());
  }

  override setValue(value: unknown): this {
    return this.each('setValue', (range) => range.setValue(value));
  }

  override setFormula(formula: string): this {
    return this.each('setFormula', (range) => range.setFormula(formula));
  }

  override setNote(note: string | null): this {
    return this.each('setNote', (range) => range.setNote(note));
  }

  override setBackground(color: string | null): this {
    return this.each('setBackground', (range) => range.setBackground(color));
  }

  override setFontColor(color: string | null): this {
    return this.each('setFontColor', (range) => range.setFontColor(color));
  }

  override setFontWeight(fontWeight: GoogleAppsScript.Spreadsheet.FontWeight | null): this {
    return this.each('setFontWeight', (range) => range.setFontWeight(fontWeight));
  }

  override setFontStyle(fontStyle: GoogleAppsScript.Spreadsheet.FontStyle | null): this {
    return this.each('setFontStyle', (range) => range.setFontStyle(fontStyle));
  }

  override setNumberFormat(numberFormat: string): this {
    return this.each('setNumberFormat', (range) => range.setNumberFormat(numberFormat));
  }

  override setHorizontalAlignment(alignment: Parameters<Range['setHorizontalAlignment']>[0]): this {
    return this.each('setHorizontalAlignment', (range) => range.setHorizontalAlignment(alignment));
  }

  override setVerticalAlignment(alignment: Parameters<Range['setVerticalAlignment']>[0]): this {
    return this.each('setVerticalAlignment', (range) => range.setVerticalAlignment(alignment));
  }

  override setWrap(isWrapEnabled: boolean): this {
    return this.each('setWrap', (range) => range.setWrap(isWrapEnabled));
  }

  override insertCheckboxes(checkedValue?: unknown, uncheckedValue?: unknown): this {
    return this.each('insertCheckboxes', (range) => range.insertCheckboxes(checkedValue, uncheckedValue));
  }

  override removeCheckboxes(): this {
    return this.each('removeCheckboxes', (range) => range.removeCheckboxes());
  }

  override check(): this {
    return this.each('check', (range) => range.check());
  }

  override uncheck(): this {
    return this.each('uncheck', (range) => range.uncheck());
  }
}
