/**
 * The Dashboard tab through the built bundle, on the emulator's virtual clock (Moscow): four cases
 * moved through the API over 2026-W47 and W48, an Orders tab typed by the lead (with one bad row),
 * then "Refresh the dashboard" on Wednesday 25 November 12:00. The cells are the figures counted by
 * hand below; a figure with nothing under it says "нет данных" and a week without an order count
 * "нет числа заказов"; two charts, not four after a second refresh; the same round trips with 4
 * cases as with 34; viewers and agents are refused; the daily job refreshes it even with no mail
 * quota left.
 */
import type { Emulator } from '../../emulator/runtime';
import { DAILY_RECIPIENT_QUOTA } from '../../emulator/services/mail';
import type { CaseView } from '../../src/server/api';
import {
  AGENT,
  asPerson,
  LEAD,
  msk,
  OWNER,
  readGeneratedTab,
  registrationInput,
  setUpWorkbook,
  VIEWER,
} from '../support/workbook';

const TEAM_LEADER = 'tl@example.com';
const TAB = 'Дашборд';
const ORDERS_TAB = 'Заказы';
const at = (local: string) => Date.parse(msk(local));

/** The workbook with a team leader, and the cases counted by hand in the tests. */
function workbook(): Emulator {
  const emulator = setUpWorkbook({ now: new Date(msk('2026-11-16T09:00')) });
  const settings = emulator.scriptRun<Record<string, unknown> & { team: unknown[] }>('apiGetSettings', [], {
    user: LEAD,
  });
  settings.team.push({ email: TEAM_LEADER, name: 'Тимур Лидер', role: 'team_leader', team: 'Продажи' });
  emulator.scriptRun('apiSaveSettings', [settings], { user: LEAD });

  const versions = new Map<string, number>();
  const keep = (c: CaseView) => (versions.set(c.id, c.version), c.id);
  const call = (local: string, fn: string, args: unknown[], user = AGENT) => {
    emulator.advanceTo(at(local));
    return keep(emulator.scriptRun<CaseView>(fn, args, { user }));
  };
  const register = (local: string, fields: Record<string, unknown>) =>
    call(local, 'apiRegisterCase', [registrationInput(fields)]);
  const answer = (local: string, id: string) =>
    call(local, 'apiRecordFirstResponse', [id, { version: versions.get(id) }]);
  const step = (local: string, id: string, body: Record<string, unknown>, user = AGENT) =>
    call(local, 'apiTransition', [id, { ...body, version: versions.get(id) }], user);
  const close = { to: 'closed', rootCause: 'Производственный брак', prevention: 'Проверка кромки' };

  // W47. k1 B, production's owner: answered 10:30 (due 12:00); resolved 10:00→12:00 = 2 h; CSAT 4, NPS 9.
  const k1 = register('2026-11-16T10:00', { criticality: 'B' });
  answer('2026-11-16T10:30', k1);
  step('2026-11-16T10:30', k1, { to: 'in_progress' });
  step('2026-11-16T12:00', k1, { to: 'resolved', resolution: 'Заменили фасад' }, OWNER);
  step('2026-11-16T13:00', k1, { ...close, csat: 4, nps: 9 }, LEAD);
  // k2 C, client service keeps it (the agent owns it): answered 10:05; resolved 10:00→11:00 = 1 h; CSAT 5, NPS 10.
  const k2 = register('2026-11-17T10:00', { criticality: 'C', ownerEmail: AGENT });
  answer('2026-11-17T10:05', k2);
  step('2026-11-17T10:05', k2, { to: 'in_progress' });
  step('2026-11-17T11:00', k2, { to: 'resolved', resolution: 'Объяснили клиенту уход за фасадом' });
  step('2026-11-17T12:00', k2, { ...close, rootCause: 'Ошибка поставщика', csat: 5, nps: 10 }, LEAD);
  // W48. k3 A: answered 10:10 (due 10:30); in work, resolution due Monday 18:00: overdue on Wednesday.
  const k3 = register('2026-11-23T10:00', { criticality: 'A' });
  answer('2026-11-23T10:10', k3);
  step('2026-11-23T10:10', k3, { to: 'in_progress' });
  // k4 C, warehouse: never answered; the first response was due Tuesday 18:00: a breach, overdue.
  register('2026-11-24T10:00', { criticality: 'C', ownerDept: 'Склад' });

  // The lead types the orders: W44–W47, W48 not yet; one row the reader cannot use.
  asPerson(emulator, (ss) => {
    const sheet = ss.getSheetByName(ORDERS_TAB)!;
    sheet.getRange(2, 1, 5, 2).setValues([
      ['2026-W44', 350],
      ['2026-W45', 380],
      [new Date(msk('2026-11-09T00:00')), 390], // W46, typed as its Monday
      ['2026-W47', 400],
      ['47-я', 410],
    ]);
  });
  emulator.advanceTo(at('2026-11-25T12:00'));
  return emulator;
}

