/**
 * NamedRange (Spreadsheet.getNamedRanges), a handle on a stored name.
 * https://developers.google.com/apps-script/reference/spreadsheet/named-range
 */
import { gasError } from '../core/errors';
import { NamedRangeStub } from '../generated/stubs';
import { locationOf, type SheetsContext } from './context';
import type { NamedRangeSpec } from '../core/spreadsheet-state';

export class FakeNamedRange extends NamedRangeStub implements GoogleAppsScript.Spreadsheet.NamedRange {
  constructor(
    private readonly context: SheetsContext,
    private name: string,
  ) {
    super();
  }

  private spec(member: string): NamedRangeSpec {
    this.context.call(`NamedRange.${member}`);
    const spec = this.context.state.namedRanges.find((named) => named.name === this.name);
    if (!spec) throw gasError(`The named range "${this.name}" was removed.`);
    return spec;
  }

  override getName(): string {
    return this.spec('getName').name;
  }

  override setName(name: string): this {
    this.spec('setName').name = String(name);
    this.name = String(name);
    return this;
  }

  override getRange(): GoogleAppsScript.Spreadsheet.Range {
    const { range } = this.spec('getRange');
    return this.context.fakes.range(range.sheetId, range);
  }

  override setRange(range: GoogleAppsScript.Spreadsheet.Range): this {
    this.spec('setRange').range = locationOf(range, 'SpreadsheetApp.NamedRange.setRange');
    return this;
  }

  override remove(): void {
    this.spec('remove');
    this.context.state.namedRanges = this.context.state.namedRanges.filter((named) => named.name !== this.name);
  }
}
