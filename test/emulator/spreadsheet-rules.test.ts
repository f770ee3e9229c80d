/**
 * Data validation, checkboxes, conditional formats, protections, the sandbox view and a person's
 * edits, TextFinder, developer metadata, charts, and the speed of bulk reads and writes.
 * References: https://developers.google.com/apps-script/reference/spreadsheet/ (DataValidationBuilder,
 * ConditionalFormatRuleBuilder, Protection, TextFinder, DeveloperMetadata, EmbeddedChartBuilder).
 */
import { createExecutionEnv } from '../../emulator/core/execution';
import { createEmulatorState } from '../../emulator/core/state';
import { createSpreadsheetApp } from '../../emulator/spreadsheet';
import type { NewSpreadsheetOptions } from '../../emulator/core/spreadsheet-state';
import { editCellAsUser, listSheets, sheetView } from '../../emulator/spreadsheet/view';

const NOW = Date.UTC(2026, 10, 23, 7, 0, 0);
const OWNER = 'lead@example.com';
const AGENT = 'agent@example.com';

function open(options: NewSpreadsheetOptions = {}, user = OWNER) {
  const state = createEmulatorState({ owner: OWNER, editors: [AGENT], ...options, now: NOW });
  const env = createExecutionEnv({ state, user: { email: user } });
  const app = createSpreadsheetApp(env);
  const ss = app.getActiveSpreadsheet();
  return { env, state, app, ss, sheet: ss.getSheets()[0]! };
}

describe('data validation', () => {
  test('a built rule reads back its criteria, and script writes are not checked', () => {
    const { app, sheet } = open();
    const rule = app
      .newDataValidation()
      .requireValueInList(['new', 'closed'], true)
      .setAllowInvalid(false)
      .setHelpText('Pick a status')
      .build();
    const column = sheet.getRange('B2:B1000');
    column.setDataValidation(rule);
    const read = sheet.getRange('B500').getDataValidation()!;
    expect(String(read.getCriteriaType())).toBe('VALUE_IN_LIST');
    expect(read.getCriteriaType()).toBe(app.DataValidationCriteria.VALUE_IN_LIST);
    expect(read.getCriteriaValues()).toEqual([['new', 'closed'], true]);
    expect([read.getAllowInvalid(), read.getHelpText()]).toEqual([false, 'Pick a status']);
    sheet.getRange('B2').setValue('bogus');
    expect(sheet.getRange('B2').getValue()).toBe('bogus');
    expect(sheet.getRange('A2').getDataValidation()).toBeNull();
  });

  test('a later rule replaces an earlier one where they overlap; getDataValidations is per cell', () => {
    const { app, sheet, state } = open();
    sheet.getRange('A1:A10').setDataValidation(app.newDataValidation().requireNumberBetween(1, 5).build());
    sheet.getRange('A4:A5').setDataValidation(app.newDataValidation().requireTextIsEmail().build());
    sheet.getRange('A9:A10').clearDataValidations();
    const types = sheet
      .getRange('A1:A10')
      .getDataValidations()
      .map(([rule]) => (rule ? String(rule.getCriteriaType()) : null));
    expect(types).toEqual([
      'NUMBER_BETWEEN',
      'NUMBER_BETWEEN',
      'NUMBER_BETWEEN',
      'TEXT_IS_VALID_EMAIL',
      'TEXT_IS_VALID_EMAIL',
      'NUMBER_BETWEEN',
      'NUMBER_BETWEEN',
      'NUMBER_BETWEEN',
      null,
      null,
    ]);
    expect(state.spreadsheet.sheets[0]!.validations.length).toBeLessThanOrEqual(3);
  });

  test('setDataValidations stores a column of equal rules once', () => {
    const { app, sheet, state } = open();
    const rule = app.newDataValidation().requireCheckbox().build();
    sheet.getRange('C1:C1000').setDataValidations(Array.from({ length: 1000 }, () => [rule]));
    expect(state.spreadsheet.sheets[0]!.validations).toHaveLength(1);
  });

  test('requireValueInRange hands back the source range', () => {
    const { app, ss, sheet } = open();
    const source = ss.insertSheet('Lists').getRange('A1:A3');
    sheet.getRange('A1').setDataValidation(app.newDataValidation().requireValueInRange(source).build());
    const [range, dropdown] = sheet.getRange('A1').getDataValidation()!.getCriteriaValues() as [
      GoogleAppsScript.Spreadsheet.Range,
      boolean,
    ];
    expect([range.getSheet().getName(), range.getA1Notation(), dropdown]).toEqual(['Lists', 'A1:A3', true]);
  });
});

