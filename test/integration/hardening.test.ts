// Inputs a review found getting past the rules: each must be refused or put back, with a reason.
import type { CaseView } from '../../src/server/api';
import { failure } from '../support/failure';
import {
  AGENT,
  caseColumn,
  cellOf,
  LEAD,
  OWNER,
  VIEWER,
  asPerson,
  registrationInput,
  setUpWorkbook,
} from '../support/workbook';

type Emulator = ReturnType<typeof setUpWorkbook>;

const cell = cellOf;
const column = caseColumn;

function register(emulator: Emulator, overrides: Record<string, unknown> = {}): CaseView {
  return emulator.scriptRun<CaseView>('apiRegisterCase', [registrationInput(overrides)], { user: AGENT });
}

describe('edits in the sheet follow the API’s rules', () => {
  test('a refused edit is put back exactly: text stays text', () => {
    const emulator = setUpWorkbook();
    register(emulator, { orderNo: '00123' });
    const contact = `${column(emulator, 'Контакт')}2`;
    const order = `${column(emulator, 'Заказ')}2`;
    emulator.editCell('Кейсы', contact, '555', VIEWER);
    emulator.editCell('Кейсы', order, '777', VIEWER);
    expect(cell(emulator, contact)).toMatchObject({ value: '+77015550102', note: expect.stringMatching(/нужна роль/) });
    expect(cell(emulator, order).value).toBe('00123');
  });

  test('an edit that would break a case row is put back', () => {
    const emulator = setUpWorkbook();
    register(emulator);
    emulator.editCell('Кейсы', `${column(emulator, 'CSAT')}2`, 'abc', AGENT);
    expect(cell(emulator, `${column(emulator, 'CSAT')}2`)).toMatchObject({
      value: '',
      note: expect.stringMatching(/ожидалось число, а не «abc»/),
    });
  });

  test('a closed case is changed only by a lead; CSAT and root cause are checked', () => {
    const emulator = setUpWorkbook();
    const run = <T>(fn: string, args: unknown[], user = AGENT) => emulator.scriptRun<T>(fn, args, { user });
    let c = register(emulator);
    c = run<CaseView>('apiTransition', [c.id, { to: 'in_progress', version: c.version }]);
    c = run<CaseView>('apiTransition', [c.id, { to: 'resolved', version: c.version, resolution: 'ok' }]);
    c = run<CaseView>('apiTransition', [
      c.id,
      { to: 'closed', version: c.version, rootCause: 'Ошибка поставщика', prevention: 'p' },
    ]);
    const summary = `${column(emulator, 'Суть')}2`;
    emulator.editCell('Кейсы', summary, 'переписал', AGENT);
    expect(cell(emulator, summary).note).toMatch(/только руководитель КС/);
    emulator.editCell('Кейсы', `${column(emulator, 'CSAT')}2`, '42', LEAD);
    expect(cell(emulator, `${column(emulator, 'CSAT')}2`).note).toMatch(/от 1 до 5/);
    emulator.editCell('Кейсы', `${column(emulator, 'Корневая причина')}2`, 'что угодно', LEAD);
    expect(cell(emulator, `${column(emulator, 'Корневая причина')}2`).value).toBe('Ошибка поставщика');
    expect(run<CaseView>('apiGetCase', [c.id]).version).toBe(c.version);
  });

  test('an owner may not edit fields in the sheet', () => {
    const emulator = setUpWorkbook();
    register(emulator);
    emulator.editCell('Кейсы', 'C2', 'A', OWNER);
    expect(cell(emulator, 'C2')).toMatchObject({ value: 'B', note: expect.stringMatching(/только фото и видео/) });
  });

  test('with Settings broken nothing is checked, so nothing is kept', () => {
    const emulator = setUpWorkbook();
    register(emulator);
    const row = asPerson(
      emulator,
      (ss) => (ss.getSheetByName('Настройки')?.createTextFinder('Нормативы SLA').findNext()?.getRow() ?? 0) + 2,
    );
    // Broken with no edit trigger firing (a hand edit is refused): the next read finds it broken.
    asPerson(emulator, (ss) => ss.getSheetByName('Настройки')?.getRange(`B${row}`).setValue('много'));
    emulator.clock.advance(11 * 60_000);
    emulator.editCell('Кейсы', 'B2', 'Закрыт', VIEWER);
    expect(cell(emulator, 'B2')).toMatchObject({ value: 'Новый', note: expect.stringMatching(/ожидалось число/) });
  });

  test('a paste that includes the header row still restores the case rows', () => {
    const emulator = setUpWorkbook();
    register(emulator);
    register(emulator, { orderNo: 'K-2' });
    emulator.pasteValues('Кейсы', 'B1', [['Статус'], ['Закрыт'], ['Отменён']], VIEWER);
    expect([cell(emulator, 'B2').value, cell(emulator, 'B3').value]).toEqual(['Новый', 'Новый']);
  });

  test('a paste over the id column that breaks the numbers is reported', () => {
    const emulator = setUpWorkbook();
    register(emulator);
    register(emulator, { orderNo: 'K-2' });
    emulator.pasteValues('Кейсы', 'A3', [['ARB-2026-00001', 'Новый']], AGENT);
    const note = cell(emulator, 'A3').note;
    expect(note).toMatch(/ARB-2026-00001 встречается дважды/);
    expect(note).toMatch(/ARB-2026-00002 пропал из листа/);
  });
});

