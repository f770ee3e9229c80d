/**
 * The schedule through the built bundle (docs/architecture.md, Adding a job): one hourly trigger
 * and the edit trigger, installed by a lead and held by one person; the dispatcher it fires, in a
 * bound script and in a published add-on (no active spreadsheet: it opens the workbook by id); the
 * once-per-period bookkeeping in the workbook; "Run now" from the menu.
 */
import type { Emulator } from '../../emulator/runtime';
import { AGENT, asPerson, LEAD, registrationInput, setUpWorkbook } from '../support/workbook';

const HOUR = 3_600_000;
const LEAD2 = 'lead2@example.com';

const yes = () => ({ button: 'YES' });
const no = () => ({ button: 'NO' });

function triggersOf(emulator: Emulator, owner?: string) {
  return emulator.state.triggers
    .filter((t) => owner === undefined || t.owner === owner)
    .map((t) => `${t.owner} ${t.eventType} ${t.handlerFunction}`)
    .sort();
}

interface Record_ {
  holder: { email: string } | null;
  done: Record<string, string>;
  lease: unknown;
}

function scheduleRecord(emulator: Emulator): Record_ {
  const value = emulator.state.spreadsheet.developerMetadata.find((m) => m.key === 'arbiter.schedule')?.value;
  return JSON.parse(value ?? 'null') as Record_;
}

/** The Events rows of scheduled jobs: [actor, note]. */
function jobEvents(emulator: Emulator): Array<[string, string]> {
  const rows = asPerson(emulator, (ss) => ss.getSheetByName('События')?.getDataRange().getValues() ?? []);
  const header = rows[0]!.map(String);
  const type = header.indexOf('Событие');
  const actor = header.indexOf('Кто');
  const note = header.indexOf('Комментарий');
  return rows.filter((r) => r[type] === 'job').map((r): [string, string] => [String(r[actor]), String(r[note])]);
}

function addLead(emulator: Emulator, email: string): void {
  // A lead runs setup from the spreadsheet, so the file is shared with them for editing.
  emulator.state.spreadsheet.editors.push(email);
  const settings = emulator.scriptRun<Record<string, unknown> & { team: unknown[] }>('apiGetSettings', [], {
    user: LEAD,
  });
  settings.team.push({ email, name: 'Второй руководитель', role: 'lead', team: 'КС' });
  emulator.scriptRun('apiSaveSettings', [settings], { user: LEAD });
}