describe('checkboxes', () => {
  test('insertCheckboxes sets every cell to false; check, uncheck and isChecked', () => {
    const { app, sheet } = open();
    const range = sheet.getRange('A1:A3');
    range.insertCheckboxes();
    expect(range.getValues()).toEqual([[false], [false], [false]]);
    expect(range.getDataValidation()!.getCriteriaType()).toBe(app.DataValidationCriteria.CHECKBOX);
    expect(range.isChecked()).toBe(false);
    sheet.getRange('A2').check();
    expect(range.isChecked()).toBeNull();
    range.check();
    expect(range.isChecked()).toBe(true);
    expect(range.getDisplayValues()).toEqual([['TRUE'], ['TRUE'], ['TRUE']]);
    range.removeCheckboxes();
    expect([range.getValues(), range.getDataValidation()]).toEqual([[[''], [''], ['']], null]);
  });

  test('custom checked and unchecked values', () => {
    const { sheet } = open();
    const cell = sheet.getRange('B1');
    cell.insertCheckboxes('yes', 'no');
    expect(cell.getValue()).toBe('no');
    cell.check();
    expect([cell.getValue(), cell.isChecked()]).toEqual(['yes', true]);
  });
});

describe('a person editing (editCellAsUser)', () => {
  test('typed text is read like setValue, and the edit returns what onEdit needs', () => {
    const { state, sheet } = open({ locale: 'ru_RU' });
    sheet.getRange('B3').setValue('old');
    const edit = editCellAsUser(state, sheet.getName(), 'B3', '00123', AGENT);
    expect(edit).toEqual({ sheetName: sheet.getName(), row: 3, column: 2, a1: 'B3', oldValue: 'old', value: '123' });
    expect(sheet.getRange('B3').getValue()).toBe(123);
    expect(editCellAsUser(state, sheet.getName(), 'B4', 'first', AGENT).oldValue).toBeUndefined();
  });

  test('a value outside a list that rejects invalid input is refused; one inside is accepted', () => {
    const { app, state, sheet } = open();
    sheet
      .getRange('A1:A10')
      .setDataValidation(app.newDataValidation().requireValueInList(['new', 'closed']).setAllowInvalid(false).build());
    expect(() => editCellAsUser(state, sheet.getName(), 'A2', 'bogus', AGENT)).toThrow(
      'The data you entered in cell A2 violates the data validation rules set on this cell.',
    );
    expect(sheet.getRange('A2').getValue()).toBe('');
    editCellAsUser(state, sheet.getName(), 'A2', 'closed', AGENT);
    expect(sheet.getRange('A2').getValue()).toBe('closed');
  });

  test('a rule that allows invalid input lets it through with a warning', () => {
    const { app, state, sheet } = open();
    sheet.getRange('A1').setDataValidation(app.newDataValidation().requireNumberGreaterThan(0).build());
    const edit = editCellAsUser(state, sheet.getName(), 'A1', '-4', AGENT);
    expect(edit.warning).toMatch(/^Invalid/);
    expect(sheet.getRange('A1').getValue()).toBe(-4);
  });

  test('ticking a checkbox gives the onEdit value TRUE', () => {
    const { state, sheet } = open();
    sheet.getRange('C1').insertCheckboxes();
    expect(editCellAsUser(state, sheet.getName(), 'C1', 'TRUE', AGENT)).toMatchObject({
      oldValue: 'FALSE',
      value: 'TRUE',
    });
  });

  test('a protected range refuses a person who is not its editor; the owner and editors may edit', () => {
    const { state, sheet } = open();
    const protection = sheet.getRange('A1:A5').protect().setDescription('system columns');
    // Until the script changes the editors, they mirror the spreadsheet's: the agent may edit.
    editCellAsUser(state, sheet.getName(), 'A1', 'ok', AGENT);
    protection.removeEditors(protection.getEditors());
    expect(protection.getEditors().map((user) => user.getEmail())).toEqual([OWNER]);
    expect(() => editCellAsUser(state, sheet.getName(), 'A2', 'x', AGENT)).toThrow(
      'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
    );
    editCellAsUser(state, sheet.getName(), 'A2', 'by owner', OWNER);
    editCellAsUser(state, sheet.getName(), 'B2', 'outside', AGENT);
    protection.addEditor(AGENT);
    editCellAsUser(state, sheet.getName(), 'A3', 'editor now', AGENT);
    expect(sheet.getRange('A1:B3').getValues()).toEqual([
      ['ok', ''],
      ['by owner', 'outside'],
      ['editor now', ''],
    ]);
  });

  test('a warning-only protection lets anyone edit with a warning', () => {
    const { state, sheet } = open();
    const protection = sheet.protect().setWarningOnly(true);
    protection.removeEditors([AGENT]);
    expect(editCellAsUser(state, sheet.getName(), 'A1', 'x', AGENT).warning).toMatch(/protected/);
  });

  test('a sheet protection with an unprotected hole', () => {
    const { state, sheet, app } = open();
    const protection = sheet.protect();
    protection.removeEditors([AGENT]);
    protection.setUnprotectedRanges([sheet.getRange('C:C')]);
    expect(() => editCellAsUser(state, sheet.getName(), 'A1', 'x', AGENT)).toThrow('protected cell');
    editCellAsUser(state, sheet.getName(), 'C7', 'free', AGENT);
    expect(protection.getUnprotectedRanges()[0]!.getA1Notation()).toBe('C1:C1000');
    expect(sheet.getProtections(app.ProtectionType.SHEET)).toHaveLength(1);
    expect(sheet.protect().getProtectionType()).toBe(app.ProtectionType.SHEET);
  });

  test('canEdit tells the script whether the user it runs as may edit', () => {
    const asAgent = open({}, AGENT);
    const protection = asAgent.sheet.getRange('A1:A3').protect();
    expect([protection.canEdit(), asAgent.sheet.getRange('A2').canEdit()]).toEqual([true, true]);
    const asOwner = open({}, OWNER);
    const owned = asOwner.sheet.getRange('A1:A3').protect();
    owned.removeEditors([AGENT]);
    const agentView = createSpreadsheetApp(createExecutionEnv({ state: asOwner.state, user: { email: AGENT } }));
    const [seenByAgent] = agentView.getActiveSheet().getProtections(agentView.ProtectionType.RANGE);
    expect([seenByAgent!.canEdit(), agentView.getActiveSheet().getRange('A1:B1').canEdit()]).toEqual([false, false]);
    expect(agentView.getActiveSheet().getRange('B1').canEdit()).toBe(true);
  });

  test('scripts are never blocked by protections', () => {
    const { sheet } = open({}, AGENT);
    const protection = sheet.getRange('A1').protect();
    protection.removeEditors([AGENT, OWNER]);
    sheet.getRange('A1').setValue('script write');
    expect(sheet.getRange('A1').getValue()).toBe('script write');
    // The current user cannot remove themself, nor the owner.
    expect(protection.getEditors().map((user) => user.getEmail())).toEqual([OWNER, AGENT]);
  });
});

