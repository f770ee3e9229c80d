/**
 * The schedule through the built bundle (docs/architecture.md, Adding a job): one hourly trigger
 * and the edit trigger, installed by a lead and held by one person; the dispatcher it fires, in a
 * bound script and in a published add-on (no active spreadsheet: it opens the workbook by id); the
 * once-per-period bookkeeping in the workbook; "Run now" from the menu.
 */
import type { Emulator } from '../../emulator/runtime';
import { AGENT, asPerson, LEAD, setUpWorkbook } from '../support/workbook';

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
  const settings = emulator.scriptRun<Record<string, unknown> & { team: unknown[] }>('apiGetSettings', [], {
    user: LEAD,
  });
  settings.team.push({ email, name: 'Второй руководитель', role: 'lead', team: 'КС' });
  emulator.scriptRun('apiSaveSettings', [settings], { user: LEAD });
}

describe('installing the schedule', () => {
  test('setup installs one hourly trigger and the edit trigger; installing again changes nothing', () => {
    const emulator = setUpWorkbook({ schedule: true });
    expect(triggersOf(emulator)).toEqual([`${LEAD} CLOCK runScheduled`, `${LEAD} ON_EDIT onEditInstalled`]);
    const before = JSON.stringify(emulator.state.spreadsheet.developerMetadata);
    const again = emulator.run<string[]>('installTriggers', [], { user: LEAD });
    expect(again.value).toEqual([]);
    expect(triggersOf(emulator)).toHaveLength(2);
    expect(JSON.stringify(emulator.state.spreadsheet.developerMetadata)).toBe(before);
    expect(scheduleRecord(emulator).holder?.email).toBe(LEAD);
    // The installer's user properties lead the time trigger to this spreadsheet.
    const clock = emulator.state.triggers.find((t) => t.eventType === 'CLOCK')!;
    expect(emulator.state.properties.user[LEAD]?.[`arbiter.trigger.${clock.id}`]).toBe(emulator.state.spreadsheet.id);
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
    expect(result.value).toEqual(['runScheduled', 'onEditInstalled']);
    expect(scheduleRecord(emulator).holder?.email).toBe(LEAD2);
    const ran = emulator.advanceClock(HOUR);
    expect(ran.map((r) => `${r.user} ${r.ok}`).sort()).toEqual([`${LEAD2} true`, `${LEAD} true`]);
    expect(triggersOf(emulator)).toEqual([`${LEAD2} CLOCK runScheduled`, `${LEAD2} ON_EDIT onEditInstalled`]);
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
    expect(emulator.run('removeTriggers', [], { user: LEAD }).value).toBe(2);
    expect(emulator.state.triggers).toEqual([]);
    expect(scheduleRecord(emulator).holder).toBeNull();
  });
});

describe.each(['bound', 'addon'] as const)('the dispatcher (%s)', (deployment) => {
  test('each firing runs the hourly job, and the daily digest once its hour has come', () => {
    const emulator = setUpWorkbook({ deployment, schedule: true });
    const done = scheduleRecord(emulator).done;
    // Installed Monday 10:00 Moscow: today's digest and this week's report count as done.
    expect(done).toEqual({ daily: '2026-11-23', weekly: '2026-W48' });
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
    for (const fn of ['runHourly', 'runDaily', 'runWeekly']) {
      expect(emulator.execute(fn, [], { user: AGENT }).error).toMatch(/^\[forbidden\]/);
    }
  });
});