function refresh(emulator: Emulator, user = LEAD) {
  return emulator.run('refreshDashboard', [], { user });
}

const tab = (emulator: Emulator) => readGeneratedTab(emulator, TAB)!;

/** Numbers to 4 decimals. */
const rounded = (rows: unknown[][]) =>
  rows.map((row) => row.map((v) => (typeof v === 'number' ? Math.round(v * 10_000) / 10_000 : v)));

/** The row whose first cell is `label`. */
const rowOf = (values: unknown[][], label: string) => values.find((row) => row[0] === label);

describe('the Dashboard tab, through the built bundle', () => {
  let emulator: Emulator;
  let first: ReturnType<typeof refresh>;
  beforeAll(() => {
    emulator = workbook();
    first = refresh(emulator);
  });

  test('the header: the time it was computed; the columns: this week, the 4 weeks before, the month', () => {
    const v = tab(emulator).values;
    expect(v[0]![0]).toBe('Дашборд KPI');
    expect(String(v[1]![0])).toContain('25.11.2026 12:00 (Europe/Moscow)');
    expect(v[4]!.slice(0, 7)).toEqual([
      'Показатель',
      'Эта неделя 2026-W48',
      'Кейсов',
      '4 недели 26.10.2026 – 22.11.2026',
      'Кейсов',
      'Месяц 11.2026',
      'Кейсов',
    ]);
  });

  test('the KPIs counted by hand, each beside the cases it rests on; "no data" where nothing is under it', () => {
    const v = rounded(tab(emulator).values);
    const row = (label: string) => rowOf(v, label)!.slice(1, 7);
    // W48: k3 on time, k4 past due unanswered. W44–W47: k1, k2 on time. November: 3 of 4.
    expect(row('Первый ответ в срок')).toEqual([0.5, 2, 1, 2, 0.75, 4]);
    expect(row('Решение A: медиана, раб. ч')).toEqual(['нет данных', 0, 'нет данных', 0, 'нет данных', 0]);
    expect(row('Решение B: медиана, раб. ч')).toEqual(['нет данных', 0, 2, 1, 2, 1]); // k1 2 h
    expect(row('Решение C: 90-й перцентиль, раб. ч')).toEqual(['нет данных', 0, 1, 1, 1, 1]); // k2 1 h
    expect(row('Доля переоткрытых')).toEqual(['нет данных', 0, 0, 2, 0, 2]);
    expect(row('Доля обещаний мимо КС')).toEqual([0, 2, 0, 2, 0, 4]);
    expect(row('CSAT (1–5), среднее')).toEqual(['нет данных', 0, 4.5, 2, 4.5, 2]); // (4 + 5) / 2
    expect(row('NPS (−100…100)')).toEqual(['нет данных', 0, 100, 2, 100, 2]); // 9 and 10: two promoters
    // k2 the agent kept; k1 went to production's owner.
    expect(row('Решено КС без передачи в отдел')).toEqual(['нет данных', 0, 0.5, 2, 0.5, 2]);
    // W48 has no count; W44–W47: 2 × 100 / (350 + 380 + 390 + 400); November takes in W48.
    expect(row('Инцидентов на 100 заказов')).toEqual(['нет числа заказов', 2, 0.1316, 2, 'нет числа заказов', 4]);
  });

  test('the trend of incidents per 100 orders, week by week, with the change', () => {
    const v = rounded(tab(emulator).values);
    const header = v.findIndex((row) => row[0] === 'Неделя');
    expect(v.slice(header, header + 9).map((row) => row.slice(0, 5))).toEqual([
      ['Неделя', 'На 100 заказов', 'Инцидентов', 'Заказов', 'К неделе раньше'],
      ['2026-W41', 'нет числа заказов', 0, 'нет числа заказов', '—'],
      ['2026-W42', 'нет числа заказов', 0, 'нет числа заказов', '—'],
      ['2026-W43', 'нет числа заказов', 0, 'нет числа заказов', '—'],
      ['2026-W44', 0, 0, 350, '—'],
      ['2026-W45', 0, 0, 380, 0],
      ['2026-W46', 0, 0, 390, 0],
      ['2026-W47', 0.5, 2, 400, 0.5],
      ['2026-W48', 'нет числа заказов', 2, 'нет числа заказов', '—'],
    ]);
  });

  test('per department: open and overdue now, the median time to resolve per column', () => {
    const v = rounded(tab(emulator).values);
    expect(rowOf(v, 'Отдел')!.slice(0, 5)).toEqual([
      'Отдел',
      'Открыто',
      'Просрочено',
      'Медиана решения, раб. ч: неделя',
      'Решено: неделя',
    ]);
    // Production: k3 open and overdue; k1 2 h and k2 1 h resolved in W47: median 1.5.
    expect(rowOf(v, 'Производство')).toEqual(['Производство', 1, 1, 'нет данных', 0, 1.5, 2, 1.5, 2]);
    // Warehouse: k4 open, its first response overdue.
    expect(rowOf(v, 'Склад')).toEqual(['Склад', 1, 1, 'нет данных', 0, 'нет данных', 0, 'нет данных', 0]);
  });

  test('the bad Orders row is named, not used', () => {
    const v = tab(emulator).values;
    expect(v.map((row) => row[0])).toContain(
      'Лист «Заказы», строка 6: неделя «47-я» не читается: нужна ISO-неделя вида 2026-W48 или дата.',
    );
  });

  test('values, not formulas; percentages read as such; a line chart of the trend and a bar chart of departments', () => {
    const written = tab(emulator);
    expect(written.formulas.flat().filter(Boolean)).toEqual([]);
    const frRow = written.values.findIndex((row) => row[0] === 'Первый ответ в срок');
    expect(written.display[frRow]!.slice(1, 3)).toEqual(['50,0%', '2']);
    expect(written.charts.map((c) => [c.type, c.title])).toEqual([
      ['LINE', 'Инциденты на 100 заказов'],
      ['BAR', 'Кейсы по отделам: открыто и просрочено'],
    ]);
    const header = written.values.findIndex((row) => row[0] === 'Неделя') + 1;
    expect(written.charts[0]!.ranges).toEqual([`A${header}:A${header + 8}`, `B${header}:B${header + 8}`]);
  });

  test('a second refresh replaces the content and the charts: nothing accumulates', () => {
    const before = tab(emulator);
    refresh(emulator);
    const after = tab(emulator);
    expect(after.values).toEqual(before.values);
    expect(after.charts).toEqual(before.charts);
  });

  test('one read of the cases, one of the orders, one block written: the same round trips with 34 cases', () => {
    const calls = first.meter.calls;
    expect(calls).toMatchObject({ 'Range.setValues': 1, 'Sheet.insertChart': 2, 'Sheet.clear': 1 });
    const trips = refresh(emulator).meter.roundTrips;
    for (let i = 0; i < 30; i++)
      emulator.scriptRun('apiRegisterCase', [registrationInput({ criticality: 'C' })], { user: AGENT });
    expect(refresh(emulator).meter.roundTrips).toBe(trips);
  });

  test('a team leader may refresh it; a viewer and an agent are refused with a clear message', () => {
    expect(() => refresh(emulator, TEAM_LEADER)).not.toThrow();
    for (const user of [VIEWER, AGENT])
      expect(() => refresh(emulator, user)).toThrow('Обновить дашборд могут руководители КС и руководители команд.');
  });

  test('the daily job refreshes it, even when no mail quota is left', () => {
    emulator.advanceTo(at('2026-11-26T09:30'));
    emulator.setMailQuotaUsed(LEAD, DAILY_RECIPIENT_QUOTA.consumer);
    const run = emulator.run<{ complete: boolean; summary: string }>('runDaily', [], {
      user: LEAD,
      respond: () => ({ button: 'YES' }),
    });
    expect(run.value.summary).toContain('дашборд обновлён');
    expect(String(tab(emulator).values[1]![0])).toContain('26.11.2026 09:30');
    expect(tab(emulator).charts).toHaveLength(2);
  });
});