describe('the sandbox view', () => {
  test('listSheets lists the tabs in order', () => {
    const { state, ss } = open({ locale: 'en_US' });
    ss.insertSheet('Cases').hideSheet();
    expect(listSheets(state).map(({ name, index, hidden, active }) => ({ name, index, hidden, active }))).toEqual([
      { name: 'Sheet1', index: 1, hidden: false, active: false },
      { name: 'Cases', index: 2, hidden: true, active: true },
    ]);
  });

  test('display values, formats, notes, dropdowns, checkboxes and protection per cell', () => {
    const { app, state, sheet } = open({ locale: 'ru_RU' });
    sheet.setFrozenRows(1);
    sheet
      .getRange('A1:C1')
      .setValues([['Статус', 'Сумма', 'Готово']])
      .setFontWeight('bold')
      .setBackground('#eeeeee');
    sheet.getRange('A2:C2').setValues([['new', 3.5, '']]);
    sheet.getRange('A2').setNote('first case');
    sheet.getRange('A2:A10').setDataValidation(app.newDataValidation().requireValueInList(['new', 'closed']).build());
    sheet.getRange('C2').insertCheckboxes();
    sheet.getRange('B1:B10').protect().removeEditors([AGENT]);
    const view = sheetView(state, sheet.getName(), { maxRows: 3, user: AGENT });
    expect([view.frozenRows, view.rows.length, view.columns.length, view.columns[1]]).toEqual([
      1,
      3,
      26,
      { column: 2, letter: 'B', width: 100 },
    ]);
    const [header, first] = view.rows;
    expect(header!.cells[0]).toMatchObject({ display: 'Статус', bold: true, background: '#eeeeee', protected: false });
    expect(first!.cells[0]).toMatchObject({ display: 'new', note: 'first case', validationList: ['new', 'closed'] });
    expect(first!.cells[1]).toMatchObject({ display: '3,5', value: 3.5, protected: true });
    expect(first!.cells[2]).toMatchObject({ display: 'FALSE', checkbox: true });
    expect(sheetView(state, sheet.getName(), { user: OWNER }).rows[1]!.cells[1]!.protected).toBe(false);
  });

  test('conditional formats: text, numbers, emptiness and relative custom formulas', () => {
    const { app, state, sheet } = open({ locale: 'en_US' });
    sheet.getRange('A1:C4').setValues([
      ['status', 'amount', 'note'],
      ['overdue', 5, ''],
      ['ok', 500, 'x'],
      ['Overdue soon', 50, ''],
    ]);
    const rules = [
      app
        .newConditionalFormatRule()
        .whenFormulaSatisfied('=$A2="overdue"')
        .setBackground('#F4CCCC')
        .setRanges([sheet.getRange('A2:C10')])
        .build(),
      app
        .newConditionalFormatRule()
        .whenNumberGreaterThan(100)
        .setFontColor('#ff0000')
        .setBold(true)
        .setRanges([sheet.getRange('B2:B10')])
        .build(),
      app
        .newConditionalFormatRule()
        .whenTextContains('soon')
        .setBackground('#fff2cc')
        .setRanges([sheet.getRange('A2:A10')])
        .build(),
      app
        .newConditionalFormatRule()
        .whenCellEmpty()
        .setBackground('#cccccc')
        .setRanges([sheet.getRange('C2:C3')])
        .build(),
    ];
    sheet.setConditionalFormatRules(rules);
    expect(sheet.getConditionalFormatRules()).toHaveLength(4);
    expect(sheet.getConditionalFormatRules()[0]!.getBooleanCondition()!.getCriteriaValues()).toEqual([
      '=$A2="overdue"',
    ]);
    const cells = sheetView(state, 'Sheet1', { maxRows: 4 }).rows.map((row) => row.cells.slice(0, 3));
    expect(cells[1]!.map((c) => c.background)).toEqual(['#f4cccc', '#f4cccc', '#f4cccc']);
    expect(cells[2]!.map((c) => c.background)).toEqual([undefined, undefined, undefined]);
    expect(cells[2]![1]).toMatchObject({ fontColor: '#ff0000', bold: true });
    expect(cells[3]!.map((c) => c.background)).toEqual(['#fff2cc', undefined, undefined]);
    expect(cells[1]![0]!.background).toBe('#f4cccc');
    expect(sheetView(state, 'Sheet1', { maxRows: 4 }).rows[2]!.cells[2]!.background).toBeUndefined();
  });

  test('conditional formats on dates use the virtual clock', () => {
    const { app, state, sheet } = open({ locale: 'en_US', timeZone: 'Europe/Moscow' });
    sheet
      .getRange('A1:A2')
      .setValues([[new Date('2026-11-20T12:00:00+03:00')], [new Date('2026-11-25T12:00:00+03:00')]]);
    sheet.setConditionalFormatRules([
      app
        .newConditionalFormatRule()
        .whenFormulaSatisfied('=A1<TODAY()')
        .setBackground('#ff0000')
        .setRanges([sheet.getRange('A1:A2')])
        .build(),
    ]);
    expect(sheetView(state, 'Sheet1', { maxRows: 2, now: NOW }).rows.map((r) => r.cells[0]!.background)).toEqual([
      '#ff0000',
      undefined,
    ]);
    const later = Date.UTC(2026, 10, 27);
    expect(sheetView(state, 'Sheet1', { maxRows: 2, now: later }).rows.map((r) => r.cells[0]!.background)).toEqual([
      '#ff0000',
      '#ff0000',
    ]);
  });

  test('NOW() against stored date-times: a whole row turns amber then red as the clock passes them, empty cells never', () => {
    const { app, state, sheet } = open({ locale: 'ru_RU', timeZone: 'Europe/Moscow' });
    const at = (iso: string) => new Date(`${iso}+03:00`);
    // B: at risk from, C: next due; row 3 owes nothing (both empty).
    sheet.getRange('A2:C3').setValues([
      ['case 1', at('2026-11-23T11:30:00'), at('2026-11-23T12:00:00')],
      ['case 2', '', ''],
    ]);
    const rule = (formula: string, color: string) =>
      app
        .newConditionalFormatRule()
        .whenFormulaSatisfied(formula)
        .setBackground(color)
        .setRanges([sheet.getRange('A2:C3')])
        .build();
    sheet.setConditionalFormatRules([
      rule('=AND($C2<>"",NOW()>$C2)', '#f4c7c3'),
      rule('=AND($B2<>"",NOW()>=$B2)', '#fce8b2'),
    ]);
    const rows = (iso: string) =>
      sheetView(state, sheet.getName(), { maxRows: 3, now: Date.parse(`${iso}+03:00`) })
        .rows.slice(1)
        .map((r) => r.cells.slice(0, 3).map((c) => c.background ?? ''));
    expect(rows('2026-11-23T11:29:59')).toEqual([
      ['', '', ''],
      ['', '', ''],
    ]);
    expect(rows('2026-11-23T11:30:00')).toEqual([
      ['#fce8b2', '#fce8b2', '#fce8b2'],
      ['', '', ''],
    ]);
    expect(rows('2026-11-23T12:00:00')).toEqual([
      ['#fce8b2', '#fce8b2', '#fce8b2'],
      ['', '', ''],
    ]);
    expect(rows('2026-11-23T12:00:01')).toEqual([
      ['#f4c7c3', '#f4c7c3', '#f4c7c3'],
      ['', '', ''],
    ]);
  });

  test('a date condition relative to today uses the *_RELATIVE criteria', () => {
    const { app, state, sheet } = open({ locale: 'en_US', timeZone: 'Europe/Moscow' });
    sheet
      .getRange('A1:A2')
      .setValues([[new Date('2026-11-20T12:00:00+03:00')], [new Date('2026-11-25T12:00:00+03:00')]]);
    const rule = app
      .newConditionalFormatRule()
      .whenDateBefore(app.RelativeDate.TODAY)
      .setBackground('#ff0000')
      .setRanges([sheet.getRange('A1:A2')])
      .build();
    expect(rule.getBooleanCondition()!.getCriteriaType()).toBe(app.BooleanCriteria.DATE_BEFORE_RELATIVE);
    sheet.setConditionalFormatRules([rule]);
    expect(sheetView(state, 'Sheet1', { maxRows: 2, now: NOW }).rows.map((r) => r.cells[0]!.background)).toEqual([
      '#ff0000',
      undefined,
    ]);
  });

  test('a cell the emulator cannot compute is marked, not guessed', () => {
    const { state, sheet } = open();
    sheet.getRange('A1').setFormula('=GOOGLEFINANCE("GOOG")');
    const cell = sheetView(state, sheet.getName(), { maxRows: 1 }).rows[0]!.cells[0]!;
    expect(cell).toMatchObject({ display: '#NOT_MODELED', formula: '=GOOGLEFINANCE("GOOG")' });
    expect(cell.error).toContain('GOOGLEFINANCE');
  });
});

