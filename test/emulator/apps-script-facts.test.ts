/**
 * Facts about real Apps Script that a peer's suite checked on Google's servers (the expectations of
 * @mcpher/gas-fakes' tests, repository brucemcpherson/gas-fakes, test/*.js, run against live Apps
 * Script), written here as our own tests of the fakes. Each describe names the suite's file it
 * comes from; where the fact is Google's reference instead, the test says so.
 * (docs/architecture.md, The emulator)
 */
import { ALL_SCOPES_FOR_TESTS, createExecutionEnv, type ExecutionEnvOptions } from '../../emulator/core/execution';
import { createEmulatorState } from '../../emulator/core/state';
import { createServiceGlobals } from '../../emulator/services';
import { createSpreadsheetApp } from '../../emulator/spreadsheet';

const NOW = Date.UTC(2026, 10, 23, 7, 0, 0);
const OWNER = 'owner@example.com';
const EDITOR = 'agent@example.com';

function open() {
  const state = createEmulatorState({ now: NOW, owner: OWNER, editors: [EDITOR] });
  const env = createExecutionEnv({ state, user: { email: OWNER } });
  const app = createSpreadsheetApp(env);
  const ss = app.getActiveSpreadsheet();
  return { env, app, ss, sheet: ss.getSheets()[0]! };
}

function services(options: ExecutionEnvOptions = {}) {
  const env = createExecutionEnv({ user: { email: OWNER }, scopes: ALL_SCOPES_FOR_TESTS, ...options });
  return { env, ...createServiceGlobals(env) };
}

describe('protections (gas-fakes test/testsheets.js "Protection", test/testsheetspermissions.js)', () => {
  test('a warning-only protection reports no editors, and the script may still edit', () => {
    const { sheet } = open();
    const protection = sheet.protect().setWarningOnly(true);
    expect(protection.getEditors()).toEqual([]);
    expect(protection.canEdit()).toBe(true);
    expect(protection.isWarningOnly()).toBe(true);
  });

  test('made strict again, the protection lists its editors', () => {
    const { sheet } = open();
    const protection = sheet.protect().setWarningOnly(true);
    protection.setWarningOnly(false);
    expect(protection.getEditors().map((u) => u.getEmail())).toContain(OWNER);
  });

  test("a sheet protection's range has no A1 notation and spans the whole sheet", () => {
    const { sheet } = open();
    const range = sheet.protect().getRange();
    expect(range.getA1Notation()).toBe('');
    expect(range.getNumRows()).toBe(sheet.getMaxRows());
    expect(range.getNumColumns()).toBe(sheet.getMaxColumns());
  });

  test('a protection prints as "Protection"', () => {
    const { sheet } = open();
    expect(String(sheet.protect())).toBe('Protection');
  });
});

describe('data validation (gas-fakes test/testsheetsdatavalidations.js)', () => {
  test('requireValueInList turns every value into a string and adds the dropdown flag', () => {
    const { app } = open();
    const rule = app.newDataValidation().requireValueInList([9, false, 'z'] as never);
    expect(rule.getCriteriaValues()).toEqual([['9', 'false', 'z'], true]);
  });

  test('the built rule keeps the strings, and so does the cell it is set on', () => {
    const { app, sheet } = open();
    const rule = app
      .newDataValidation()
      .requireValueInList([1, true] as never, false)
      .build();
    sheet.getRange('A1').setDataValidation(rule);
    expect(sheet.getRange('A1').getDataValidation()!.getCriteriaValues()).toEqual([['1', 'true'], false]);
  });

  test('a builder prints as "DataValidationBuilder"', () => {
    const { app } = open();
    expect(String(app.newDataValidation())).toBe('DataValidationBuilder');
  });
});

