/**
 * The SpreadsheetApp fake: values, typed-input parsing, A1 notation, sheets, metering, errors and
 * persistence. References: https://developers.google.com/apps-script/reference/spreadsheet/
 * (Range, Sheet, Spreadsheet, SpreadsheetApp pages).
 */
import { NotModeledError } from '../../emulator/core/errors';
import { ALL_SCOPES_FOR_TESTS, createExecutionEnv } from '../../emulator/core/execution';
import { parseState, stringifyState } from '../../emulator/core/persist';
import { createEmulatorState, type EmulatorState } from '../../emulator/core/state';
import { createSpreadsheetApp } from '../../emulator/spreadsheet';
import type { NewSpreadsheetOptions } from '../../emulator/core/spreadsheet-state';

const NOW = Date.UTC(2026, 10, 23, 7, 0, 0);

function open(options: NewSpreadsheetOptions = {}, state?: EmulatorState) {
  const env = createExecutionEnv({ state: state ?? createEmulatorState({ ...options, now: NOW }) });
  const app = createSpreadsheetApp(env);
  const ss = app.getActiveSpreadsheet();
  return { env, app, ss, sheet: ss.getSheets()[0]!, state: env.state };
}

describe('values', () => {
  test('empty cells read as empty strings and getValues is rectangular', () => {
    const { sheet } = open();
    sheet.getRange('B2').setValue('x');
    expect(sheet.getRange('A1:C3').getValues()).toEqual([
      ['', '', ''],
      ['', 'x', ''],
      ['', '', ''],
    ]);
  });

  test('numbers, booleans and Dates are stored as they are', () => {
    const { sheet } = open();
    const when = new Date('2026-11-23T10:15:00+03:00');
    sheet.getRange('A1:C1').setValues([[42.5, true, when]]);
    const [[n, b, d]] = sheet.getRange('A1:C1').getValues() as [[number, boolean, Date]];
    expect(n).toBe(42.5);
    expect(b).toBe(true);
    expect(d).toBeInstanceOf(Date);
    expect(d.getTime()).toBe(when.getTime());
    expect(d).not.toBe(when);
  });

  test('setValues with the wrong number of rows throws the Apps Script message', () => {
    const { sheet } = open();
    expect(() => sheet.getRange('A1:B3').setValues([[1, 2]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 3.',
    );
  });

  test('setValues with the wrong number of columns throws the Apps Script message', () => {
    const { sheet } = open();
    expect(() => sheet.getRange('A1:B2').setValues([[1, 2], [3]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
  });

  test.each([
    ['00123', 123],
    ['+77015550102', 77015550102],
    ['1e3', 1000],
    ['-5', -5],
    ['3.14', 3.14],
    ['1,234', 1234],
    ['50%', 0.5],
  ])('en_US: the string %p written by a script becomes the number %p', (input, expected) => {
    const { sheet } = open({ locale: 'en_US' });
    sheet.getRange('A1').setValue(input);
    expect(sheet.getRange('A1').getValue()).toBe(expected);
  });

  test('ru_RU reads a decimal comma as a number and leaves a decimal point as text', () => {
    const { sheet } = open({ locale: 'ru_RU' });
    sheet.getRange('A1:B1').setValues([['3,14', '3.14']]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([[3.14, '3.14']]);
  });

  test('TRUE / false in any case become booleans', () => {
    const { sheet } = open();
    sheet.getRange('A1:B1').setValues([['TRUE', 'false']]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([[true, false]]);
  });

  test('a plain-text cell (@) keeps number-like strings verbatim', () => {
    const { sheet } = open();
    const range = sheet.getRange('A1:B1');
    range.setNumberFormat('@');
    range.setValues([['00123', '+77015550102']]);
    expect(range.getValues()).toEqual([['00123', '+77015550102']]);
  });

  test('a leading apostrophe forces text and is not stored', () => {
    const { sheet } = open();
    sheet.getRange('A1').setValue("'00123");
    expect(sheet.getRange('A1').getValue()).toBe('00123');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('00123');
  });

  test("'=…' becomes a formula", () => {
    const { sheet } = open();
    sheet.getRange('A1:A2').setValues([[2], ['=A1*10']]);
    expect(sheet.getRange('A2').getFormula()).toBe('=A1*10');
    expect(sheet.getRange('A2').getValue()).toBe(20);
    expect(sheet.getRange('A1').getFormula()).toBe('');
  });

  test('null and undefined empty a cell', () => {
    const { sheet } = open();
    sheet.getRange('A1:B1').setValues([['a', 'b']]);
    sheet.getRange('A1:B1').setValues([[null, undefined]]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['', '']]);
    expect(sheet.getLastRow()).toBe(0);
  });

  test('ISO and locale dates typed as text become dates in the spreadsheet time zone', () => {
    const { sheet } = open({ locale: 'ru_RU', timeZone: 'Europe/Moscow' });
    sheet.getRange('A1:C1').setValues([['2026-11-23', '23.11.2026 14:30', '2026-11-23 09:05:07']]);
    const [[a, b, c]] = sheet.getRange('A1:C1').getValues() as [[Date, Date, Date]];
    expect(a.toISOString()).toBe('2026-11-22T21:00:00.000Z');
    expect(b.toISOString()).toBe('2026-11-23T11:30:00.000Z');
    expect(c.toISOString()).toBe('2026-11-23T06:05:07.000Z');
  });

  test('en_US reads m/d/yyyy as a date', () => {
    const { sheet } = open({ locale: 'en_US', timeZone: 'America/New_York' });
    sheet.getRange('A1').setValue('11/23/2026');
    expect((sheet.getRange('A1').getValue() as Date).toISOString()).toBe('2026-11-23T05:00:00.000Z');
  });

  test('a date that does not exist stays text', () => {
    const { sheet } = open({ locale: 'ru_RU' });
    sheet.getRange('A1').setValue('31.02.2026');
    expect(sheet.getRange('A1').getValue()).toBe('31.02.2026');
  });
});

describe('A1 notation', () => {
  test('Sheet!A1:B2 and quoted sheet names', () => {
    const { ss } = open({ locale: 'en_US' });
    ss.insertSheet('My sheet');
    ss.getRange("'My sheet'!B2").setValue('here');
    const range = ss.getRange("'My sheet'!A1:B2");
    expect(range.getSheet().getName()).toBe('My sheet');
    expect(range.getValues()).toEqual([
      ['', ''],
      ['', 'here'],
    ]);
    expect(ss.getRange('Sheet1!A1:B2').getSheet().getName()).toBe('Sheet1');
  });

  test('A:A is whole columns, 2:2 whole rows, A2:C runs to the last row', () => {
    const { sheet } = open();
    const column = sheet.getRange('A:A');
    expect([column.getRow(), column.getNumRows(), column.getNumColumns(), column.getA1Notation()]).toEqual([
      1,
      1000,
      1,
      'A:A',
    ]);
    const row = sheet.getRange('2:2');
    expect([row.getRow(), row.getColumn(), row.getNumColumns(), row.getA1Notation()]).toEqual([2, 1, 26, '2:2']);
    const open_ = sheet.getRange('A2:C');
    expect([open_.getRow(), open_.getLastRow(), open_.getNumColumns(), open_.getA1Notation()]).toEqual([
      2,
      1000,
      3,
      'A2:C',
    ]);
    expect(sheet.getRange('b3:a1').getA1Notation()).toBe('A1:B3');
  });

  test('numeric getRange and getA1Notation agree', () => {
    const { sheet } = open();
    const range = sheet.getRange(2, 3, 4, 2);
    expect(range.getA1Notation()).toBe('C2:D5');
    expect([range.getLastRow(), range.getLastColumn()]).toEqual([5, 4]);
    expect(sheet.getRange(1, 1).getA1Notation()).toBe('A1');
  });

  test.each(['A0', 'Nope!A1', '1A', 'A1:B2:C3', ''])('%p is "Range not found"', (a1) => {
    const { sheet } = open();
    expect(() => sheet.getRange(a1)).toThrow('Range not found');
  });

  test('coordinates outside the sheet throw', () => {
    const { sheet } = open();
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1001, 1)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
  });

  test('offset and getCell move within the sheet', () => {
    const { sheet } = open();
    const range = sheet.getRange('B2:C3');
    expect(range.offset(1, 1).getA1Notation()).toBe('C3:D4');
    expect(range.offset(0, 0, 1, 1).getA1Notation()).toBe('B2');
    expect(range.getCell(2, 2).getA1Notation()).toBe('C3');
  });
});

describe('sheets', () => {
  test('the recalculation interval: ON_CHANGE for a new spreadsheet, set from the enum, anything else refused', () => {
    const { app, ss } = open();
    expect(String(ss.getRecalculationInterval())).toBe('ON_CHANGE');
    expect(ss.setRecalculationInterval(app.RecalculationInterval.MINUTE)).toBe(ss);
    expect(ss.getRecalculationInterval()).toBe(app.RecalculationInterval.MINUTE);
    expect(() =>
      ss.setRecalculationInterval('DAILY' as unknown as GoogleAppsScript.Spreadsheet.RecalculationInterval),
    ).toThrow('Invalid argument: recalculationInterval (DAILY)');
  });

  test('a new spreadsheet has one 1000 × 26 sheet, and so does an inserted sheet', () => {
    const { ss, sheet } = open({ locale: 'en_US' });
    expect([sheet.getName(), sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual(['Sheet1', 1000, 26]);
    const added = ss.insertSheet('Cases');
    expect([added.getMaxRows(), added.getMaxColumns(), added.getIndex()]).toEqual([1000, 26, 2]);
    expect(ss.getActiveSheet().getName()).toBe('Cases');
  });

  test('getSheetByName is null when missing', () => {
    const { ss } = open();
    expect(ss.getSheetByName('Nope')).toBeNull();
  });

  test('insertSheet with a taken name throws (names are unique ignoring case)', () => {
    const { ss } = open();
    ss.insertSheet('Cases');
    expect(() => ss.insertSheet('Cases')).toThrow(
      'A sheet with the name "Cases" already exists. Please enter another name.',
    );
    expect(() => ss.insertSheet('cases')).toThrow('already exists');
  });

  test('insertSheet(name, index) is 0-based; getIndex is 1-based; default names count up', () => {
    const { ss } = open({ locale: 'en_US' });
    ss.insertSheet('First', 0);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['First', 'Sheet1']);
    expect(ss.getSheetByName('Sheet1')!.getIndex()).toBe(2);
    expect(ss.insertSheet().getName()).toBe('Sheet3');
  });

  test('deleteSheet, setName, hide and show', () => {
    const { ss, sheet } = open();
    const other = ss.insertSheet('Other');
    other.setName('Renamed');
    expect(ss.getSheetByName('Renamed')).not.toBeNull();
    expect(() => other.setName(sheet.getName())).toThrow('already exists');
    other.hideSheet();
    expect(other.isSheetHidden()).toBe(true);
    expect(() => sheet.hideSheet()).toThrow();
    other.showSheet();
    ss.deleteSheet(other);
    expect(ss.getSheets()).toHaveLength(1);
    expect(() => ss.deleteSheet(sheet)).toThrow();
  });

  test('getLastRow / getLastColumn count content only and are 0 on an empty sheet', () => {
    const { sheet } = open();
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([0, 0]);
    sheet.getRange('A1:Z50').setBackground('#ff0000');
    sheet.getRange('D7').setNote('just a note');
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([0, 0]);
    sheet.getRange('C4').setValue('x');
    sheet.getRange('B9').setFormula('=1+1');
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([9, 3]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C9');
  });

  test('appendRow writes at last row + 1, reads strings as typed, and grows the sheet', () => {
    const { sheet } = open({ locale: 'en_US' });
    sheet.getRange('A1:B1').setValues([['id', 'phone']]);
    sheet.getRange('A3').setValue('gap');
    sheet.appendRow(['K-1', '+77015550102']);
    expect(sheet.getRange('A4:B4').getValues()).toEqual([['K-1', 77015550102]]);
    sheet.getRange('A1000').setValue('last');
    sheet.appendRow(new Array(30).fill('x'));
    expect([sheet.getMaxRows(), sheet.getMaxColumns(), sheet.getLastRow()]).toEqual([1001, 30, 1001]);
  });

  test('inserting and deleting rows and columns shifts content', () => {
    const { sheet } = open();
    sheet.getRange('A1:A3').setValues([['a'], ['b'], ['c']]);
    sheet.insertRowsBefore(2, 2);
    expect(sheet.getRange('A1:A5').getValues().flat()).toEqual(['a', '', '', 'b', 'c']);
    expect(sheet.getMaxRows()).toBe(1002);
    sheet.deleteRows(2, 2);
    expect(sheet.getRange('A1:A3').getValues().flat()).toEqual(['a', 'b', 'c']);
    sheet.insertColumnBefore(1);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['', 'a']]);
    sheet.deleteColumn(1);
    expect(sheet.getRange('A1').getValue()).toBe('a');
  });

  test('inserted rows copy the neighbour row formats and validation, not its content', () => {
    const { app, sheet } = open();
    sheet
      .getRange('A1:B1')
      .setValues([['h1', 'h2']])
      .setFontWeight('bold');
    sheet.insertRowsAfter(1, 1);
    expect(sheet.getRange('A2:B2').getFontWeights()).toEqual([['bold', 'bold']]);
    expect(sheet.getRange('A2:B2').getValues()).toEqual([['', '']]);
    sheet.getRange('C5').setValue('below').setBackground('#00ff00');
    sheet.getRange('C5').setDataValidation(app.newDataValidation().requireCheckbox().build());
    sheet.insertRowsBefore(5, 2);
    expect(sheet.getRange('C5:C7').getBackgrounds().flat()).toEqual(['#00ff00', '#00ff00', '#00ff00']);
    expect(sheet.getRange('C5:C7').getValues().flat()).toEqual(['', '', 'below']);
    expect(
      sheet
        .getRange('C5:C8')
        .getDataValidations()
        .map(([rule]) => rule !== null),
    ).toEqual([true, true, true, false]);
  });

  test('formulas follow inserted and deleted rows; a deleted reference is #REF!', () => {
    const { ss, sheet } = open({ locale: 'en_US' });
    const other = ss.insertSheet('Totals');
    sheet.getRange('A1:A3').setValues([[1], [2], [3]]);
    other.getRange('A1').setFormula('=SUM(Sheet1!A1:A3)');
    other.getRange('A2').setFormula('=Sheet1!A3');
    sheet.insertRowBefore(1);
    expect(other.getRange('A1').getFormula()).toBe('=SUM(Sheet1!A2:A4)');
    expect(other.getRange('A1').getValue()).toBe(6);
    sheet.deleteRow(4);
    expect(other.getRange('A1').getFormula()).toBe('=SUM(Sheet1!A2:A3)');
    expect(other.getRange('A2').getFormula()).toBe('=#REF!');
    expect(other.getRange('A2').getValue()).toBe('#REF!');
  });

  test('renaming a sheet rewrites formulas that name it', () => {
    const { ss, sheet } = open({ locale: 'en_US' });
    sheet.getRange('A1').setValue(5);
    const other = ss.insertSheet('Totals');
    other.getRange('A1').setFormula('=Sheet1!A1*2');
    sheet.setName('Cases 2026');
    expect(other.getRange('A1').getFormula()).toBe("='Cases 2026'!A1*2");
    expect(other.getRange('A1').getValue()).toBe(10);
  });

  test('frozen rows, tab color, column widths', () => {
    const { sheet } = open();
    sheet.setFrozenRows(1);
    sheet.setTabColor('RED');
    sheet.setColumnWidth(2, 240);
    expect([sheet.getFrozenRows(), sheet.getTabColor(), sheet.getColumnWidth(2), sheet.getColumnWidth(3)]).toEqual([
      1,
      '#ff0000',
      240,
      100,
    ]);
  });

  test('Range.sort orders rows by a column; empty cells go last', () => {
    const { sheet } = open();
    sheet.getRange('A1:B4').setValues([
      ['b', 2],
      ['', 9],
      ['A', 1],
      ['c', 3],
    ]);
    sheet.getRange('A1:B4').sort({ column: 1, ascending: true });
    expect(sheet.getRange('A1:B4').getValues()).toEqual([
      ['A', 1],
      ['b', 2],
      ['c', 3],
      ['', 9],
    ]);
    sheet.getRange('A1:B4').sort({ column: 2, ascending: false });
    expect(sheet.getRange('B1:B4').getValues().flat()).toEqual([9, 3, 2, 1]);
  });

  test('the active sheet and selection', () => {
    const { app, ss, sheet } = open();
    expect(app.getActiveRange()).toBeNull();
    sheet.getRange('B2:C3').activate();
    expect(app.getActiveRange().getA1Notation()).toBe('B2:C3');
    const other = ss.insertSheet('Other');
    expect(app.getActiveSheet().getName()).toBe('Other');
    ss.setActiveSheet(sheet);
    expect(app.getActiveSheet().getSheetId()).toBe(sheet.getSheetId());
    expect(other.getIndex()).toBe(2);
  });

  test('openById needs the full spreadsheets scope and opens the same spreadsheet only', () => {
    const { app, ss } = open();
    expect(() => app.openById(ss.getId())).toThrow(
      'Required permissions: https://www.googleapis.com/auth/spreadsheets',
    );
    const full = createSpreadsheetApp(
      createExecutionEnv({ scopes: [...ALL_SCOPES_FOR_TESTS, 'https://www.googleapis.com/auth/spreadsheets'] }),
    );
    const id = full.getActiveSpreadsheet().getId();
    expect(full.openById(id).getId()).toBe(id);
    expect(() => full.openById('someone-else')).toThrow(
      'Unexpected error while getting the method or property openById',
    );
  });

  test('named ranges', () => {
    const { ss, sheet } = open();
    ss.setNamedRange('Owners', sheet.getRange('A1:A5'));
    expect(ss.getRangeByName('Owners')!.getA1Notation()).toBe('A1:A5');
    expect(ss.getRangeByName('Missing')).toBeNull();
    ss.getNamedRanges()[0]!.remove();
    expect(ss.getRangeByName('Owners')).toBeNull();
  });

  test('toast appends to the execution output', () => {
    const { env, ss } = open();
    ss.toast('Saved', 'Arbiter');
    ss.toast('Done');
    expect(env.output.toasts).toEqual([
      { message: 'Saved', title: 'Arbiter', timeoutSeconds: 5 },
      { message: 'Done', title: '', timeoutSeconds: 5 },
    ]);
  });

  test('getUi returns the Ui fake', () => {
    const { app } = open();
    expect(typeof app.getUi().createMenu).toBe('function');
  });
});

describe('formats and notes', () => {
  test('backgrounds, font colors, weights, notes round-trip with Sheets defaults', () => {
    const { sheet } = open();
    const range = sheet.getRange('A1:B1');
    expect(range.getBackgrounds()).toEqual([['#ffffff', '#ffffff']]);
    range.setBackgrounds([['#F00', null]]);
    range.setFontColor('blue');
    range.setFontWeights([['bold', 'normal']]);
    range.setNotes([['first', '']]);
    expect(range.getBackgrounds()).toEqual([['#ff0000', '#ffffff']]);
    expect(range.getFontColors()).toEqual([['#0000ff', '#0000ff']]);
    expect(range.getFontWeights()).toEqual([['bold', 'normal']]);
    expect(range.getNotes()).toEqual([['first', '']]);
    range.clearFormat();
    expect(range.getBackground()).toBe('#ffffff');
    expect(range.getNote()).toBe('first');
  });

  test('clear() removes content, formats and validation; clearContent keeps formats', () => {
    const { app, sheet } = open();
    const range = sheet.getRange('A1');
    range.setValue('x').setBackground('#00ff00');
    range.setDataValidation(app.newDataValidation().requireValueInList(['x']).build());
    range.clearContent();
    expect([range.getValue(), range.getBackground()]).toEqual(['', '#00ff00']);
    range.clear();
    expect([range.getBackground(), range.getDataValidation()]).toEqual(['#ffffff', null]);
  });

  test('a RangeList applies each operation to all its ranges', () => {
    const { sheet } = open();
    const list = sheet.getRangeList(['A1', 'C2:C3']);
    list.setValue('x').setBackground('#ff0000');
    expect(list.getRanges().map((r) => r.getA1Notation())).toEqual(['A1', 'C2:C3']);
    expect(sheet.getRange('A1:C3').getValues()).toEqual([
      ['x', '', ''],
      ['', '', 'x'],
      ['', '', 'x'],
    ]);
    expect(sheet.getRange('C3').getBackground()).toBe('#ff0000');
  });

  test('number formats: automatic until set', () => {
    const { sheet } = open();
    const range = sheet.getRange('A1');
    expect(range.getNumberFormat()).toBe('0.###############');
    range.setNumberFormat('0.00');
    expect(range.getNumberFormats()).toEqual([['0.00']]);
  });
});

describe('metering', () => {
  test('one getValues of 10 × 3 is one read of 30 cells; getRange is local', () => {
    const { env, sheet } = open();
    const before = env.meter.snapshot();
    const range = sheet.getRange('A1:C10');
    range.getValues();
    const after = env.meter.snapshot();
    expect(after.calls['Range.getValues']).toBe(1);
    expect(after.byKind['sheets.read'] - before.byKind['sheets.read']).toBe(1);
    expect(after.cellsRead - before.cellsRead).toBe(30);
    expect(after.byKind.local - before.byKind.local).toBe(1);
    expect(after.roundTrips - before.roundTrips).toBe(1);
  });

  test('setValues is one write of its cells; getSheetByName and getLastRow are round trips', () => {
    const { env, ss, sheet } = open();
    sheet.getRange('A1:B2').setValues([
      [1, 2],
      [3, 4],
    ]);
    ss.getSheetByName('x');
    sheet.getLastRow();
    const snapshot = env.meter.snapshot();
    expect(snapshot.cellsWritten).toBe(4);
    expect(snapshot.calls['Range.setValues']).toBe(1);
    expect(snapshot.calls['Spreadsheet.getSheetByName']).toBe(1);
    expect(snapshot.calls['Sheet.getLastRow']).toBe(1);
    expect(snapshot.byKind.sheets).toBeGreaterThanOrEqual(2);
  });

  test('a RangeList operation is one write of all its ranges’ cells, whatever the number of ranges', () => {
    const { env, sheet } = open();
    const list = sheet.getRangeList(['A1:D1', 'A3:D3', 'B5:B7']);
    const before = env.meter.snapshot();
    list.setFontWeight('bold').setBackground('#d2e3fc');
    const after = env.meter.snapshot();
    expect(after.roundTrips - before.roundTrips).toBe(2);
    expect(after.calls['RangeList.setFontWeight']).toBe(1);
    expect(after.calls['RangeList.setBackground']).toBe(1);
    expect(after.calls['Range.setBackground']).toBeUndefined();
    expect(after.cellsWritten - before.cellsWritten).toBe(2 * 11);
    expect([sheet.getRange('D3').getFontWeight(), sheet.getRange('B7').getBackground()]).toEqual(['bold', '#d2e3fc']);
    expect(sheet.getRange('A2').getFontWeight()).toBe('normal');
    sheet.getRange('A1').setValue('x');
    expect(env.meter.snapshot().calls['Range.setValue']).toBe(1);
  });

  test('document access needs a spreadsheets scope', () => {
    const env = createExecutionEnv({ scopes: ['https://www.googleapis.com/auth/script.container.ui'] });
    expect(() => createSpreadsheetApp(env).getActiveSpreadsheet()).toThrow('Specified permissions are not sufficient');
  });

  test('nothing but menus in AuthMode.NONE', () => {
    const env = createExecutionEnv({ authMode: 'NONE' });
    expect(() => createSpreadsheetApp(env).getActiveSpreadsheet()).toThrow('AuthMode.NONE');
  });
});

describe('what is not modeled', () => {
  test('an unmodeled member throws an error naming it', () => {
    const { sheet } = open();
    const range = sheet.getRange('A1');
    expect(() => range.getBandings()).toThrow(NotModeledError);
    expect(() => range.getBandings()).toThrow('Range.getBandings');
  });

  test('reading a formula the emulator cannot evaluate throws, naming the formula', () => {
    const { sheet } = open();
    sheet.getRange('A1').setFormula('=IMPORTXML("https://example.com", "//a")');
    expect(sheet.getRange('A1').getFormula()).toBe('=IMPORTXML("https://example.com", "//a")');
    expect(() => sheet.getRange('A1').getValue()).toThrow(NotModeledError);
    expect(() => sheet.getRange('A1').getValue()).toThrow('=IMPORTXML("https://example.com", "//a")');
  });
});

describe('persistence', () => {
  test('the state survives stringifyState / parseState, Dates included', () => {
    const { state, app, sheet } = open({ locale: 'ru_RU' });
    const when = new Date('2026-11-23T10:15:00+03:00');
    sheet.getRange('A1:C1').setValues([['00123', when, '=A1+1']]);
    sheet.getRange('D1:D1000').setDataValidation(app.newDataValidation().requireValueInList(['a', 'b']).build());
    sheet.protect().setDescription('system');
    const text = stringifyState(state);
    const restored = parseState<EmulatorState>(text);
    const reopened = open({}, restored).sheet;
    const [[n, d, f]] = reopened.getRange('A1:C1').getValues() as [[number, Date, number]];
    expect([n, f]).toEqual([123, 124]);
    expect(d).toBeInstanceOf(Date);
    expect(d.getTime()).toBe(when.getTime());
    expect(reopened.getRange('D500').getDataValidation()!.getCriteriaValues()[0]).toEqual(['a', 'b']);
    expect(reopened.getProtections('SHEET' as never)[0]!.getDescription()).toBe('system');
    // A validation on 1,000 cells is stored once, not per cell.
    expect(restored.spreadsheet.sheets[0]!.validations).toHaveLength(1);
  });
});
