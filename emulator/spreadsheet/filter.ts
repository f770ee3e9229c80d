/**
 * A sheet's basic filter (Range.createFilter, Sheet.getFilter, Range.getFilter, Filter). Stored
 * as the filtered rectangle on its sheet; it moves with inserted and deleted lines like any
 * other area. A sheet holds at most one: creating a second throws. Column criteria, sorting and
 * hidden rows are not modelled (those members throw "not modeled", as every unmodelled one does).
 * https://developers.google.com/apps-script/reference/spreadsheet/filter
 * https://developers.google.com/apps-script/reference/spreadsheet/range#createFilter()
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#getFilter()
 */
import { gasError } from '../core/errors';
import { FilterStub } from '../generated/stubs';
import type { SheetsContext } from './context';
import type { GridRect, SheetState } from '../core/spreadsheet-state';

export class FakeFilter extends FilterStub implements GoogleAppsScript.Spreadsheet.Filter {
  constructor(
    private readonly context: SheetsContext,
    private readonly sheetId: number,
  ) {
    super();
  }

  toString(): string {
    return 'Filter';
  }

  private stored(member: string): { sheet: SheetState; rect: GridRect } {
    this.context.call(`Filter.${member}`);
    const sheet = this.context.sheetState(this.sheetId);
    if (!sheet.filter) throw gasError('The filter was removed.');
    return { sheet, rect: sheet.filter };
  }

  /** "Gets the range this filter applies to." */
  override getRange(): GoogleAppsScript.Spreadsheet.Range {
    const { rect } = this.stored('getRange');
    return this.context.fakes.range(this.sheetId, { ...rect });
  }

  /** "Removes this filter." */
  override remove(): void {
    const { sheet } = this.stored('remove');
    sheet.filter = null;
  }
}

/**
 * Range.createFilter: "Creates a filter and applies it to the specified range on the sheet. You
 * can't create more than one filter on a sheet." The message of the refusal is ours: the
 * reference names the rule, not its wording.
 */
export function createFilter(context: SheetsContext, sheetId: number, rect: GridRect): FakeFilter {
  const sheet = context.sheetState(sheetId);
  if (sheet.filter) throw gasError("You can't create a filter in a sheet that already has a filter.");
  sheet.filter = { ...rect };
  return new FakeFilter(context, sheetId);
}

/** Sheet.getFilter, Range.getFilter: the sheet's filter, or null when it has none. */
export function filterOf(context: SheetsContext, sheetId: number): FakeFilter | null {
  return context.sheetState(sheetId).filter ? new FakeFilter(context, sheetId) : null;
}