describe('a fresh cell (gas-fakes test/testsheets.js "assorted cell userenteredformats", "exotic styles")', () => {
  test('wraps by default, with the OVERFLOW strategy', () => {
    const { sheet } = open();
    const range = sheet.getRange('B15:E19');
    expect(range.getWrap()).toBe(true);
    expect(
      range
        .getWraps()
        .flat()
        .every((w) => w === true),
    ).toBe(true);
    expect(String(range.getWrapStrategy())).toBe('OVERFLOW');
  });

  test('after clearFormat the cell is back to the default: getWrap true', () => {
    const { sheet } = open();
    const range = sheet.getRange('A1');
    range.setWrap(false);
    range.clearFormat();
    expect(range.getWrap()).toBe(true);
  });

  test('an explicit OVERFLOW or CLIP strategy does not wrap; WRAP does', () => {
    const { app, sheet } = open();
    const overflow = sheet.getRange('A1').setWrapStrategy(app.WrapStrategy.OVERFLOW);
    expect(overflow.getWrap()).toBe(false);
    expect(String(overflow.getWrapStrategy())).toBe('OVERFLOW');
    const clip = sheet.getRange('A2:B2').setWrapStrategy(app.WrapStrategy.CLIP);
    expect(clip.getWraps()).toEqual([[false, false]]);
    const wrap = sheet.getRange('A3').setWrapStrategy(app.WrapStrategy.WRAP);
    expect(wrap.getWrap()).toBe(true);
  });

  test('setWrap(false) is the OVERFLOW strategy, setWrap(true) WRAP', () => {
    const { sheet } = open();
    const range = sheet.getRange('C1');
    range.setWrap(false);
    expect(String(range.getWrapStrategy())).toBe('OVERFLOW');
    expect(range.getWrap()).toBe(false);
    range.setWrap(true);
    expect(String(range.getWrapStrategy())).toBe('WRAP');
  });

  test("the number format is '0.###############', and setting 'general' gives it back", () => {
    const { sheet } = open();
    const range = sheet.getRange('A1:B2');
    expect(range.getNumberFormat()).toBe('0.###############');
    range.setNumberFormat('general');
    expect(range.getNumberFormats()).toEqual([
      ['0.###############', '0.###############'],
      ['0.###############', '0.###############'],
    ]);
  });
});

describe('A1 and R1C1 notation (gas-fakes test/testsheets.js "getRange with R1C1 notation", test/testsheetsdeveloper.js)', () => {
  test('getRange accepts R1C1 notation for a cell and a range, in either case', () => {
    const { sheet } = open();
    expect(sheet.getRange('R5C3').getA1Notation()).toBe('C5');
    const range = sheet.getRange('R2C2:R4C5');
    expect(range.getA1Notation()).toBe('B2:E4');
    expect([range.getNumRows(), range.getNumColumns()]).toEqual([3, 4]);
    expect(sheet.getRange('r1c1:r2c2').getA1Notation()).toBe('A1:B2');
  });

  test('an inverted range is put in order, in R1C1 and in A1', () => {
    const { sheet } = open();
    expect(sheet.getRange('R10C5:R1C2').getA1Notation()).toBe('B1:E10');
    expect(sheet.getRange('C5:B2').getA1Notation()).toBe('B2:C5');
    expect(sheet.getRange('5:2').getA1Notation()).toBe('2:5');
    expect(sheet.getRange('D:B').getA1Notation()).toBe('B:D');
  });

  test('what is not R1C1 is read as A1 ("RC1" is column RC, far past a new sheet\'s 26 columns)', () => {
    const { sheet } = open();
    expect(() => sheet.getRange('RC1')).toThrow('Range not found');
    expect(() => sheet.getRange('R0C1')).toThrow('Range not found');
  });
});

