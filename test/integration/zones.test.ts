/**
 * Zones of growth and CSI through the built bundle (docs/product.md, Zones of growth and CSI): an
 * entry logged and moved through its lifecycle with every guard and role, refused steps that
 * write nothing, a stale version, an accepted appeal leaving the counts, CSI comments, the list's
 * filters, both languages, and round trips that do not grow with the tab.
 */
import type { Emulator } from '../../emulator/runtime';
import type { CsiList, CsiView, GrowthZoneList, GrowthZoneView, ZoneSummary } from '../../src/server/contract';
import { failure } from '../support/failure';
import { jobBundleDir } from '../support/job-bundle';
import { AGENT, LEAD, OWNER, VIEWER, asPerson, msk, setUpWorkbook } from '../support/workbook';

const TL = 'tl@example.com';
const TL2 = 'tl2@example.com';
const DAY = 86_400_000;
/** One write per run of our columns in the Zones tab (one run: no column of a person's in between). */
const ZONE_WRITE_RUNS = 1;

type Run = <T>(fn: string, args?: unknown[], user?: string) => T;

function withLeaders(options: { locale?: string } = {}): { emulator: Emulator; run: Run } {
  const emulator = setUpWorkbook(options);
  const run: Run = <T>(fn: string, args: unknown[] = [], user = AGENT) => emulator.scriptRun<T>(fn, args, { user });
  const settings = run<{ team: unknown[] }>('apiGetSettings', [], LEAD);
  settings.team.push(
    { email: TL, name: 'Тимур Лидер', role: 'team_leader', team: 'Продажи-1' },
    { email: TL2, name: 'Лена Лидер', role: 'team_leader', team: 'Продажи-2' },
  );
  run('apiSaveSettings', [settings], LEAD);
  return { emulator, run };
}

function zoneInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    manager: 'Иван Петров',
    team: 'Продажи-1',
    teamLeaderEmail: TL,
    source: 'online_meeting',
    category: 'communication',
    standard: 'Приветствие и представление',
    link: 'https://meet.example.com/rec/1',
    description: 'Не представился клиенту, не уточнил потребность',
    ...overrides,
  };
}

function csiInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    at: '2026-11-20T12:00:00+03:00',
    manager: 'Иван Петров',
    role: 'sales',
    team: 'Продажи-1',
    comment: 'Менеджер не перезвонил',
    score: 2,
    orderNo: 'K-1042',
    ...overrides,
  };
}

/** The Zones of growth tab and the Events tab as a person sees them. */
function snapshot(emulator: Emulator): string {
  return asPerson(emulator, (ss) =>
    JSON.stringify([
      ss.getSheetByName('Зоны роста')?.getDataRange().getValues(),
      ss.getSheetByName('События')?.getDataRange().getValues(),
    ]),
  );
}

function zoneRows(emulator: Emulator): unknown[][] {
  return asPerson(emulator, (ss) => ss.getSheetByName('Зоны роста')?.getDataRange().getValues() ?? []);
}

