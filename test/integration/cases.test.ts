import { stringifyState } from '../../emulator/core/persist';
import type { Emulator } from '../../emulator/runtime';
import type { CaseView, CaseList } from '../../src/server/api';
import { failure } from '../support/failure';
import { AGENT, LEAD, OWNER, VIEWER, asPerson, msk, registrationInput, setUpWorkbook } from '../support/workbook';

type Run = <T>(fn: string, args?: unknown[], user?: string) => T;

function runner(emulator: Emulator): Run {
  return <T>(fn: string, args: unknown[] = [], user = AGENT) => emulator.scriptRun<T>(fn, args, { user });
}

const HOUR = 3_600_000;

describe('a case from registration to closing, through the built bundle', () => {
  test('register → first response → in progress → waiting → in progress → resolved → closed', () => {
    const emulator = setUpWorkbook();
    const run = runner(emulator);
    let c = run<CaseView>('apiRegisterCase', [registrationInput()]);
    expect(c).toMatchObject({
      id: 'ARB-2026-00001',
      version: 1,
      status: 'new',
      agent: AGENT,
      ownerEmail: OWNER, // the department's default owner
      createdAt: msk('2026-11-23T10:00:00'),
      // B: first response in 120 business minutes, resolution in 1440 (Mon 660 + Tue 720 + Wed 60).
      dueFirstResponseAt: msk('2026-11-23T12:00:00'),
      dueAt: msk('2026-11-25T10:00:00'),
      overdue: false,
    });

    emulator.advanceClock(0.5 * HOUR);
    c = run<CaseView>('apiRecordFirstResponse', [c.id, { version: c.version }]);
    expect(c.firstResponseAt).toBe(msk('2026-11-23T10:30:00'));

    c = run<CaseView>('apiTransition', [c.id, { to: 'in_progress', version: c.version }]);
    emulator.advanceClock(0.5 * HOUR);
    c = run<CaseView>('apiTransition', [c.id, { to: 'waiting_client', version: c.version, note: 'ждём фото' }]);
    expect(c.waitingSince).toBe(msk('2026-11-23T11:00:00'));

    // The client answers at 20:00: 540 business minutes of waiting move the due time.
    emulator.advanceClock(9 * HOUR);
    c = run<CaseView>('apiTransition', [c.id, { to: 'in_progress', version: c.version }]);
    expect(c.dueAt).toBe(msk('2026-11-25T19:00:00'));

    emulator.advanceClock(15 * HOUR); // Tuesday 11:00
    c = run<CaseView>(
      'apiTransition',
      [c.id, { to: 'resolved', version: c.version, resolution: 'Фасад заменён, фурнитура довезена' }],
      OWNER,
    );
    expect(c.resolvedAt).toBe(msk('2026-11-24T11:00:00'));

    c = run<CaseView>('apiTransition', [
      c.id,
      {
        to: 'closed',
        version: c.version,
        rootCause: 'Повреждение при монтаже',
        prevention: 'Осмотр фасадов перед выездом',
        csat: 5,
        nps: 10,
      },
    ]);
    expect(c).toMatchObject({ status: 'closed', closedAt: msk('2026-11-24T11:00:00'), csat: 5, nps: 10, version: 7 });

    const full = run<CaseView>('apiGetCase', [c.id]);
    expect(full.events?.map((e) => e.type)).toEqual([
      'created',
      'first_response',
      'status',
      'status',
      'status',
      'status',
      'status',
    ]);
    expect(full.events?.map((e) => e.to)).toEqual([
      'new',
      '',
      'in_progress',
      'waiting_client',
      'in_progress',
      'resolved',
      'closed',
    ]);
  });

  test('ids are sequential and never reused, even when a person deletes a row', () => {
    const emulator = setUpWorkbook();
    const run = runner(emulator);
    const first = run<CaseView>('apiRegisterCase', [registrationInput()]);
    const second = run<CaseView>('apiRegisterCase', [registrationInput({ orderNo: 'K-2' })]);
    expect([first.id, second.id]).toEqual(['ARB-2026-00001', 'ARB-2026-00002']);
    asPerson(emulator, (ss) => ss.getSheetByName('Кейсы')?.deleteRow(3));
    expect(run<CaseView>('apiRegisterCase', [registrationInput({ orderNo: 'K-3' })]).id).toBe('ARB-2026-00003');
  });
});

