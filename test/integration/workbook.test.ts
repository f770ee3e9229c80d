import { stringifyState } from '../../emulator/core/persist';
import type { CaseView } from '../../src/server/api';
import { newEmulator } from '../support/emulator';
import { failure } from '../support/failure';
import { AGENT, LEAD, MONDAY_10, asPerson, registrationInput, setUpWorkbook } from '../support/workbook';
import { changesOfCell } from '../../src/sheets/cases-repo';

const RU_TABS = ['Кейсы', 'События', 'Настройки', 'Зоны роста', 'CSI', 'Заказы', 'Дашборд', 'Зоны роста — сводка'];

describe('setupWorkbook', () => {
  test('creates every tab in the workbook language, makes the runner a lead and installs the edit trigger', () => {
    const emulator = newEmulator({
      now: MONDAY_10,
      spreadsheet: { locale: 'ru_RU', timeZone: 'Europe/Moscow', owner: LEAD },
    });
    const summary = emulator.run<{ createdTabs: string[]; leadAdded: boolean }>('setupWorkbook', [], {
      user: LEAD,
    }).value;
    expect(summary.createdTabs).toEqual(RU_TABS);
    expect(summary.leadAdded).toBe(true);
    const names = asPerson(emulator, (ss) => ss.getSheets().map((s) => s.getName()));
    expect(names).toEqual(expect.arrayContaining(RU_TABS));
    const cases = asPerson(emulator, (ss) => {
      const sheet = ss.getSheetByName('Кейсы');
      return { frozen: sheet?.getFrozenRows(), headers: sheet?.getRange(1, 1, 1, 4).getValues()[0] };
    });
    expect(cases).toEqual({ frozen: 1, headers: ['Номер', 'Статус', 'Критичность', 'SLA'] });
    expect(emulator.state.triggers.map((t) => [t.handlerFunction, t.eventType])).toEqual([
      ['runScheduled', 'CLOCK'],
      ['onEditInstalled', 'ON_EDIT'],
      ['onChangeInstalled', 'ON_CHANGE'],
    ]);
    const bootstrap = emulator.scriptRun<{ role: string; locale: string }>('apiBootstrap', [], { user: LEAD });
    expect(bootstrap).toMatchObject({ role: 'lead', locale: 'ru' });
  });

  test('an English spreadsheet gets English tabs and messages', () => {
    const emulator = newEmulator({
      now: MONDAY_10,
      spreadsheet: { locale: 'en_US', timeZone: 'Europe/Moscow', owner: LEAD },
    });
    emulator.run('setupWorkbook', [], { user: LEAD });
    expect(asPerson(emulator, (ss) => ss.getSheets().map((s) => s.getName()))).toEqual(
      expect.arrayContaining(['Cases', 'Events', 'Settings', 'Zones of growth', 'CSI', 'Orders', 'Dashboard']),
    );
    expect(failure(() => emulator.scriptRun('apiBootstrap', [], { user: 'x@example.com' }))).toMatch(
      /is not in the team list/,
    );
  });

  test('run twice, it changes nothing', () => {
    const emulator = setUpWorkbook({ schedule: true });
    emulator.scriptRun('apiRegisterCase', [registrationInput()], { user: AGENT });
    const before = stringifyState(emulator.state);
    emulator.run('setupWorkbook', [], { user: LEAD });
    expect(stringifyState(emulator.state)).toBe(before);
  });

  test('a deleted column comes back, a moved one is tolerated, a person’s own column keeps its data', () => {
    const emulator = setUpWorkbook();
    const first = emulator.scriptRun<CaseView>('apiRegisterCase', [registrationInput()], { user: AGENT });
    asPerson(emulator, (ss) => {
      const sheet = ss.getSheetByName('Кейсы');
      if (!sheet) throw new Error('no Кейсы');
      sheet.deleteColumn(6); // Клиент
      sheet.insertColumnBefore(1);
      sheet.getRange('A1:A2').setValues([['Мой столбец'], ['моя пометка']]);
    });
    const summary = emulator.run<{ addedColumns: string[] }>('setupWorkbook', [], { user: LEAD }).value;
    expect(summary.addedColumns).toEqual(['Кейсы: Клиент']);
    const second = emulator.scriptRun<CaseView>('apiRegisterCase', [registrationInput({ client: 'Новый клиент' })], {
      user: AGENT,
    });
    expect(emulator.scriptRun<CaseView>('apiGetCase', [second.id], { user: AGENT }).client).toBe('Новый клиент');
    expect(emulator.scriptRun<CaseView>('apiGetCase', [first.id], { user: AGENT }).status).toBe('new');
    expect(asPerson(emulator, (ss) => ss.getSheetByName('Кейсы')?.getRange('A2').getValue())).toBe('моя пометка');
  });

  test('after the first run only a lead may run it', () => {
    const emulator = setUpWorkbook();
    const before = stringifyState(emulator.state);
    expect(failure(() => emulator.run('setupWorkbook', [], { user: AGENT }))).toMatch(/только руководитель КС/);
    expect(stringifyState(emulator.state)).toBe(before);
  });
});

