/**
 * What getDisplayValues shows (number formats, locales, time zones) and the formula subset the
 * emulator evaluates. Number format syntax: https://developers.google.com/sheets/api/guides/formats
 */
import { NotModeledError } from '../../emulator/core/errors';
import { createExecutionEnv } from '../../emulator/core/execution';
import { createEmulatorState } from '../../emulator/core/state';
import { createSpreadsheetApp } from '../../emulator/spreadsheet';
import type { NewSpreadsheetOptions } from '../../emulator/core/spreadsheet-state';

const NOW = Date.UTC(2026, 10, 23, 7, 0, 0); // Monday 2026-11-23 10:00 in Moscow

function sheetOf(options: NewSpreadsheetOptions = {}) {
  const env = createExecutionEnv({ state: createEmulatorState({ ...options, now: NOW }) });
  return createSpreadsheetApp(env).getActiveSpreadsheet().getSheets()[0]!;
}

/** Writes one value with a number format and returns what the cell shows. */
function shown(sheet: GoogleAppsScript.Spreadsheet.Sheet, value: unknown, numberFormat?: string): string {
  const cell = sheet.getRange('A1');
  cell.clear();
  if (numberFormat) cell.setNumberFormat(numberFormat);
  cell.setValue(value);
  return cell.getDisplayValue();
}

describe('getDisplayValues', () => {
  test('automatic numbers use the locale decimal separator and no trailing zeros', () => {
    const ru = sheetOf({ locale: 'ru_RU' });
    const en = sheetOf({ locale: 'en_US' });
    expect(shown(ru, 3.14)).toBe('3,14');
    expect(shown(en, 3.14)).toBe('3.14');
    expect(shown(en, 2.5 * 2)).toBe('5');
    expect(shown(en, 0.1 + 0.2)).toBe('0.3');
    expect(shown(en, 1234567)).toBe('1234567');
    expect(shown(en, 77015550102)).toBe('77015550102');
  });

  test.each([
    ['0.00', 3.14159, '3.14', '3,14'],
    ['0.00', -2, '-2.00', '-2,00'],
    ['#,##0', 1234567.8, '1,234,568', '1\u00a0234\u00a0568'],
    ['#,##0.00', 1234.5, '1,234.50', '1\u00a0234,50'],
    ['0%', 0.256, '26%', '26%'],
    ['0.0%', 0.256, '25.6%', '25,6%'],
    ['"$"#,##0.00', 12, '$12.00', '$12,00'],
    ['0.00;(0.00)', -3, '(3.00)', '(3,00)'],
  ])('number format %p shows %p as %p (en_US) and %p (ru_RU)', (format, value, en, ru) => {
    expect(shown(sheetOf({ locale: 'en_US' }), value, format)).toBe(en);
    expect(shown(sheetOf({ locale: 'ru_RU' }), value, format)).toBe(ru);
  });

  test('typing 50% shows 50% (typing a percentage sets a percent format)', () => {
    const sheet = sheetOf({ locale: 'en_US' });
    expect(shown(sheet, '50%')).toBe('50%');
    expect(sheet.getRange('A1').getNumberFormat()).toBe('0%');
  });

  test('dates show in the automatic format of the locale, in the spreadsheet time zone', () => {
    const instant = new Date('2026-11-23T21:30:05Z'); // 24 Nov 00:30:05 in Moscow, 23 Nov 16:30:05 in New York
    expect(shown(sheetOf({ locale: 'ru_RU', timeZone: 'Europe/Moscow' }), instant)).toBe('24.11.2026 0:30:05');
    expect(shown(sheetOf({ locale: 'en_US', timeZone: 'America/New_York' }), instant)).toBe('11/23/2026 16:30:05');
  });

  test('a date at midnight in the sheet zone shows as a date only', () => {
    const midnightMoscow = new Date('2026-11-23T00:00:00+03:00');
    expect(shown(sheetOf({ locale: 'ru_RU', timeZone: 'Europe/Moscow' }), midnightMoscow)).toBe('23.11.2026');
    expect(shown(sheetOf({ locale: 'en_US', timeZone: 'Europe/Moscow' }), midnightMoscow)).toBe('11/23/2026');
    expect(shown(sheetOf({ locale: 'en_US', timeZone: 'UTC' }), midnightMoscow)).toBe('11/22/2026 21:00:00');
  });

  test.each([
    ['yyyy-mm-dd', '2026-03-05'],
    ['dd.mm.yyyy hh:mm', '05.03.2026 09:07'],
    ['yyyy-mm-dd hh:mm:ss', '2026-03-05 09:07:08'],
    ['d mmm yyyy', '5 Mar 2026'],
    ['h:mm am/pm', '9:07 am'],
  ])('date format %p shows %p', (format, expected) => {
    const sheet = sheetOf({ locale: 'en_US', timeZone: 'Europe/Moscow' });
    expect(shown(sheet, new Date('2026-03-05T09:07:08+03:00'), format)).toBe(expected);
  });

  test('a date written by a script round-trips as the same instant', () => {
    const sheet = sheetOf({ timeZone: 'Asia/Almaty' });
    const instant = new Date('2026-01-31T23:59:59.123Z');
    sheet.getRange('A1').setValue(instant);
    expect((sheet.getRange('A1').getValue() as Date).getTime()).toBe(instant.getTime());
  });

  test('booleans show TRUE / FALSE, text as is, plain text keeps what was written', () => {
    const sheet = sheetOf({ locale: 'ru_RU' });
    expect(shown(sheet, true)).toBe('TRUE');
    expect(shown(sheet, 'hello')).toBe('hello');
    expect(shown(sheet, '00123', '@')).toBe('00123');
  });

  test('a number format the emulator does not model throws instead of guessing', () => {
    const sheet = sheetOf();
    sheet.getRange('A1').setValue(12345).setNumberFormat('0.00E+00');
    expect(() => sheet.getRange('A1').getDisplayValue()).toThrow(NotModeledError);
  });
});