describe('installing the schedule', () => {
  test('setup installs one hourly trigger, the edit trigger and the change trigger; installing again changes nothing', () => {
    const emulator = setUpWorkbook({ schedule: true });
    expect(triggersOf(emulator)).toEqual([
      `${LEAD} CLOCK runScheduled`,
      `${LEAD} ON_CHANGE onChangeInstalled`,
      `${LEAD} ON_EDIT onEditInstalled`,
    ]);
    const before = JSON.stringify(emulator.state.spreadsheet.developerMetadata);
    const again = emulator.run<string[]>('installTriggers', [], { user: LEAD });
    expect(again.value).toEqual([]);
    expect(triggersOf(emulator)).toHaveLength(3);
    expect(JSON.stringify(emulator.state.spreadsheet.developerMetadata)).toBe(before);
    expect(scheduleRecord(emulator).holder?.email).toBe(LEAD);
    // The installer's user properties lead the time trigger to this spreadsheet.
    const clock = emulator.state.triggers.find((t) => t.eventType === 'CLOCK')!;
    expect(emulator.state.properties.user[LEAD]?.[`arbiter.trigger.${clock.id}`]).toBe(emulator.state.spreadsheet.id);
  });

  test('a time trigger deleted by hand comes back at the next install, and the old one is forgotten', () => {
    const emulator = setUpWorkbook(); // the hourly trigger deleted (as in the Apps Script dashboard)
    expect(triggersOf(emulator)).toEqual([`${LEAD} ON_CHANGE onChangeInstalled`, `${LEAD} ON_EDIT onEditInstalled`]);
    expect(emulator.run<string[]>('installTriggers', [], { user: LEAD }).value).toEqual(['runScheduled']);
    const clock = emulator.state.triggers.find((t) => t.eventType === 'CLOCK')!;
    const kept = Object.keys(emulator.state.properties.user[LEAD] ?? {}).filter((k) =>
      k.startsWith('arbiter.trigger.'),
    );
    expect(kept).toEqual([`arbiter.trigger.${clock.id}`]);
    expect(scheduleRecord(emulator).holder).toMatchObject({ email: LEAD, timeTrigger: clock.id });
  });

  test('another lead is told who holds it and asked; saying no changes nothing', () => {
    const emulator = setUpWorkbook({ schedule: true });
    addLead(emulator, LEAD2);
    const result = emulator.run<string[]>('installTriggers', [], { user: LEAD2, respond: no });
    expect(result.output.alerts[0]?.prompt).toContain(LEAD);
    expect(result.output.alerts[0]?.buttons).toBe('YES_NO');
    expect(result.value).toEqual([]);
    expect(triggersOf(emulator, LEAD2)).toEqual([]);
    expect(scheduleRecord(emulator).holder?.email).toBe(LEAD);
  });

  test('a lead who says yes takes it over; the former holder’s triggers remove themselves at their next firing', () => {
    const emulator = setUpWorkbook({ schedule: true });
    addLead(emulator, LEAD2);
    const result = emulator.run<string[]>('installTriggers', [], { user: LEAD2, respond: yes });
    expect(result.value).toEqual(['runScheduled', 'onEditInstalled', 'onChangeInstalled']);
    expect(scheduleRecord(emulator).holder?.email).toBe(LEAD2);
    const ran = emulator.advanceClock(HOUR);
    expect(ran.map((r) => `${r.user} ${r.ok}`).sort()).toEqual([`${LEAD2} true`, `${LEAD} true`]);
    expect(triggersOf(emulator)).toEqual([
      `${LEAD2} CLOCK runScheduled`,
      `${LEAD2} ON_CHANGE onChangeInstalled`,
      `${LEAD2} ON_EDIT onEditInstalled`,
    ]);
    // Only the holder's firing ran jobs.
    expect(new Set(jobEvents(emulator).map(([actor]) => actor))).toEqual(new Set([LEAD2]));
  });

  test('only a lead may install or remove the schedule', () => {
    const emulator = setUpWorkbook({ schedule: true });
    for (const fn of ['installTriggers', 'removeTriggers']) {
      const result = emulator.execute(fn, [], { user: AGENT });
      expect(result.ok).toBe(false);
      expect(result.error).toMatch(/^\[forbidden\] Расписанием управляет только руководитель КС\.$/);
    }
    expect(triggersOf(emulator, AGENT)).toEqual([]);
  });

  test('removeTriggers removes the holder’s triggers and the workbook names no holder', () => {
    const emulator = setUpWorkbook({ schedule: true });
    expect(emulator.run('removeTriggers', [], { user: LEAD }).value).toBe(3);
    expect(emulator.state.triggers).toEqual([]);
    expect(scheduleRecord(emulator).holder).toBeNull();
  });
});

