/**
 * A sheet's basic filter, as Google's reference describes it: Range.createFilter applies one to a
 * range, a sheet holds at most one, Sheet.getFilter and Range.getFilter return it (or null),
 * Filter.getRange and Filter.remove; the filtered range moves with inserted and deleted lines.
 * References: https://developers.google.com/apps-script/reference/spreadsheet/filter,
 * https://developers.google.com/apps-script/reference/spreadsheet/range#createFilter(),
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#getFilter()
 */
import { createExecutionEnv } from '../../emulator/core/execution';
import { createEmulatorState } from '../../emulator/core/state';
import { createSpreadsheetApp } from '../../emulator/spreadsheet';

function open() {
  const state = createEmulatorState({ owner: 'lead@example.com', now: Date.UTC(2026, 10, 23, 7) });
  const env = createExecutionEnv({ state, user: { email: 'lead@example.com' } });
  const ss = createSpreadsheetApp(env).getActiveSpreadsheet();
  return { env, state, ss, sheet: ss.getSheets()[0]! };
}

describe('Filter', () => {
  test('a new sheet has none; createFilter applies one to the range, and both getFilters return it', () => {
    const { sheet } = open();
    expect(sheet.getFilter()).toBeNull();
    expect(sheet.getRange('B2').getFilter()).toBeNull();
    const filter = sheet.getRange('A1:C10').createFilter();
    expect(filter.getRange().getA1Notation()).toBe('A1:C10');
    expect(sheet.getFilter()?.getRange().getA1Notation()).toBe('A1:C10');
    // Range.getFilter: the filter of the range's sheet, wherever the range lies.
    expect(sheet.getRange('Z50').getFilter()?.getRange().getA1Notation()).toBe('A1:C10');
  });

  test('a sheet holds one filter: a second createFilter throws; after remove() one may be created', () => {
    const { sheet } = open();
    sheet.getRange('A1:C10').createFilter();
    expect(() => sheet.getRange('A1:D20').createFilter()).toThrow(/already has a filter/);
    sheet.getFilter()?.remove();
    expect(sheet.getFilter()).toBeNull();
    expect(sheet.getRange('A1:D20').createFilter().getRange().getA1Notation()).toBe('A1:D20');
  });

  test('each sheet has its own filter', () => {
    const { ss, sheet } = open();
    const other = ss.insertSheet('Other');
    sheet.getRange('A1:B5').createFilter();
    expect(other.getFilter()).toBeNull();
    other.getRange('A1:C3').createFilter();
    expect(sheet.getFilter()?.getRange().getA1Notation()).toBe('A1:B5');
  });

  test('the filtered range moves with inserted and deleted lines', () => {
    const { sheet } = open();
    sheet.getRange('B2:D10').createFilter();
    sheet.insertRowsBefore(1, 2);
    expect(sheet.getFilter()?.getRange().getA1Notation()).toBe('B4:D12');
    sheet.insertColumnsAfter(2, 1);
    expect(sheet.getFilter()?.getRange().getA1Notation()).toBe('B4:E12');
    sheet.deleteColumn(1);
    expect(sheet.getFilter()?.getRange().getA1Notation()).toBe('A4:D12');
  });

  test('a removed filter cannot be used; each call is a round trip', () => {
    const { env, sheet } = open();
    env.meter.reset();
    const filter = sheet.getRange('A1:B2').createFilter();
    filter.remove();
    expect(() => filter.getRange()).toThrow(/removed/);
    expect(env.meter.snapshot().calls).toMatchObject({ 'Range.createFilter': 1, 'Filter.remove': 1 });
  });

  test('column criteria are not modelled: they fail loudly', () => {
    const { sheet } = open();
    const filter = sheet.getRange('A1:B2').createFilter();
    expect(() => filter.getColumnFilterCriteria(1)).toThrow(/not modeled/i);
  });
});