describe('zones of growth through the built bundle', () => {
  test('a communication error: logged → briefing scheduled → held → recheck due a month later → passed', () => {
    const { emulator, run } = withLeaders();
    let z = run<GrowthZoneView>('apiLogGrowthZone', [zoneInput()]);
    expect(z).toMatchObject({
      id: 'GZ-2026-00001',
      version: 1,
      status: 'logged',
      loggedBy: AGENT,
      loggedAt: msk('2026-11-23T10:00:00'),
      counts: true,
      recheckDue: false,
    });
    expect(z.transitions).toEqual(['briefing_scheduled']);

    // The team leader schedules and holds the briefing.
    z = run<GrowthZoneView>(
      'apiMoveGrowthZone',
      [z.id, { to: 'briefing_scheduled', version: 1, date: '2026-11-25T15:00:00+03:00' }],
      TL,
    );
    expect(z).toMatchObject({ status: 'briefing_scheduled', version: 2, briefingAt: msk('2026-11-25T15:00:00') });
    emulator.advanceClock(2 * DAY + 5 * 3_600_000);
    z = run<GrowthZoneView>('apiMoveGrowthZone', [z.id, { to: 'briefing_held', version: 2, note: 'обсудили' }], TL);
    expect(z).toMatchObject({
      status: 'briefing_held',
      version: 3,
      briefingHeldAt: msk('2026-11-25T15:00:00'),
      recheckAt: msk('2026-12-25T15:00:00'),
    });
    // Before the month is over, the result cannot be recorded.
    expect(failure(() => run('apiMoveGrowthZone', [z.id, { to: 'passed', version: 3 }]))).toMatch(
      /^\[guard\] Перепроверка — с 2026-12-25/,
    );
    emulator.advanceClock(31 * DAY);
    const got = run<GrowthZoneView & { events: unknown[] }>('apiGetGrowthZone', [z.id]);
    expect(got.recheckDue).toBe(true);
    expect(got.transitions).toEqual(['passed', 'repeated']);
    z = run<GrowthZoneView>('apiMoveGrowthZone', [z.id, { to: 'passed', version: 3 }]);
    expect(z).toMatchObject({ status: 'passed', version: 4, transitions: [] });
    expect(z.closedAt).not.toBeNull();
    const events = run<GrowthZoneView & { events: Array<{ type: string; from: string; to: string }> }>(
      'apiGetGrowthZone',
      [z.id],
    ).events;
    expect(events.map((e) => [e.type, e.from, e.to])).toEqual([
      ['zone', '', 'logged'],
      ['zone', 'logged', 'briefing_scheduled'],
      ['zone', 'briefing_scheduled', 'briefing_held'],
      ['zone', 'briefing_held', 'passed'],
    ]);
    // A finished entry moves no more.
    expect(failure(() => run('apiMoveGrowthZone', [z.id, { to: 'appealed', version: 4, reason: 'x' }], LEAD))).toMatch(
      /^\[guard\] Запись GZ-2026-00001 завершена \(«Перепроверка пройдена»\)/,
    );
    // The row holds labels in the workbook's language, and the version.
    const rows = zoneRows(emulator);
    const header = rows[0] as string[];
    const row = rows[1] as unknown[];
    expect(row[header.indexOf('Статус')]).toBe('Перепроверка пройдена');
    expect(row[header.indexOf('Категория')]).toBe('Ошибка в коммуникации');
    expect(row[header.indexOf('Версия')]).toBe(4);
  });

  test('a process error needs the team leader’s answer; refused steps write nothing', () => {
    const { emulator, run } = withLeaders();
    const z = run<GrowthZoneView>('apiLogGrowthZone', [zoneInput({ category: 'process', source: 'request' })]);
    // An agent may not give a process error's answer; nor may another team's leader.
    expect(z.transitions).toEqual(['briefing_scheduled']);
    const before = snapshot(emulator);
    expect(failure(() => run('apiMoveGrowthZone', [z.id, { to: 'briefing_held', version: 1 }], TL))).toBe(
      '[guard processAnswer] По ошибке в процессе нужен ответ руководителя команды: в каком процессе ошибка и что меняется.',
    );
    expect(
      failure(() => run('apiMoveGrowthZone', [z.id, { to: 'briefing_held', version: 1, processAnswer: 'x' }], TL2)),
    ).toBe('[forbidden] Это может руководитель команды этой записи (tl@example.com) или руководитель КС.');
    expect(
      failure(() => run('apiMoveGrowthZone', [z.id, { to: 'briefing_held', version: 1, processAnswer: 'x' }], AGENT)),
    ).toMatch(/^\[forbidden\] Роль «Специалист КС» не может переводить запись в «Брифинг проведён»/);
    expect(failure(() => run('apiMoveGrowthZone', [z.id, { to: 'recheck_due', version: 1 }], LEAD))).toMatch(
      /^\[guard\] Статус «Пора перепроверить» запись получает сама/,
    );
    expect(failure(() => run('apiMoveGrowthZone', [z.id, { to: 'passed', version: 1 }], LEAD))).toBe(
      '[guard] Запись нельзя перевести из «Зафиксировано» в «Перепроверка пройдена».',
    );
    expect(failure(() => run('apiMoveGrowthZone', [z.id, { to: 'briefing_scheduled', version: 1 }], TL))).toBe(
      '[guard date] Чтобы назначить брифинг, укажите его дату.',
    );
    for (const user of [VIEWER, OWNER]) {
      expect(
        failure(() =>
          run('apiMoveGrowthZone', [z.id, { to: 'briefing_scheduled', version: 1, date: '2026-11-25' }], user),
        ),
      ).toMatch(/^\[forbidden\]/);
    }
    expect(snapshot(emulator)).toBe(before);

    const held = run<GrowthZoneView>(
      'apiMoveGrowthZone',
      [z.id, { to: 'briefing_held', version: 1, processAnswer: 'Выпуск ЭЦП: меняем инструкцию для клиента' }],
      TL,
    );
    expect(held).toMatchObject({ status: 'briefing_held', processAnswer: 'Выпуск ЭЦП: меняем инструкцию для клиента' });
  });

  test('a stale version is a conflict and writes nothing', () => {
    const { emulator, run } = withLeaders();
    const z = run<GrowthZoneView>('apiLogGrowthZone', [zoneInput()]);
    run('apiMoveGrowthZone', [z.id, { to: 'briefing_scheduled', version: 1, date: '2026-11-25' }]);
    const before = snapshot(emulator);
    expect(
      failure(() => run('apiMoveGrowthZone', [z.id, { to: 'briefing_scheduled', version: 1, date: '2026-11-26' }])),
    ).toMatch(/^\[conflict\] Запись GZ-2026-00001 уже изменили \(версия 2, у вас была 1\)/);
    expect(snapshot(emulator)).toBe(before);
  });

  test('appeal: the team leader appeals, only a CS lead decides; accepted leaves the counts, rejected goes on', () => {
    const { run } = withLeaders();
    const a = run<GrowthZoneView>('apiLogGrowthZone', [zoneInput()]);
    const b = run<GrowthZoneView>('apiLogGrowthZone', [zoneInput({ manager: 'Пётр Сидоров' })]);
    const summary = () => run<ZoneSummary>('apiZoneSummary', [{}], LEAD);
    expect(summary().rows).toEqual([
      { team: 'Продажи-1', manager: 'Иван Петров', logged: 1, repeats: 0, open: 1, csi: 0 },
      { team: 'Продажи-1', manager: 'Пётр Сидоров', logged: 1, repeats: 0, open: 1, csi: 0 },
    ]);
    expect(failure(() => run('apiMoveGrowthZone', [a.id, { to: 'appealed', version: 1 }], TL))).toBe(
      '[guard reason] Чтобы обжаловать запись, укажите причину.',
    );
    expect(failure(() => run('apiMoveGrowthZone', [a.id, { to: 'appealed', version: 1, reason: 'x' }], AGENT))).toMatch(
      /^\[forbidden\]/,
    );
    let appealed = run<GrowthZoneView>(
      'apiMoveGrowthZone',
      [a.id, { to: 'appealed', version: 1, reason: 'На записи другой менеджер' }],
      TL,
    );
    expect(appealed).toMatchObject({ status: 'appealed', appealedFrom: 'logged', counts: true, transitions: [] });
    expect(failure(() => run('apiMoveGrowthZone', [a.id, { to: 'accepted', version: 2, reason: 'верно' }], TL))).toBe(
      '[forbidden] Принять или отклонить апелляцию может только руководитель КС.',
    );
    expect(failure(() => run('apiMoveGrowthZone', [a.id, { to: 'accepted', version: 2 }], LEAD))).toBe(
      '[guard reason] Чтобы принять или отклонить апелляцию, укажите причину решения.',
    );
    appealed = run<GrowthZoneView>(
      'apiMoveGrowthZone',
      [a.id, { to: 'accepted', version: 2, reason: 'Подтвердили: другой менеджер' }],
      LEAD,
    );
    expect(appealed).toMatchObject({
      status: 'accepted',
      counts: false,
      decisionReason: 'Подтвердили: другой менеджер',
    });
    expect(summary().rows).toEqual([
      { team: 'Продажи-1', manager: 'Пётр Сидоров', logged: 1, repeats: 0, open: 1, csi: 0 },
    ]);

    run('apiMoveGrowthZone', [b.id, { to: 'appealed', version: 1, reason: 'не согласны' }], LEAD);
    const rejected = run<GrowthZoneView>(
      'apiMoveGrowthZone',
      [b.id, { to: 'rejected', version: 2, reason: 'Ошибка видна на записи' }],
      LEAD,
    );
    expect(rejected).toMatchObject({ status: 'rejected', appealedFrom: 'logged', counts: true });
    // It goes on from where it was appealed, and cannot be appealed twice.
    expect(rejected.transitions).toEqual(['briefing_scheduled']);
  });

  test('CSI comments: logged, validated, listed and counted in the summary', () => {
    const { run } = withLeaders();
    const c = run<CsiView>('apiLogCsi', [csiInput()]);
    expect(c).toMatchObject({ id: 'CSI-2026-00001', at: msk('2026-11-20T12:00:00'), loggedBy: AGENT, score: 2 });
    run('apiLogCsi', [csiInput({ manager: 'Анна Смирнова', team: 'Продажи-2', role: 'showroom', score: 1 })]);
    // Last month's comment is listed but not counted in this month.
    run('apiLogCsi', [csiInput({ at: '2026-10-30' })]);
    expect(failure(() => run('apiLogCsi', [csiInput({ at: '2026-11-30', score: 9, role: 'boss', comment: '' })]))).toBe(
      '[validation at role comment score] Дата: Дата не может быть в будущем. ' +
        'Роль: «boss» — нет такого варианта; возможные: sales, showroom. ' +
        'Комментарий клиента: Обязательное поле. Оценка: Оценка — целое число от 1 до 5.',
    );
    expect(failure(() => run('apiLogCsi', [csiInput()], VIEWER))).toMatch(/^\[forbidden\]/);
    const list = run<CsiList>('apiListCsi', [{ team: 'Продажи-1' }], TL);
    expect(list.total).toBe(2);
    expect(list.items.map((i) => i.at)).toEqual([msk('2026-11-20T12:00:00'), msk('2026-10-30T00:00:00')]);
    expect(run<CsiList>('apiListCsi', [{ text: 'смирнова' }]).total).toBe(1);
    expect(run<ZoneSummary>('apiZoneSummary', [{}], LEAD)).toEqual({
      month: '2026-11',
      rows: [
        { team: 'Продажи-1', manager: 'Иван Петров', logged: 0, repeats: 0, open: 0, csi: 1 },
        { team: 'Продажи-2', manager: 'Анна Смирнова', logged: 0, repeats: 0, open: 0, csi: 1 },
      ],
    });
    // A team leader's summary is their own team's.
    expect(run<ZoneSummary>('apiZoneSummary', [{}], TL2).rows.map((r) => r.manager)).toEqual(['Анна Смирнова']);
  });

  test('the list: filters, text search, a team leader’s team first', () => {
    const { run } = withLeaders();
    run('apiLogGrowthZone', [zoneInput()]);
    run('apiLogGrowthZone', [zoneInput({ manager: 'Анна Смирнова', team: 'Продажи-2', teamLeaderEmail: TL2 })]);
    const third = run<GrowthZoneView>('apiLogGrowthZone', [zoneInput({ standard: 'Навигация по сайту' })]);
    run('apiMoveGrowthZone', [third.id, { to: 'appealed', version: 1, reason: 'x' }], LEAD);
    run('apiMoveGrowthZone', [third.id, { to: 'accepted', version: 2, reason: 'y' }], LEAD);

    const forTl2 = run<GrowthZoneList>('apiListGrowthZones', [{}], TL2);
    expect(forTl2).toMatchObject({ total: 3, teams: ['Продажи-1', 'Продажи-2'], myTeam: 'Продажи-2' });
    expect(forTl2.items[0]?.team).toBe('Продажи-2');
    expect(run<GrowthZoneList>('apiListGrowthZones', [{ open: true }]).total).toBe(2);
    expect(run<GrowthZoneList>('apiListGrowthZones', [{ status: 'accepted' }]).items.map((i) => i.id)).toEqual([
      third.id,
    ]);
    expect(run<GrowthZoneList>('apiListGrowthZones', [{ team: 'продажи-1' }]).total).toBe(2);
    expect(run<GrowthZoneList>('apiListGrowthZones', [{ text: 'навигация' }]).total).toBe(1);
    expect(run<GrowthZoneList>('apiListGrowthZones', [{ limit: 1, offset: 1 }]).items).toHaveLength(1);
    expect(failure(() => run('apiListGrowthZones', [{ status: 'nope' }]))).toMatch(/^\[validation\]/);
    expect(run<GrowthZoneList>('apiListGrowthZones', [{}], VIEWER).items.every((i) => i.transitions.length === 0)).toBe(
      true,
    );
  });

  test('logging validates every field at once; viewers, owners and team leaders do not log', () => {
    const { emulator, run } = withLeaders();
    const before = snapshot(emulator);
    expect(
      failure(() =>
        run('apiLogGrowthZone', [
          zoneInput({
            manager: ' ',
            teamLeaderEmail: 'not-an-email',
            source: 'call',
            link: 'meet/1',
            description: 'x'.repeat(5001),
          }),
        ]),
      ),
    ).toBe(
      '[validation manager teamLeaderEmail source link description] Менеджер: Обязательное поле. ' +
        'Email руководителя команды: «not-an-email» — не email. ' +
        'Источник: «call» — нет такого варианта; возможные: online_meeting, outbound_call, request. ' +
        'Ссылка: «meet/1» — не ссылка (нужен адрес, начинающийся с http:// или https://). ' +
        'Что произошло: Не длиннее 5000 символов.',
    );
    for (const user of [VIEWER, OWNER, TL])
      expect(failure(() => run('apiLogGrowthZone', [zoneInput()], user))).toMatch(/^\[forbidden\]/);
    expect(snapshot(emulator)).toBe(before);
  });

  test('English workbook: messages and labels in English', () => {
    const { emulator, run } = withLeaders({ locale: 'en_US' });
    const z = run<GrowthZoneView>('apiLogGrowthZone', [zoneInput({ category: 'process' })]);
    expect(failure(() => run('apiMoveGrowthZone', [z.id, { to: 'briefing_held', version: 1 }], LEAD))).toBe(
      "[guard processAnswer] A process error needs the team leader's answer: which process failed and what is being changed.",
    );
    expect(failure(() => run('apiMoveGrowthZone', [z.id, { to: 'accepted', version: 1, reason: 'x' }], LEAD))).toBe(
      '[guard] An entry cannot move from “Logged” to “Appeal accepted”.',
    );
    const rows = asPerson(emulator, (ss) => ss.getSheetByName('Zones of growth')?.getDataRange().getValues() ?? []);
    const header = rows[0] as string[];
    expect(rows[1]?.[header.indexOf('Category')]).toBe('Process error');
    expect(rows[1]?.[header.indexOf('Status')]).toBe('Logged');
  });

  test('round trips per action do not grow with the tab', () => {
    const { emulator, run } = withLeaders();
    const cost = () => {
      const log = emulator.run('apiLogGrowthZone', [zoneInput()], { user: AGENT });
      const id = (log.value as GrowthZoneView).id;
      const move = emulator.run(
        'apiMoveGrowthZone',
        [id, { to: 'briefing_scheduled', version: 1, date: '2026-11-25' }],
        { user: AGENT },
      );
      const csi = emulator.run('apiLogCsi', [csiInput()], { user: AGENT });
      expect([log.ok, move.ok, csi.ok]).toEqual([true, true, true]);
      return [log.meter.roundTrips, move.meter.roundTrips, csi.meter.roundTrips];
    };
    const few = cost();
    for (let i = 0; i < 40; i++) run('apiLogGrowthZone', [zoneInput({ manager: `М ${i}` })]);
    const many = cost();
    expect(many).toEqual(few);
    // Logging reads nothing of the tab but its header; a move reads one row.
    // 14, and 2 for the Events chain (the last row's digest: its row, its cell; docs/product.md, Integrity).
    expect(few[0]).toBeLessThanOrEqual(16);
    expect(few[1]).toBeLessThanOrEqual(16);
  });

  test('setup: a team filter over the Zones table, checks on the person’s columns, system columns protected', () => {
    const { emulator, run } = withLeaders();
    run('apiLogGrowthZone', [zoneInput()]);
    const look = () =>
      asPerson(emulator, (ss) => {
        const sheet = ss.getSheetByName('Зоны роста');
        if (!sheet) throw new Error('no Zones tab');
        const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] as string[];
        const column = (name: string) => header.indexOf(name) + 1;
        const protectedColumns = sheet
          .getProtections('RANGE' as unknown as GoogleAppsScript.Spreadsheet.ProtectionType)
          .flatMap((p) => {
            const range = p.getRange();
            return header.slice(range.getColumn() - 1, range.getLastColumn());
          });
        return {
          filter: sheet.getFilter()?.getRange().getA1Notation(),
          width: header.length,
          source: sheet.getRange(2, column('Источник')).getDataValidation()?.getCriteriaValues()[0],
          protectedColumns,
        };
      });
    const first = look();
    expect(first.filter).toBe(`A1:W${1000}`);
    expect(first.width).toBe(23);
    expect(first.source).toEqual(['Онлайн-встреча', 'Исходящий звонок', 'Обращение']);
    expect(first.protectedColumns).toEqual(expect.arrayContaining(['Номер', 'Статус', 'Версия', 'Перепроверка']));
    expect(first.protectedColumns).not.toContain('Менеджер');
    // Setup again keeps the filter (and whatever a leader chose in it).
    emulator.run('setupWorkbook', [], { user: LEAD });
    expect(look()).toEqual(first);
  });

  test('hand edits: a system column is put back from the log; a logged field is checked and recorded', () => {
    const { emulator, run } = withLeaders();
    const z = run<GrowthZoneView>('apiLogGrowthZone', [zoneInput()]);
    run('apiMoveGrowthZone', [z.id, { to: 'briefing_scheduled', version: 1, date: '2026-11-25T15:00' }]);
    const cell = (name: string) => {
      const header = zoneRows(emulator)[0] as string[];
      return `${String.fromCharCode(65 + header.indexOf(name))}2`;
    };
    const value = (name: string) => {
      const rows = zoneRows(emulator);
      return (rows[1] as unknown[])[(rows[0] as string[]).indexOf(name)];
    };
    const note = (a1: string) =>
      asPerson(emulator, (ss) => ss.getSheetByName('Зоны роста')?.getRange(a1).getNote() ?? '');

    // The status, the version and a step's date are Arbiter's: put back, with a note.
    for (const [name, typed] of [
      ['Статус', 'Перепроверка пройдена'],
      ['Версия', '9'],
      ['Брифинг назначен на', '01.01.2027'],
    ] as const) {
      const before = value(name);
      emulator.editCell('Зоны роста', cell(name), typed, LEAD);
      expect(value(name)).toEqual(before);
      expect(note(cell(name))).toMatch(/^Арбитр вернул прежнее значение: /);
    }
    expect(run<GrowthZoneView>('apiGetGrowthZone', [z.id]).version).toBe(2);

    // The manager's name is the person's: corrected, as a new version with its Events row.
    emulator.editCell('Зоны роста', cell('Менеджер'), 'Иван Петров-Водкин', AGENT);
    const corrected = run<GrowthZoneView & { events: Array<{ type: string; actor: string; version: number }> }>(
      'apiGetGrowthZone',
      [z.id],
    );
    expect(corrected).toMatchObject({ manager: 'Иван Петров-Водкин', version: 3, updatedBy: AGENT });
    expect(corrected.events.at(-1)).toMatchObject({ type: 'zone', actor: AGENT, version: 3 });
    // A blank standard is refused and put back; so is a viewer's edit.
    emulator.editCell('Зоны роста', cell('Нарушенный стандарт'), ' ', AGENT);
    expect(value('Нарушенный стандарт')).toBe('Приветствие и представление');
    expect(note(cell('Нарушенный стандарт'))).toMatch(/Обязательное поле/);
    emulator.editCell('Зоны роста', cell('Что произошло'), 'иначе', VIEWER);
    expect(value('Что произошло')).toBe('Не представился клиенту, не уточнил потребность');
    // A put-back status still moves through the API from where the log has it.
    expect(run<GrowthZoneView>('apiMoveGrowthZone', [z.id, { to: 'briefing_held', version: 3 }], TL).status).toBe(
      'briefing_held',
    );

    // A paste over the rows is put back as the log has them.
    emulator.pasteValues('Зоны роста', cell('Статус'), [['Апелляция принята', 'x']], LEAD);
    expect(value('Статус')).toBe('Брифинг проведён');
  });

  test('hand edits of the CSI tab: the id is put back, a score out of range refused, a good one recorded', () => {
    const { emulator, run } = withLeaders();
    run<CsiView>('apiLogCsi', [csiInput()]);
    const rows = () => asPerson(emulator, (ss) => ss.getSheetByName('CSI')?.getDataRange().getValues() ?? []);
    const header = rows()[0] as string[];
    const cell = (name: string) => `${String.fromCharCode(65 + header.indexOf(name))}2`;
    const value = (name: string) => (rows()[1] as unknown[])[header.indexOf(name)];
    emulator.editCell('CSI', cell('Номер'), 'CSI-2026-00099', LEAD);
    expect(value('Номер')).toBe('CSI-2026-00001');
    // The sheet refuses a score off the CSAT scale (its data validation); had it got in, onEdit puts it back.
    try {
      emulator.editCell('CSI', cell('Оценка'), '9', AGENT);
    } catch {
      // refused by the sheet's validation
    }
    expect(value('Оценка')).toBe(2);
    emulator.editCell('CSI', cell('Комментарий клиента'), 'Не перезвонил и нагрубил', AGENT);
    expect(value('Комментарий клиента')).toBe('Не перезвонил и нагрубил');
    expect(run<CsiList>('apiListCsi', [{}]).items[0]?.comment).toBe('Не перезвонил и нагрубил');
    const events = asPerson(emulator, (ss) => ss.getSheetByName('События')?.getDataRange().getValues() ?? []);
    expect(events.filter((e) => e[1] === 'CSI-2026-00001').map((e) => e[2])).toEqual(['csi', 'csi']);
  });

  test('the summary tab: one block per team with its leader, per manager, refreshed by the daily job', () => {
    const { emulator, run } = withLeaders();
    run('apiLogGrowthZone', [zoneInput()]);
    run('apiLogGrowthZone', [zoneInput()]);
    const other = run<GrowthZoneView>('apiLogGrowthZone', [
      zoneInput({ manager: 'Анна Смирнова', team: 'Продажи-2', teamLeaderEmail: TL2 }),
    ]);
    run('apiMoveGrowthZone', [other.id, { to: 'appealed', version: 1, reason: 'a' }], LEAD);
    run('apiMoveGrowthZone', [other.id, { to: 'accepted', version: 2, reason: 'b' }], LEAD);
    run('apiLogCsi', [csiInput({ manager: 'Анна Смирнова', team: 'Продажи-2' })]);
    const daily = emulator.run('runDaily', [], { user: LEAD, respond: () => ({ button: 'YES' }) });
    expect(daily.ok).toBe(true);
    const tab = asPerson(emulator, (ss) => ss.getSheetByName('Зоны роста — сводка')?.getDataRange().getValues());
    expect(tab).toEqual([
      ['Зоны роста и CSI за 2026-11', '', '', '', ''],
      [
        'Посчитано 2026-11-23 10:00 (Europe/Moscow). Записи и повторы — за месяц; открытые — на этот момент.',
        '',
        '',
        '',
        '',
      ],
      ['', '', '', '', ''],
      ['Команда «Продажи-1» — руководитель: Тимур Лидер (tl@example.com)', '', '', '', ''],
      ['Менеджер', 'Записей за месяц', 'Повторов', 'Открытых', 'Комментариев CSI'],
      ['Иван Петров', 2, 0, 2, 0],
      ['Итого', 2, 0, 2, 0],
      ['', '', '', '', ''],
      ['Команда «Продажи-2» — руководитель: Лена Лидер (tl2@example.com)', '', '', '', ''],
      ['Менеджер', 'Записей за месяц', 'Повторов', 'Открытых', 'Комментариев CSI'],
      ['Анна Смирнова', 0, 0, 0, 1],
      ['Итого', 0, 0, 0, 1],
    ]);
  });

  test('the monthly sweep: rechecks that fell due become recheck due, in one write with an Events row each', () => {
    const emulator = setUpWorkbook({ buildDir: jobBundleDir() });
    const run: Run = <T>(fn: string, args: unknown[] = [], user = AGENT) => emulator.scriptRun<T>(fn, args, { user });
    const held = (overrides: Record<string, unknown>, date: string) => {
      const z = run<GrowthZoneView>('apiLogGrowthZone', [zoneInput({ teamLeaderEmail: LEAD, ...overrides })]);
      run('apiMoveGrowthZone', [z.id, { to: 'briefing_scheduled', version: 1, date }]);
      return run<GrowthZoneView>('apiMoveGrowthZone', [z.id, { to: 'briefing_held', version: 2 }]);
    };
    const a = held({}, '2026-11-23');
    run('apiLogGrowthZone', [zoneInput({ manager: 'Без брифинга' })]);
    emulator.advanceClock(10 * DAY);
    const b = held({ manager: 'Позже' }, '2026-12-03');
    emulator.advanceClock(21 * DAY); // a's month is over, b's is not
    const sweep = emulator.run<{ written: number; missing: string[] }>('testSweepRechecks', [], { user: LEAD });
    expect(sweep.value).toEqual({ written: 1, missing: [] });
    expect(run<GrowthZoneView>('apiGetGrowthZone', [a.id])).toMatchObject({
      status: 'recheck_due',
      version: 4,
      updatedBy: LEAD,
      recheckDue: true,
    });
    expect(run<GrowthZoneView>('apiGetGrowthZone', [b.id]).status).toBe('briefing_held');
    const events = run<GrowthZoneView & { events: Array<{ from: string; to: string; actor: string }> }>(
      'apiGetGrowthZone',
      [a.id],
    ).events;
    expect(events.at(-1)).toMatchObject({ from: 'briefing_held', to: 'recheck_due', actor: LEAD });
    // A second sweep finds nothing more to do.
    expect(emulator.run('testSweepRechecks', [], { user: LEAD }).value).toEqual({ written: 0, missing: [] });
    expect(sweep.meter.calls['Range.setValues'] ?? 0).toBeLessThanOrEqual(ZONE_WRITE_RUNS);
  });
});