describe.each(['bound', 'addon'] as const)('the dispatcher (%s)', (deployment) => {
  test('each firing runs the hourly job, and the daily digest once its hour has come', () => {
    const emulator = setUpWorkbook({ deployment, schedule: true });
    const done = scheduleRecord(emulator).done;
    // Installed Monday 10:00 Moscow: today's digest, this week's report and this month's summary
    // count as done.
    expect(done).toEqual({ daily: '2026-11-23', weekly: '2026-W48', monthly: '2026-11' });
    const first = emulator.advanceClock(HOUR);
    expect(first.map((r) => r.ok)).toEqual([true]);
    expect(jobEvents(emulator).map(([, note]) => note.split(':')[0])).toEqual(['Ежечасная проверка 2026-11-23T11']);

    // Tuesday 09:00 (the clock jumps): the daily digest is due, once.
    emulator.advanceTo(Date.parse('2026-11-24T06:00:00Z'), { missed: 'once' });
    expect(jobEvents(emulator).map(([, note]) => note.split(':')[0])).toEqual([
      'Ежечасная проверка 2026-11-23T11',
      'Ежечасная проверка 2026-11-24T09',
      'Ежедневная сводка 2026-11-24',
    ]);
    expect(scheduleRecord(emulator).lease).toBeNull();
  });

  test('a failed job is recorded as not done, the jobs after it still run, and it runs again next time', () => {
    const emulator = setUpWorkbook({ deployment, schedule: true });
    // Without the Cases tab every job fails.
    asPerson(emulator, (ss) => ss.deleteSheet(ss.getSheetByName('Кейсы')!));
    emulator.advanceTo(Date.parse('2026-11-24T06:00:00Z'), { missed: 'once' });
    const notes = jobEvents(emulator).map(([, note]) => note);
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(/^Ежечасная проверка 2026-11-24T09: ошибка: .*Продолжится при следующем запуске\.$/);
    expect(notes[1]).toMatch(/^Ежедневная сводка 2026-11-24: ошибка: /);
    expect(scheduleRecord(emulator).done.daily).toBe('2026-11-23');
    emulator.advanceClock(HOUR);
    expect(jobEvents(emulator).map(([, note]) => note.split(':')[0])).toContain('Ежедневная сводка 2026-11-24');
    expect(jobEvents(emulator)).toHaveLength(4);
  });

  test('a run in progress makes a firing skip; the lease ends with the execution limit', () => {
    const emulator = setUpWorkbook({ deployment, schedule: true });
    const record = scheduleRecord(emulator);
    const start = emulator.clock.now();
    asPerson(emulator, (ss) =>
      ss
        .createDeveloperMetadataFinder()
        .withKey('arbiter.schedule')
        .find()[0]!
        .setValue(JSON.stringify({ ...record, lease: { by: LEAD2, until: start + HOUR + 60_000 } })),
    );
    emulator.advanceClock(HOUR);
    expect(jobEvents(emulator)).toEqual([]);
    emulator.advanceClock(HOUR);
    expect(jobEvents(emulator)).toHaveLength(1);
  });
});

describe('Run now from the menu', () => {
  test('a lead runs a job now; a period already done is said so, and runs again only on yes', () => {
    const emulator = setUpWorkbook({ schedule: true });
    const declined = emulator.run<{ ran: unknown[] }>('runDaily', [], { user: LEAD, respond: no });
    expect(declined.output.alerts[0]?.prompt).toBe(
      'Запуск «Ежедневная сводка» за 2026-11-23 уже был. Повторить за 2026-11-23?',
    );
    expect(declined.value.ran).toEqual([]);
    expect(jobEvents(emulator)).toEqual([]);

    // Yes: it runs for that period (a failure reaches the lead as an error), one Events row.
    emulator.execute('runDaily', [], { user: LEAD, respond: yes });
    expect(jobEvents(emulator).map(([actor, note]) => `${actor} ${note.split(':')[0]}`)).toEqual([
      `${LEAD} Ежедневная сводка 2026-11-23`,
    ]);
  });

  test('the hourly job runs now without asking; a non-lead may not run any', () => {
    const emulator = setUpWorkbook({ schedule: true });
    const hourly = emulator.run<{ ran: unknown[]; complete: boolean; period: string }>('runHourly', [], {
      user: LEAD,
    });
    expect(hourly.output.alerts).toEqual([]);
    expect(hourly.value).toMatchObject({ complete: true, period: '2026-11-23T10' });
    expect(hourly.value.ran).toHaveLength(1);
    expect(scheduleRecord(emulator).done.hourly).toBe('2026-11-23T10');
    for (const fn of ['runHourly', 'runDaily', 'runWeekly', 'runMonthly']) {
      expect(emulator.execute(fn, [], { user: AGENT }).error).toMatch(/^\[forbidden\]/);
    }
  });
});