describe('TextFinder', () => {
  test('findAll, findNext, options and replaceAllWith over display values', () => {
    const { env, ss, sheet } = open({ locale: 'en_US' });
    sheet.getRange('A1:B3').setValues([
      ['K-1042', 'Damage'],
      ['k-1043', 'damaged box'],
      ['K-1042', 3.5],
    ]);
    const before = env.meter.snapshot().roundTrips;
    expect(
      sheet
        .createTextFinder('k-1042')
        .findAll()
        .map((r) => r.getA1Notation()),
    ).toEqual(['A1', 'A3']);
    expect(env.meter.snapshot().roundTrips - before).toBe(1);
    expect(sheet.createTextFinder('damage').matchCase(true).findAll()).toHaveLength(1);
    expect(
      sheet
        .createTextFinder('damage')
        .matchEntireCell(true)
        .findAll()
        .map((r) => r.getA1Notation()),
    ).toEqual(['B1']);
    expect(sheet.createTextFinder('^k-10\\d3$').useRegularExpression(true).findAll()).toHaveLength(1);
    expect(
      ss
        .createTextFinder('3.5')
        .findAll()
        .map((r) => r.getA1Notation()),
    ).toEqual(['B3']);
    const finder = sheet.createTextFinder('K-104');
    expect([
      finder.findNext()!.getA1Notation(),
      finder.findNext()!.getA1Notation(),
      finder.findNext()!.getA1Notation(),
    ]).toEqual(['A1', 'A2', 'A3']);
    expect(finder.findNext()).toBeNull();
    expect(sheet.createTextFinder('K-1042').replaceAllWith('K-2000')).toBe(2);
    expect(sheet.getRange('A1:A3').getValues().flat()).toEqual(['K-2000', 'k-1043', 'K-2000']);
  });

  test('a range finder searches only its range; matchFormulaText searches formulas', () => {
    const { sheet } = open();
    sheet.getRange('A1:A2').setValues([['x'], ['=1+1']]);
    sheet.getRange('B1').setValue('x');
    expect(
      sheet
        .getRange('A1:A5')
        .createTextFinder('x')
        .findAll()
        .map((r) => r.getA1Notation()),
    ).toEqual(['A1']);
    expect(sheet.createTextFinder('1+1').findAll()).toHaveLength(0);
    expect(
      sheet
        .createTextFinder('1+1')
        .matchFormulaText(true)
        .findAll()
        .map((r) => r.getA1Notation()),
    ).toEqual(['A2']);
  });
});