describe('formulas (Sheets shows #NAME? for a function it does not know)', () => {
  test('an unknown function is the #NAME? error value, not a failure of the script', () => {
    const { sheet } = open();
    sheet.getRange('A1').setFormula('=NOSUCHFUNCTION(1)');
    expect(sheet.getRange('A1').getValue()).toBe('#NAME?');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('#NAME?');
    expect(sheet.getRange('A1').getFormula()).toBe('=NOSUCHFUNCTION(1)');
  });

  test('#NAME? propagates like every error, and IFERROR catches it', () => {
    const { sheet } = open();
    sheet.getRange('A1').setFormula('=1+NOSUCHFUNCTION()');
    sheet.getRange('A2').setFormula('=IFERROR(NOSUCHFUNCTION(), "none")');
    expect(sheet.getRange('A1:A2').getValues()).toEqual([['#NAME?'], ['none']]);
  });

  test('a function Sheets has but the emulator does not model still throws, naming the formula', () => {
    const { sheet } = open();
    sheet.getRange('A1').setFormula('=VLOOKUP(1, B1:C2, 2, FALSE)');
    expect(() => sheet.getRange('A1').getValue()).toThrow('VLOOKUP');
  });
});

describe('the 50,000-character cell (Sheets refuses a longer cell)', () => {
  const MESSAGE = 'Your input contains more than the maximum of 50000 characters in a single cell.';

  test('setValue of 50,000 characters is kept; of 50,001 throws and writes nothing', () => {
    const { sheet } = open();
    sheet.getRange('A1').setValue('x'.repeat(50_000));
    expect(String(sheet.getRange('A1').getValue())).toHaveLength(50_000);
    expect(() => sheet.getRange('A2').setValue('y'.repeat(50_001))).toThrow(MESSAGE);
    expect(sheet.getRange('A2').getValue()).toBe('');
  });

  test('setValues with one long cell throws and writes none of the others', () => {
    const { sheet } = open();
    expect(() => sheet.getRange('A1:C1').setValues([['a', 'z'.repeat(50_001), 'c']])).toThrow(MESSAGE);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['', '', '']]);
  });

  test('appendRow and a long formula are refused the same way', () => {
    const { sheet } = open();
    expect(() => sheet.appendRow(['q'.repeat(60_000)])).toThrow(MESSAGE);
    expect(() => sheet.getRange('A1').setFormula(`="${'w'.repeat(50_001)}"`)).toThrow(MESSAGE);
    expect(sheet.getLastRow()).toBe(0);
  });
});