describe('formulas', () => {
  function evaluate(formula: string, setup: Array<[string, unknown]> = []): unknown {
    const sheet = sheetOf({ locale: 'en_US', timeZone: 'Europe/Moscow' });
    for (const [a1, value] of setup) sheet.getRange(a1).setValue(value);
    sheet.getRange('Z1').setFormula(formula);
    return sheet.getRange('Z1').getValue();
  }

  test.each([
    ['=1+2*3', 7],
    ['=(1+2)*3', 9],
    ['=-2^2', 4],
    ['=10/4', 2.5],
    ['=50%', 0.5],
    ['="a"&"b"&1', 'ab1'],
    ['=1=1', true],
    ['="A"="a"', true],
    ['=2<>2', false],
    ['=1<"a"', true],
    ['=1/0', '#DIV/0!'],
    ['=IFERROR(1/0, "none")', 'none'],
    ['=IF(1>2, "yes", "no")', 'no'],
    ['=IF(FALSE, 1)', false],
    ['=AND(TRUE, 1, 2>1)', true],
    ['=OR(FALSE, 0)', false],
    ['=NOT(0)', true],
    ['=ROUND(2.345, 2)', 2.35],
    ['=ROUND(-2.5)', -3],
    ['=LEN("hello")', 5],
    ['=CONCATENATE("a", 1, TRUE)', 'a1TRUE'],
    ['=IF()', '#N/A'],
    ['=1+', '#ERROR!'],
  ])('%s is %p', (formula, expected) => {
    expect(evaluate(formula)).toBe(expected);
  });

  test('references, ranges and aggregates; empty cells are 0 and ""', () => {
    const setup: Array<[string, unknown]> = [
      ['A1', 1],
      ['A2', 2],
      ['A3', 'text'],
      ['A4', true],
      ['B1', 4],
    ];
    expect(evaluate('=SUM(A1:A5)', setup)).toBe(3);
    expect(evaluate('=SUM(A1:A2, B1, 10)', setup)).toBe(17);
    expect(evaluate('=COUNT(A1:A5)', setup)).toBe(2);
    expect(evaluate('=COUNTA(A1:A5)', setup)).toBe(4);
    expect(evaluate('=AVERAGE(A1:A3)', setup)).toBe(1.5);
    expect(evaluate('=MIN(A1:B1)', setup)).toBe(1);
    expect(evaluate('=MAX(A:A, B1)', setup)).toBe(4);
    expect(evaluate('=A5+1', setup)).toBe(1);
    expect(evaluate('=A5=""', setup)).toBe(true);
    expect(evaluate('=ISBLANK(A5)', setup)).toBe(true);
    expect(evaluate('=A5', setup)).toBe('');
    expect(evaluate('=AVERAGE(C1:C3)', setup)).toBe('#DIV/0!');
  });

  test('references to another sheet', () => {
    const env = createExecutionEnv({ state: createEmulatorState({ locale: 'en_US', now: NOW }) });
    const ss = createSpreadsheetApp(env).getActiveSpreadsheet();
    ss.insertSheet('My data').getRange('B2').setValue(21);
    const sheet = ss.getSheetByName('Sheet1')!;
    sheet.getRange('A1').setFormula("='My data'!B2*2");
    sheet.getRange('A2').setFormula('=Missing!A1');
    expect(sheet.getRange('A1:A2').getValues()).toEqual([[42], ['#REF!']]);
  });

  test('a circular reference is #REF!', () => {
    const sheet = sheetOf();
    sheet.getRange('A1').setFormula('=B1');
    sheet.getRange('B1').setFormula('=A1+1');
    expect(sheet.getRange('A1').getValue()).toBe('#REF!');
  });

  test('dates: a date plus days is a date, a difference of dates is days, text gets the serial number', () => {
    const day = new Date('2026-11-23T00:00:00+03:00');
    expect((evaluate('=A1+1', [['A1', day]]) as Date).toISOString()).toBe('2026-11-23T21:00:00.000Z');
    expect(
      evaluate('=A2-A1', [
        ['A1', day],
        ['A2', new Date('2026-11-30T00:00:00+03:00')],
      ]),
    ).toBe(7);
    expect(evaluate('="d"&A1', [['A1', day]])).toBe('d46349');
  });

  test('TODAY() and NOW() read the virtual clock', () => {
    expect((evaluate('=TODAY()') as Date).toISOString()).toBe('2026-11-22T21:00:00.000Z');
    expect((evaluate('=NOW()') as Date).getTime()).toBe(NOW);
  });

  test('setFormula on a multi-cell range moves relative references per cell', () => {
    const sheet = sheetOf();
    sheet.getRange('A1:A3').setValues([[1], [2], [3]]);
    sheet.getRange('B1:B3').setFormula('=A1*$A$1*10');
    expect(sheet.getRange('B1:B3').getFormulas()).toEqual([['=A1*$A$1*10'], ['=A2*$A$1*10'], ['=A3*$A$1*10']]);
    expect(sheet.getRange('B1:B3').getValues()).toEqual([[10], [20], [30]]);
  });

  test('a function the emulator does not model throws, naming the formula', () => {
    const sheet = sheetOf();
    sheet.getRange('A1').setFormula('=VLOOKUP(1, B:C, 2, FALSE)');
    sheet.getRange('A2').setFormula('=A1+1');
    expect(() => sheet.getRange('A2').getValue()).toThrow('=VLOOKUP(1, B:C, 2, FALSE)');
    expect(() => sheet.getRange('A2').getDisplayValue()).toThrow(NotModeledError);
  });
});