describe('the real jobs on the virtual clock, through the one installed trigger', () => {
  const DAY = 24 * HOUR;

  function register(emulator: Emulator, overrides: Record<string, unknown> = {}): void {
    emulator.scriptRun('apiRegisterCase', [registrationInput(overrides)], { user: AGENT });
  }

  /** The job rows, by job: [period, …] (their notes say "<job label> <period>: …"). */
  function runsOf(emulator: Emulator, label: string): string[] {
    return jobEvents(emulator)
      .map(([, note]) => note)
      .filter((note) => note.startsWith(`${label} `))
      .map((note) => note.slice(label.length + 1).split(':')[0]!);
  }

  const digests = (emulator: Emulator) =>
    emulator.state.mail.sent.filter((m) => m.subject.startsWith('Арбитр: план-факт')).map((m) => m.subject.slice(-10));
  const weeklyTabs = (emulator: Emulator) =>
    emulator.state.spreadsheet.sheets.map((s) => s.name).filter((name) => name.startsWith('Топ причин'));

  test.each(['bound', 'addon'] as const)(
    '%s: a week of hourly firings sends one daily digest a day and writes one weekly tab',
    (deployment) => {
      const emulator = setUpWorkbook({ deployment, schedule: true });
      register(emulator, { criticality: 'A', orderNo: 'W-1' });
      register(emulator, { criticality: 'C', orderNo: 'W-2' });
      const firings = emulator.advanceClock(7 * DAY);
      expect(firings).toHaveLength(7 * 24);
      expect(firings.filter((f) => !f.ok)).toEqual([]);
      const days = ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30'];
      expect(runsOf(emulator, 'Ежедневная сводка')).toEqual(days);
      expect(digests(emulator)).toEqual(days);
      expect(runsOf(emulator, 'Недельный отчёт')).toEqual(['2026-W49']);
      expect(weeklyTabs(emulator)).toEqual(['Топ причин 2026-W48']);
      expect(runsOf(emulator, 'Ежечасная проверка')).toHaveLength(7 * 24);
      expect(scheduleRecord(emulator).done).toMatchObject({ daily: '2026-11-30', weekly: '2026-W49' });
    },
  );

  test('a firing twice in an hour runs the hourly job twice and the daily digest once', () => {
    const emulator = setUpWorkbook({ schedule: true });
    register(emulator, { criticality: 'A' });
    emulator.advanceTo(Date.parse('2026-11-24T06:00:00Z'), { missed: 'once' }); // Tuesday 09:00
    const trigger = emulator.state.triggers.find((t) => t.eventType === 'CLOCK')!;
    emulator.advanceClock(20 * 60_000);
    expect(emulator.fireTrigger(trigger).ok).toBe(true);
    expect(runsOf(emulator, 'Ежечасная проверка')).toEqual(['2026-11-24T09', '2026-11-24T09']);
    expect(runsOf(emulator, 'Ежедневная сводка')).toEqual(['2026-11-24']);
    expect(digests(emulator)).toEqual(['2026-11-24']);
  });

  test('a skipped day catches up once, at the next firing', () => {
    const emulator = setUpWorkbook({ schedule: true });
    register(emulator, { criticality: 'A' });
    emulator.advanceTo(Date.parse('2026-11-24T07:00:00Z')); // Tuesday 10:00, firing every hour
    // No firing from Tuesday 10:00 until Thursday 12:00: Wednesday's digest is not replayed.
    emulator.advanceTo(Date.parse('2026-11-26T09:00:00Z'), { missed: 'once' });
    emulator.advanceClock(3 * HOUR);
    expect(runsOf(emulator, 'Ежедневная сводка')).toEqual(['2026-11-24', '2026-11-26']);
    expect(digests(emulator)).toEqual(['2026-11-24', '2026-11-26']);
  });

  test('Monday’s weekly report runs once; a missed Monday runs at the next firing, once', () => {
    const monday = setUpWorkbook({ schedule: true });
    monday.advanceTo(Date.parse('2026-11-30T10:00:00Z')); // every hour up to Monday 13:00
    expect(runsOf(monday, 'Недельный отчёт')).toEqual(['2026-W49']);

    const missed = setUpWorkbook({ schedule: true });
    missed.advanceTo(Date.parse('2026-11-29T17:00:00Z')); // Sunday 20:00
    expect(runsOf(missed, 'Недельный отчёт')).toEqual([]);
    // Nothing fires from Sunday 20:00 to Tuesday 10:00.
    missed.advanceTo(Date.parse('2026-12-01T07:00:00Z'), { missed: 'once' });
    missed.advanceClock(5 * HOUR);
    expect(runsOf(missed, 'Недельный отчёт')).toEqual(['2026-W49']);
    expect(weeklyTabs(missed)).toEqual(['Топ причин 2026-W48']);
  });
});