describe('every guard refuses with a message and writes nothing', () => {
  function expectNoWrite(emulator: Emulator, act: () => void): void {
    const before = stringifyState(emulator.state);
    act();
    expect(stringifyState(emulator.state)).toBe(before);
  }

  test.each([
    // The warehouse has no owners in Settings, so nobody owns the case yet.
    ['in progress without an owner email', { ownerDept: 'Склад' }, [{ to: 'in_progress' }], /владельца решения/],
    ['resolved without the resolution', {}, [{ to: 'in_progress' }, { to: 'resolved' }], /опишите, что сделано/],
    [
      'A resolved without an evidence link',
      { criticality: 'A', evidence: [] },
      [{ to: 'in_progress' }, { to: 'resolved', resolution: 'ok' }],
      /ссылкой на подтверждение/,
    ],
    [
      'closed without a root cause',
      {},
      [{ to: 'in_progress' }, { to: 'resolved', resolution: 'ok' }, { to: 'closed', prevention: 'x' }],
      /корневую причину/,
    ],
    [
      'closed with a cause not in the taxonomy',
      {},
      [
        { to: 'in_progress' },
        { to: 'resolved', resolution: 'ok' },
        { to: 'closed', rootCause: 'Магнитные бури', prevention: 'x' },
      ],
      /нет в справочнике причин/,
    ],
    [
      'B closed without prevention',
      {},
      [{ to: 'in_progress' }, { to: 'resolved', resolution: 'ok' }, { to: 'closed', rootCause: 'Ошибка поставщика' }],
      /профилактикой/,
    ],
    ['cancelled without a reason', {}, [{ to: 'cancelled' }], /укажите причину/],
    ['a skipped status', {}, [{ to: 'closed', rootCause: 'Ошибка поставщика' }], /нельзя перейти/],
  ])('%s', (_name, registration, steps, message) => {
    const emulator = setUpWorkbook();
    const run = runner(emulator);
    let c = run<CaseView>('apiRegisterCase', [registrationInput(registration)]);
    const last = steps[steps.length - 1] as Record<string, unknown>;
    for (const step of steps.slice(0, -1)) c = run<CaseView>('apiTransition', [c.id, { ...step, version: c.version }]);
    expectNoWrite(emulator, () => {
      const error = failure(() => run('apiTransition', [c.id, { ...last, version: c.version }], LEAD));
      expect(error).toMatch(message);
      expect(error).toMatch(/^\[(guard|validation)/);
    });
  });

  test('a stale version is a conflict and writes nothing', () => {
    const emulator = setUpWorkbook();
    const run = runner(emulator);
    const c = run<CaseView>('apiRegisterCase', [registrationInput()]);
    run('apiTransition', [c.id, { to: 'in_progress', version: c.version }]);
    expectNoWrite(emulator, () => {
      expect(
        failure(() => run('apiTransition', [c.id, { to: 'cancelled', version: c.version, reason: 'дубль' }], LEAD)),
      ).toMatch(/^\[conflict\] Кейс ARB-2026-00001 уже изменил кто-то другой \(версия 2, у вас 1\)/);
    });
  });

  test('bad registration input names every field and writes nothing', () => {
    const emulator = setUpWorkbook();
    const run = runner(emulator);
    expectNoWrite(emulator, () => {
      const error = failure(() =>
        run('apiRegisterCase', [
          registrationInput({ orderNo: ' ', channel: 'Голубиная почта', evidence: ['not a link'] }),
        ]),
      );
      expect(error).toMatch(/^\[validation orderNo channel evidence\]/);
      expect(error).toContain('Номер заказа: Обязательное поле.');
    });
  });
});

describe('authorization on the server', () => {
  test('a viewer reads but cannot register or move cases', () => {
    const emulator = setUpWorkbook();
    const run = runner(emulator);
    const c = run<CaseView>('apiRegisterCase', [registrationInput()]);
    expect(run<CaseView>('apiGetCase', [c.id], VIEWER).id).toBe(c.id);
    expect(failure(() => run('apiRegisterCase', [registrationInput()], VIEWER))).toMatch(
      /^\[forbidden\] Для этого нужна роль/,
    );
    expect(failure(() => run('apiTransition', [c.id, { to: 'in_progress', version: 1 }], VIEWER))).toMatch(
      /^\[forbidden\]/,
    );
  });

  test('an unknown or blank email is refused with the reason', () => {
    const emulator = setUpWorkbook();
    const run = runner(emulator);
    expect(failure(() => run('apiBootstrap', [], 'stranger@example.com'))).toMatch(
      /stranger@example.com не найден в списке команды/,
    );
    expect(failure(() => run('apiBootstrap', [], ''))).toMatch(/Google не сообщил адрес/);
  });

  test('only leads cancel, reopen and save settings', () => {
    const emulator = setUpWorkbook();
    const run = runner(emulator);
    const c = run<CaseView>('apiRegisterCase', [registrationInput()]);
    expect(failure(() => run('apiTransition', [c.id, { to: 'cancelled', version: 1, reason: 'дубль' }]))).toMatch(
      /^\[forbidden\]/,
    );
    expect(failure(() => run('apiSaveSettings', [run('apiGetSettings')]))).toMatch(/^\[forbidden\]/);
    expect(run<CaseView>('apiTransition', [c.id, { to: 'cancelled', version: 1, reason: 'дубль' }], LEAD).status).toBe(
      'cancelled',
    );
  });

  test('private functions cannot be called through google.script.run', () => {
    const emulator = setUpWorkbook();
    expect(() => emulator.scriptRun('nothing_')).toThrow(/Script function not found/);
  });
});

describe('the sheet stores what people typed, literally', () => {
  test('a summary that looks like a formula is stored as text', () => {
    const emulator = setUpWorkbook();
    const run = runner(emulator);
    const attack = '=IMPORTXML("http://x","//a")';
    const c = run<CaseView>('apiRegisterCase', [
      registrationInput({ summary: attack, orderNo: '00123', client: '+7 701 555 01 02' }),
    ]);
    expect(c.summary).toBe(attack);
    const cells = asPerson(emulator, (ss) => {
      const sheet = ss.getSheetByName('Кейсы');
      const finder = sheet?.createTextFinder(c.id).matchEntireCell(true).findNext();
      const row = finder?.getRow() ?? 0;
      const range = sheet?.getRange(row, 1, 1, sheet.getLastColumn());
      return { formulas: range?.getFormulas()[0], values: range?.getValues()[0] };
    });
    expect(cells.formulas?.every((f) => f === '')).toBe(true);
    expect(cells.values).toContain(attack);
    expect(cells.values).toContain('00123');
    expect(run<CaseView>('apiGetCase', [c.id]).orderNo).toBe('00123');
  });
});

describe('lists and templates', () => {
  test('the queue puts overdue first and counts', () => {
    const emulator = setUpWorkbook();
    const run = runner(emulator);
    run('apiRegisterCase', [registrationInput({ criticality: 'C', orderNo: 'C-1' })]);
    run('apiRegisterCase', [registrationInput({ criticality: 'A', orderNo: 'A-1' })]);
    emulator.advanceClock(1 * HOUR); // A's first response (30 min) is overdue
    const first = emulator.run<CaseList>('apiListCases', [{ status: 'open' }], { user: AGENT });
    const list = first.value;
    expect(list.total).toBe(2);
    expect(list.items[0]?.orderNo).toBe('A-1');
    expect(list.counts.overdue).toBe(1);
    // Loading a list writes nothing: the SLA column is the hourly job's (test/integration/hourly.test.ts).
    expect(first.meter.cellsWritten).toBe(0);
    const slaCells = asPerson(emulator, (ss) => ss.getSheetByName('Кейсы')?.getRange('D2:D3').getValues());
    expect(slaCells).toEqual([[''], ['']]);
    expect(run<CaseList>('apiListCases', [{ text: 'c-1' }]).items.map((i) => i.orderNo)).toEqual(['C-1']);
    expect(failure(() => run('apiListCases', [{ limit: 10_000 }]))).toMatch(/^\[validation\]/);
  });

  test('a template fills the case and links to WhatsApp', () => {
    const emulator = setUpWorkbook();
    const run = runner(emulator);
    const c = run<CaseView>('apiRegisterCase', [registrationInput({ contact: '+7 701 555 01 02' })]);
    const message = run<{ text: string; whatsappUrl: string }>('apiRenderTemplate', [c.id, 'first_response']);
    expect(message.text).toContain('Айгерим Сапарова');
    expect(message.text).toContain('ARB-2026-00001');
    expect(message.text).toContain('25.11.2026 10:00');
    expect(message.text).toContain('Дина Агент');
    expect(message.whatsappUrl).toMatch(/^https:\/\/wa\.me\/77015550102\?text=/);
    expect(decodeURIComponent(message.whatsappUrl.split('text=')[1] ?? '')).toBe(message.text);
  });
});

describe('service calls do not grow with the number of cases', () => {
  test('register, move and read cost the same with 3 cases or 150', () => {
    const costs = [3, 150].map((existing) => {
      const emulator = setUpWorkbook();
      const run = runner(emulator);
      for (let i = 0; i < existing; i++) run('apiRegisterCase', [registrationInput({ orderNo: `K-${i}` })]);
      const register = emulator.run<CaseView>('apiRegisterCase', [registrationInput()], { user: AGENT });
      const c = register.value;
      const move = emulator.run('apiTransition', [c.id, { to: 'in_progress', version: c.version }], { user: AGENT });
      const read = emulator.run('apiGetCase', [c.id], { user: AGENT });
      return [register.meter.totalCalls, move.meter.totalCalls, read.meter.totalCalls];
    });
    expect(costs[1]).toEqual(costs[0]);
  });
});