describe('an entry never exists without its history', () => {
  test('with a column of the Events tab gone, logging and moving write neither the row nor its Events row', () => {
    const { emulator, run } = withLeaders();
    const z = run<GrowthZoneView>('apiLogGrowthZone', [zoneInput()]);
    // A column deleted behind the edit trigger's back (setup puts it back).
    asPerson(emulator, (ss) => {
      const sheet = ss.getSheetByName('События');
      const header = sheet?.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] ?? [];
      sheet?.deleteColumn(header.indexOf('Комментарий') + 1);
    });
    const csiTab = () =>
      asPerson(emulator, (ss) => JSON.stringify(ss.getSheetByName('CSI')?.getDataRange().getValues()));
    const before = { zones: snapshot(emulator), csi: csiTab(), counters: { ...emulator.state.properties.document } };

    for (const [fn, args] of [
      ['apiLogGrowthZone', [zoneInput({ manager: 'Анна Смирнова' })]],
      ['apiLogCsi', [csiInput()]],
      ['apiMoveGrowthZone', [z.id, { to: 'briefing_scheduled', version: 1, date: '2026-11-25T15:00' }]],
    ] as const) {
      expect(failure(() => run(fn, [...args]))).toMatch(/^\[validation\].*События.*Комментарий/);
    }
    expect({ zones: snapshot(emulator), csi: csiTab(), counters: emulator.state.properties.document }).toEqual(before);

    // Setup brings the column back; then both are written, with the id the refused call did not take.
    emulator.run('setupWorkbook', [], { user: LEAD });
    const second = run<GrowthZoneView>('apiLogGrowthZone', [zoneInput({ manager: 'Анна Смирнова' })]);
    expect(second.id).toBe(z.id.replace(/\d+$/, (n) => String(Number(n) + 1).padStart(n.length, '0')));
  });
});

describe('an entry never disappears', () => {
  test('a deleted row of Zones of growth or CSI comes back from its history at the end of its table', () => {
    const { emulator, run } = withLeaders();
    const a = run<GrowthZoneView>('apiLogGrowthZone', [zoneInput()]);
    const b = run<GrowthZoneView>('apiLogGrowthZone', [zoneInput({ manager: 'Анна Смирнова' })]);
    const csi = run<CsiView>('apiLogCsi', [csiInput()]);
    const sentBefore = emulator.state.mail.sent.length;

    emulator.deleteRows('Зоны роста', 2, 1, AGENT);
    emulator.deleteRows('CSI', 2, 1, AGENT);

    expect(
      zoneRows(emulator)
        .slice(1)
        .map((r) => r[0]),
    ).toEqual([b.id, a.id]);
    expect(run<GrowthZoneView>('apiGetGrowthZone', [a.id])).toMatchObject({ manager: a.manager, version: a.version });
    expect(run<CsiList>('apiListCsi', [{}]).items.map((c) => c.id)).toEqual([csi.id]);
    const told = emulator.state.mail.sent.slice(sentBefore);
    expect(told.map((m) => m.body.includes(a.id) || m.body.includes(csi.id))).toEqual([true, true]);
  });
});