describe('the API refuses what a review found accepted', () => {
  test('a case in work cannot lose its owner', () => {
    const emulator = setUpWorkbook();
    let c = register(emulator);
    c = emulator.scriptRun<CaseView>('apiTransition', [c.id, { to: 'in_progress', version: c.version }], {
      user: AGENT,
    });
    expect(
      failure(() =>
        emulator.scriptRun('apiUpdateCase', [c.id, { version: c.version, ownerEmail: '' }], { user: AGENT }),
      ),
    ).toMatch(/^\[guard ownerEmail\]/);
    expect(
      failure(() =>
        emulator.scriptRun('apiUpdateCase', [c.id, { version: c.version, ownerDept: 'Склад' }], { user: AGENT }),
      ),
    ).toMatch(/владельца решения/);
  });

  test('an owner adds evidence to their own case, and nothing else', () => {
    const emulator = setUpWorkbook();
    const c = register(emulator, { criticality: 'A', evidence: [] });
    const updated = emulator.scriptRun<CaseView>(
      'apiUpdateCase',
      [c.id, { version: 1, evidence: ['https://x.example/1'] }],
      { user: OWNER },
    );
    expect(updated.evidence).toEqual(['https://x.example/1']);
    expect(
      failure(() => emulator.scriptRun('apiUpdateCase', [c.id, { version: 2, summary: 'x' }], { user: OWNER })),
    ).toMatch(/только фото и видео/);
  });

  test('an edit that changes nothing writes nothing', () => {
    const emulator = setUpWorkbook();
    const c = register(emulator);
    expect(
      emulator.scriptRun<CaseView>('apiUpdateCase', [c.id, { version: 1, client: c.client }], { user: AGENT }).version,
    ).toBe(1);
  });

  test('a version that is not a whole number is named as such', () => {
    const emulator = setUpWorkbook();
    const c = register(emulator);
    expect(
      failure(() => emulator.scriptRun('apiTransition', [c.id, { to: 'in_progress', version: '1' }], { user: AGENT })),
    ).toMatch(/целым числом/);
  });

  test('messages name statuses in the person’s words, never as codes', () => {
    const emulator = setUpWorkbook();
    const c = register(emulator);
    const message = failure(() =>
      emulator.scriptRun(
        'apiTransition',
        [c.id, { to: 'closed', version: 1, rootCause: 'Ошибка поставщика', prevention: 'p' }],
        { user: AGENT },
      ),
    );
    expect(message).toContain('Из статуса «Новый» нельзя перейти в «Закрыт».');
  });

  test('a lost id counter costs one read, not one search per case', () => {
    const emulator = setUpWorkbook();
    for (let i = 0; i < 30; i++) register(emulator, { orderNo: `K-${i}` });
    delete emulator.state.properties.document['arbiter.seq.ARB-2026'];
    const result = emulator.run<CaseView>('apiRegisterCase', [registrationInput()], { user: AGENT });
    expect(result.value.id).toBe('ARB-2026-00031');
    // A lost counter is known without a search: the ids are read once (the Cases and Events columns).
    expect(result.meter.calls['TextFinder.findAll'] ?? 0).toBeLessThanOrEqual(1);
    expect(result.meter.calls['TextFinder.findNext']).toBeUndefined();
  });
});

describe('who decides who is a lead', () => {
  test('only leads may edit the Settings tab', () => {
    const emulator = setUpWorkbook();
    const roleCell = asPerson(emulator, (ss) =>
      ss.getSheetByName('Настройки')?.createTextFinder(AGENT).findNext()?.offset(0, 2).getA1Notation(),
    );
    expect(() => emulator.editCell('Настройки', String(roleCell), 'lead', AGENT)).toThrow(/protected/);
    expect(() => emulator.editCell('Настройки', String(roleCell), 'viewer', LEAD)).not.toThrow();
  });

  test('with its Settings gone, a workbook with history is set up again by its owner only', () => {
    const emulator = setUpWorkbook();
    register(emulator);
    asPerson(emulator, (ss) => ss.getSheetByName('Настройки')?.clear());
    expect(failure(() => emulator.run('setupWorkbook', [], { user: AGENT }))).toMatch(/только владелец таблицы/);
    expect(emulator.run('setupWorkbook', [], { user: LEAD }).ok).toBe(true);
  });

  test('a new language renames the tabs and the statuses', () => {
    const emulator = setUpWorkbook();
    register(emulator);
    const settings = emulator.scriptRun<Record<string, unknown>>('apiGetSettings', [], { user: LEAD });
    emulator.scriptRun('apiSaveSettings', [{ ...settings, language: 'en' }], { user: LEAD });
    const names = asPerson(emulator, (ss) => ss.getSheets().map((s) => s.getName()));
    expect(names).toEqual(expect.arrayContaining(['Cases', 'Events', 'Settings']));
    expect(asPerson(emulator, (ss) => ss.getSheetByName('Cases')?.getRange('B2').getValue())).toBe('New');
    expect(emulator.scriptRun<CaseView>('apiGetCase', ['ARB-2026-00001'], { user: AGENT }).status).toBe('new');
  });
});

describe('the log of settings changes', () => {
  test('names the parts that changed', () => {
    const emulator = setUpWorkbook();
    const settings = emulator.scriptRun<{ sla: { firstResponse: Record<string, number> } }>('apiGetSettings', [], {
      user: LEAD,
    });
    settings.sla.firstResponse.C = 400;
    emulator.scriptRun('apiSaveSettings', [settings], { user: LEAD });
    const notes = asPerson(emulator, (ss) => ss.getSheetByName('События')?.getDataRange().getValues() ?? []).map(
      (row) => row[6],
    );
    expect(notes.at(-1)).toBe('sla');
  });
});