describe('Utilities (gas-fakes test/testutilities.js "utilities digest")', () => {
  test('computeDigest of text without a charset encodes it as US-ASCII (non-ASCII becomes "?")', () => {
    const { Utilities } = services();
    const md5 = Utilities.DigestAlgorithm.MD5;
    expect(Utilities.computeDigest(md5, '€🙂')).toEqual(Utilities.computeDigest(md5, '??', Utilities.Charset.US_ASCII));
    expect(Utilities.computeDigest(md5, '€🙂')).toEqual([
      -22, 3, -4, -72, -60, 120, 34, -68, -25, 114, -49, 108, 7, -48, -21, -69,
    ]);
    expect(Utilities.computeDigest(md5, '€🙂', Utilities.Charset.UTF_8)).toEqual([
      -71, 89, 42, -99, 35, -63, -51, -82, 83, 46, 87, -53, -35, -67, 116, -6,
    ]);
  });

  test('the bytes of a blob made from text are UTF-8', () => {
    const { Utilities } = services();
    const md5 = Utilities.DigestAlgorithm.MD5;
    const bytes = Utilities.newBlob('€🙂').getBytes();
    expect(Utilities.computeDigest(md5, bytes)).toEqual(Utilities.computeDigest(md5, '€🙂', Utilities.Charset.UTF_8));
  });

  test('bytes with a charset, or an unknown charset, do not match the signature', () => {
    const { Utilities } = services();
    const md5 = Utilities.DigestAlgorithm.MD5;
    expect(() => Utilities.computeDigest(md5, [0, 1, 2] as never, Utilities.Charset.UTF_8)).toThrow(/don't match/);
    expect(() => Utilities.computeDigest(md5, 'abc', 'fake' as never)).toThrow(/don't match/);
    expect(() => Utilities.computeDigest('fake' as never, 'abc')).toThrow(/don't match/);
  });
});

describe('locks (gas-fakes test/testlock.js)', () => {
  test('tryLock with a negative timeout fails without taking the lock', () => {
    const { LockService } = services();
    const lock = LockService.getScriptLock();
    expect(lock.tryLock(-100)).toBe(false);
    expect(lock.hasLock()).toBe(false);
  });

  test('waitLock with a negative timeout throws the timeout message', () => {
    const { LockService } = services();
    const lock = LockService.getScriptLock();
    expect(() => lock.waitLock(-100)).toThrow(/Lock timeout/);
    expect(lock.hasLock()).toBe(false);
  });

  test('tryLock(0) and waitLock(0) take a free lock; taking a held lock again succeeds', () => {
    const { LockService } = services();
    const lock = LockService.getScriptLock();
    expect(lock.tryLock(0)).toBe(true);
    expect(lock.tryLock(1000)).toBe(true);
    lock.releaseLock();
    lock.waitLock(0);
    expect(lock.hasLock()).toBe(true);
  });
});

describe('text finders (gas-fakes test/testsheetstext.js "spreadsheet textfinder")', () => {
  const VALUES = [
    ['sample', 'sámplé'],
    ['SampleA', 'sámplé'],
    ['=SAMPLE()', '=SámpléB()'],
    ['=sample()', '=sámpléB()'],
    ['=sampleA()', '=sámpléB()'],
  ];

  function filled() {
    const { ss, sheet } = open();
    sheet.getRange(1, 1, VALUES.length, 2).setValues(VALUES);
    return { ss, sheet, range: sheet.getRange('A3:B5') };
  }

  test('by default the shown values are searched, ignoring case: formula cells show #NAME?, not their text', () => {
    const { ss, sheet, range } = filled();
    const found = (finder: GoogleAppsScript.Spreadsheet.TextFinder) => finder.findAll().map((r) => r.getA1Notation());
    expect(found(ss.createTextFinder('sample'))).toEqual(['A1', 'A2']);
    expect(found(sheet.createTextFinder('sample'))).toEqual(['A1', 'A2']);
    expect(found(range.createTextFinder('sample'))).toEqual([]);
  });

  test('matchFormulaText searches the formulas too', () => {
    const { sheet, range } = filled();
    const found = (finder: GoogleAppsScript.Spreadsheet.TextFinder) => finder.findAll().map((r) => r.getA1Notation());
    expect(found(sheet.createTextFinder('sample').matchFormulaText(true))).toEqual(['A1', 'A2', 'A3', 'A4', 'A5']);
    expect(found(range.createTextFinder('sample').matchFormulaText(true))).toEqual(['A3', 'A4', 'A5']);
  });

  test('replaceAllWith counts the cells it changed', () => {
    const { sheet } = filled();
    expect(sheet.createTextFinder('sample').replaceAllWith('test')).toBe(2);
    sheet.getRange(1, 1, VALUES.length, 2).setValues(VALUES);
    expect(
      sheet
        .createTextFinder('sample')
        .matchFormulaText(true)
        .matchCase(true)
        .matchEntireCell(true)
        .replaceAllWith('test'),
    ).toBe(1);
  });
});

describe('named ranges (gas-fakes test/testsheetsrange.js "namedRange")', () => {
  test('set, read by name, renamed, moved and removed', () => {
    const { ss, sheet } = open();
    ss.setNamedRange('sampleNamedRange1', sheet.getRange('A1:B2'));
    ss.setNamedRange('sampleNamedRange2', sheet.getRange('C1:E2'));
    expect(ss.getNamedRanges()).toHaveLength(2);
    expect(ss.getRangeByName('sampleNamedRange1')!.getA1Notation()).toBe('A1:B2');
    ss.getNamedRanges()
      .sort((a, b) => (a.getName() > b.getName() ? 1 : -1))
      .forEach((named, i) => {
        named.setName(`${named.getName()}_${i + 10}`);
        named.setRange(named.getRange().offset(0, 2));
      });
    expect(
      ss
        .getNamedRanges()
        .map((n) => `${n.getName()}: ${n.getRange().getA1Notation()}`)
        .sort(),
    ).toEqual(['sampleNamedRange1_10: C1:D2', 'sampleNamedRange2_11: E1:G2']);
    ss.getNamedRanges().forEach((named) => named.remove());
    expect(ss.getNamedRanges()).toEqual([]);
  });
});

describe('A1 parsing and bounds (gas-fakes test/testsheetsdeveloper.js)', () => {
  test('whole rows and columns: their size, notation and which edges are bounded', () => {
    const { sheet } = open();
    expect(sheet.getRange('$C$3').getA1Notation()).toBe('C3');
    const rows = sheet.getRange('5:7');
    expect([rows.getNumRows(), rows.getNumColumns(), rows.getA1Notation()]).toEqual([3, sheet.getMaxColumns(), '5:7']);
    expect([rows.isStartColumnBounded(), rows.isEndColumnBounded(), rows.isStartRowBounded()]).toEqual([
      false,
      false,
      true,
    ]);
    const columns = sheet.getRange('D:F');
    expect([columns.getNumRows(), columns.getNumColumns(), columns.getA1Notation()]).toEqual([
      sheet.getMaxRows(),
      3,
      'D:F',
    ]);
    expect(sheet.getRange(`${sheet.getName()}!E10:F12`).getA1Notation()).toBe('E10:F12');
  });
});

describe('developer metadata (gas-fakes test/testsheetsdeveloper.js "Developer Metadata")', () => {
  test('only a whole row or column takes metadata; a cell inside it finds none', () => {
    const { app, sheet } = open();
    expect(() => sheet.getRange('A1').addDeveloperMetadata('cellKey', 'v')).toThrow(/arbitrary ranges/);
    expect(() => sheet.getRange('B2:D4').addDeveloperMetadata('k', 'v')).toThrow(/arbitrary ranges/);
    const column = sheet.getRange('G:G');
    expect(
      column.addDeveloperMetadata('colKey', 'colValue', app.DeveloperMetadataVisibility.PROJECT).getA1Notation(),
    ).toBe('G:G');
    const [meta] = column.getDeveloperMetadata();
    expect([meta!.getKey(), meta!.getValue(), String(meta!.getVisibility())]).toEqual([
      'colKey',
      'colValue',
      'PROJECT',
    ]);
    expect(sheet.getRange('G3').getDeveloperMetadata()).toEqual([]);
  });

  test("a sheet's metadata is visible to the document by default", () => {
    const { sheet } = open();
    sheet.addDeveloperMetadata('sheetKey', 'sheetValue');
    const [meta] = sheet.getDeveloperMetadata();
    expect(String(meta!.getVisibility())).toBe('DOCUMENT');
  });
});

describe('properties and cache (gas-fakes test/teststores.js)', () => {
  test('a property set is read back, and deleteProperty leaves null', () => {
    const { PropertiesService } = services();
    for (const store of [
      PropertiesService.getScriptProperties(),
      PropertiesService.getUserProperties(),
      PropertiesService.getDocumentProperties(),
    ]) {
      store.setProperty('t', 'v');
      expect(store.getProperty('t')).toBe('v');
      expect(store.deleteProperty('t')).toBe(store);
      expect(store.getProperty('t')).toBeNull();
    }
  });

  test('a cached value with a 2-second expiry is gone after sleeping 2 seconds', () => {
    const { CacheService, Utilities } = services();
    const cache = CacheService.getUserCache()!;
    cache.put('t', 'ex', 2);
    expect(cache.get('t')).toBe('ex');
    Utilities.sleep(2000);
    expect(cache.get('t')).toBeNull();
  });
});