describe('developer metadata and charts', () => {
  test('metadata on the spreadsheet, a sheet and a row, found by key', () => {
    const { app, ss, sheet } = open();
    ss.addDeveloperMetadata('schema', '3');
    sheet.addDeveloperMetadata('table', 'cases', app.DeveloperMetadataVisibility.PROJECT);
    sheet.getRange('1:1').addDeveloperMetadata('header');
    expect(() => sheet.getRange('A1:B2').addDeveloperMetadata('nope')).toThrow('arbitrary ranges');
    expect(ss.getDeveloperMetadata().map((m) => [m.getKey(), m.getValue()])).toEqual([['schema', '3']]);
    const [table] = sheet.createDeveloperMetadataFinder().withKey('table').find();
    expect([table!.getValue(), String(table!.getVisibility())]).toEqual(['cases', 'PROJECT']);
    expect(
      ss.createDeveloperMetadataFinder().withLocationType(app.DeveloperMetadataLocationType.ROW).find(),
    ).toHaveLength(1);
    sheet.insertRowBefore(1);
    expect(
      sheet
        .getRange('2:2')
        .getDeveloperMetadata()
        .map((m) => m.getKey()),
    ).toEqual(['header']);
    table!.remove();
    expect(ss.createDeveloperMetadataFinder().withKey('table').find()).toHaveLength(0);
  });

  test('charts are recorded as specs', () => {
    const { sheet } = open();
    const chart = sheet
      .newChart()
      .setChartType('BAR' as never)
      .addRange(sheet.getRange('A1:B5'))
      .setPosition(2, 4, 10, 20)
      .setOption('title', 'Top causes')
      .build();
    sheet.insertChart(chart);
    const [stored] = sheet.getCharts();
    expect(stored!.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:B5']);
    expect(stored!.getOptions().get('title')).toBe('Top causes');
    expect(stored!.getContainerInfo().getAnchorColumn()).toBe(4);
    sheet.updateChart(stored!.modify().setOption('title', 'Updated').build());
    expect(sheet.getCharts()[0]!.getOptions().get('title')).toBe('Updated');
    sheet.removeChart(sheet.getCharts()[0]!);
    expect(sheet.getCharts()).toHaveLength(0);
  });
});

// How fast the fake is belongs in the benchmark (npm run bench), never in a test's wall clock: a
// loaded machine would fail it. This test keeps the large grid correct.
describe('a large grid', () => {
  test('setValues and getValues of 5,000 × 30 keep every value and its display', () => {
    const { sheet } = open({ locale: 'ru_RU' });
    const data = Array.from({ length: 5000 }, (_, r) =>
      Array.from({ length: 30 }, (_, c) =>
        c === 0 ? `K-${r}` : c === 1 ? new Date(NOW + r * 60_000) : c % 3 === 0 ? String(r * c) : r * c,
      ),
    );
    sheet.insertRowsAfter(1000, 4001);
    sheet.insertColumnsAfter(26, 4);
    const range = sheet.getRange(2, 1, 5000, 30);
    range.setValues(data);
    const values = range.getValues();
    expect(values).toHaveLength(5000);
    expect(values[4999]![3]).toBe(4999 * 3);
    expect(range.getDisplayValues()[4999]![1]).toBe('26.11.2026 21:19:00');
  });
});