describe('settings kept in the Settings tab', () => {
  test('a broken value typed by hand is reported with its cell, never used', () => {
    const emulator = setUpWorkbook();
    emulator.scriptRun('apiBootstrap', [], { user: AGENT }); // the settings are now cached
    const row = asPerson(emulator, (ss) => {
      const found = ss.getSheetByName('Настройки')?.createTextFinder('Нормативы SLA').findNext();
      return (found?.getRow() ?? 0) + 2; // title, header, then A
    });
    // Typed in the tab, it is refused and put back, with the cell's problem in its note.
    emulator.editCell('Настройки', `B${row}`, 'много', LEAD);
    const typed = asPerson(emulator, (ss) => ss.getSheetByName('Настройки')?.getRange(`B${row}`));
    expect(typed?.getValue()).not.toBe('много');
    expect(typed?.getNote()).toContain(`ячейка B${row}: ожидалось число, а не «много»`);
    // Written while no edit trigger watched, it stops every call once the cache has expired.
    asPerson(emulator, (ss) => ss.getSheetByName('Настройки')?.getRange(`B${row}`).setValue('много'));
    emulator.clock.advance(11 * 60_000);
    const message = failure(() => emulator.scriptRun('apiBootstrap', [], { user: AGENT }));
    expect(message).toContain(`ячейка B${row}`);
    expect(message).toContain('ожидалось число, а не «много»');
  });

  test('saving validates the whole object first and writes nothing when it is wrong', () => {
    const emulator = setUpWorkbook();
    const settings = emulator.scriptRun<Record<string, unknown>>('apiGetSettings', [], { user: LEAD });
    const before = stringifyState(emulator.state);
    const broken = {
      ...settings,
      caseIdPrefix: 'x y',
      sla: { firstResponse: { A: 30, B: 120, C: 480 }, resolution: { A: -1, B: 1, C: 2 } },
    };
    const message = failure(() => emulator.scriptRun('apiSaveSettings', [broken], { user: LEAD }));
    expect(message).toMatch(/^\[validation caseIdPrefix sla.resolution.A/);
    expect(stringifyState(emulator.state)).toBe(before);
  });
});

describe('editing the Cases tab by hand (onEditInstalled)', () => {
  function statusCell(emulator: ReturnType<typeof setUpWorkbook>) {
    return asPerson(emulator, (ss) => ss.getSheetByName('Кейсы')?.getRange('B2'));
  }

  test('a valid status change is recorded like a sidebar one', () => {
    const emulator = setUpWorkbook();
    const c = emulator.scriptRun<CaseView>('apiRegisterCase', [registrationInput()], { user: AGENT });
    const { executions } = emulator.editCell('Кейсы', 'B2', 'В работе', AGENT);
    expect(executions.map((e) => e.ok)).toEqual([true]);
    const after = emulator.scriptRun<CaseView>('apiGetCase', [c.id], { user: AGENT });
    expect(after).toMatchObject({ status: 'in_progress', version: 2, updatedBy: AGENT });
    expect(after.events?.at(-1)).toMatchObject({
      type: 'status',
      from: 'new',
      to: 'in_progress',
      note: 'правка в таблице',
    });
  });

  test('an invalid one is put back with a note that says why', () => {
    const emulator = setUpWorkbook();
    const c = emulator.scriptRun<CaseView>('apiRegisterCase', [registrationInput()], { user: AGENT });
    emulator.editCell('Кейсы', 'B2', 'Решён', AGENT);
    expect(statusCell(emulator)?.getValue()).toBe('Новый');
    expect(statusCell(emulator)?.getNote()).toMatch(/нельзя перейти/);
    expect(emulator.scriptRun<CaseView>('apiGetCase', [c.id], { user: AGENT })).toMatchObject({
      status: 'new',
      version: 1,
    });
  });

  test('the guard reads the row: fill "Что сделано" first, then the status', () => {
    const emulator = setUpWorkbook();
    const c = emulator.scriptRun<CaseView>('apiRegisterCase', [registrationInput()], { user: AGENT });
    emulator.scriptRun('apiTransition', [c.id, { to: 'in_progress', version: 1 }], { user: AGENT });
    const column = asPerson(emulator, (ss) =>
      ss.getSheetByName('Кейсы')?.createTextFinder('Что сделано').findNext()?.getA1Notation(),
    );
    emulator.editCell('Кейсы', String(column).replace('1', '2'), 'Заменили фасад', AGENT);
    emulator.editCell('Кейсы', 'B2', 'Решён', AGENT);
    expect(emulator.scriptRun<CaseView>('apiGetCase', [c.id], { user: AGENT })).toMatchObject({
      status: 'resolved',
      resolution: 'Заменили фасад',
    });
  });

  test('a system column is put back', () => {
    const emulator = setUpWorkbook();
    const c = emulator.scriptRun<CaseView>('apiRegisterCase', [registrationInput()], { user: AGENT });
    emulator.editCell('Кейсы', 'A2', 'ARB-2026-99999', AGENT);
    const cell = asPerson(emulator, (ss) => ss.getSheetByName('Кейсы')?.getRange('A2'));
    expect(cell?.getValue()).toBe(c.id);
    expect(cell?.getNote()).toMatch(/заполняет Арбитр/);
  });
});

describe('a paste over case rows', () => {
  test('is put back from the Events log, with a note; the person’s own columns keep it', () => {
    const emulator = setUpWorkbook();
    const a = emulator.scriptRun<CaseView>('apiRegisterCase', [registrationInput()], { user: AGENT });
    const b = emulator.scriptRun<CaseView>('apiRegisterCase', [registrationInput({ orderNo: 'K-2' })], { user: AGENT });
    emulator.scriptRun('apiTransition', [b.id, { to: 'in_progress', version: 1 }], { user: AGENT });
    const executions = emulator.pasteValues(
      'Кейсы',
      'B2',
      [
        ['Закрыт', 'A'],
        ['Отменён', 'C'],
      ],
      AGENT,
    );
    expect(executions.map((x) => x.ok)).toEqual([true]);
    const cells = asPerson(emulator, (ss) => {
      const sheet = ss.getSheetByName('Кейсы');
      return { values: sheet?.getRange('B2:C3').getValues(), note: sheet?.getRange('B2').getNote() };
    });
    expect(cells.values).toEqual([
      ['Новый', 'B'],
      ['В работе', 'B'],
    ]);
    expect(cells.note).toMatch(/вернул строки кейсов/);
    expect(emulator.scriptRun<CaseView>('apiGetCase', [a.id], { user: AGENT })).toMatchObject({
      status: 'new',
      version: 1,
    });
    expect(emulator.scriptRun<CaseView>('apiGetCase', [b.id], { user: AGENT }).events?.at(-1)).toMatchObject({
      type: 'reverted',
    });
  });
});

describe('the Events tab is the whole history', () => {
  test('replaying it rebuilds every case’s status, owner and timestamps exactly', () => {
    const emulator = setUpWorkbook();
    const run = <T>(fn: string, args: unknown[], user = AGENT) => emulator.scriptRun<T>(fn, args, { user });
    const a = run<CaseView>('apiRegisterCase', [registrationInput()]);
    const b = run<CaseView>('apiRegisterCase', [registrationInput({ criticality: 'A', orderNo: 'A-7' })]);
    emulator.advanceClock(3_600_000);
    let c = run<CaseView>('apiTransition', [a.id, { to: 'in_progress', version: 1 }]);
    c = run<CaseView>('apiUpdateCase', [
      a.id,
      { version: c.version, ownerDept: 'Логистика', ownerEmail: 'log@example.com' },
    ]);
    c = run<CaseView>('apiTransition', [a.id, { to: 'resolved', version: c.version, resolution: 'Довезли' }]);
    run('apiTransition', [a.id, { to: 'reopened', version: c.version }], LEAD);
    run('apiRecordFirstResponse', [b.id, { version: 1 }]);
    emulator.editCell('Кейсы', 'B3', 'В работе', AGENT);

    const events = asPerson(emulator, (ss) => ss.getSheetByName('События')?.getDataRange().getValues() ?? []);
    const header = events[0] as string[];
    const caseCol = header.indexOf('Кейс');
    const changesCol = header.indexOf('Изменения (JSON)');
    const rebuilt = new Map<string, Record<string, unknown>>();
    for (const row of events.slice(1)) {
      const id = String(row[caseCol]);
      if (!row[changesCol]) continue;
      rebuilt.set(id, { ...rebuilt.get(id), ...changesOfCell(String(row[changesCol]), 'updated') });
    }
    const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as number).toISOString());
    for (const id of [a.id, b.id]) {
      const live = run<CaseView>('apiGetCase', [id]);
      const replayed = rebuilt.get(id) ?? {};
      expect({
        status: replayed.status,
        version: replayed.version,
        ownerDept: replayed.ownerDept,
        ownerEmail: replayed.ownerEmail,
        createdAt: iso(replayed.createdAt),
        firstResponseAt: iso(replayed.firstResponseAt),
        dueAt: iso(replayed.dueAt),
        resolvedAt: iso(replayed.resolvedAt),
        closedAt: iso(replayed.closedAt),
        reopenCount: replayed.reopenCount,
      }).toEqual({
        status: live.status,
        version: live.version,
        ownerDept: live.ownerDept,
        ownerEmail: live.ownerEmail,
        createdAt: live.createdAt,
        firstResponseAt: live.firstResponseAt,
        dueAt: live.dueAt,
        resolvedAt: live.resolvedAt,
        closedAt: live.closedAt,
        reopenCount: live.reopenCount,
      });
    }
  });
});

describe('the sidebar opens on the selected case', () => {
  test('apiBootstrap names the case whose row is selected in the Cases tab', () => {
    const emulator = setUpWorkbook();
    const c = emulator.scriptRun<CaseView>('apiRegisterCase', [registrationInput()], { user: AGENT });
    const selected = () =>
      emulator.scriptRun<{ selectedCaseId: string | null }>('apiBootstrap', [], { user: AGENT }).selectedCaseId;
    expect(selected()).toBeNull();
    asPerson(emulator, (ss) => ss.getSheetByName('Кейсы')?.getRange('F2').activate());
    expect(selected()).toBe(c.id);
    asPerson(emulator, (ss) => ss.getSheetByName('Настройки')?.getRange('A2').activate());
    expect(selected()).toBeNull();
  });
});
