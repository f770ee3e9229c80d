import { VirtualClock } from '../../emulator/core/clock';
import { ALL_SCOPES_FOR_TESTS, createExecutionEnv, type ExecutionEnvOptions } from '../../emulator/core/execution';
import { NotModeledError } from '../../emulator/core/errors';
import { createEmulatorState, type ClockSchedule } from '../../emulator/core/state';
import { createServiceGlobals, firstRunAt, nextRunAfter, type StoredTrigger } from '../../emulator/services';

/** Monday 2026-11-23 10:00 in Moscow (UTC+3 all year). */
const MONDAY_10_MSK = Date.UTC(2026, 10, 23, 7, 0);
const HOUR = 3600_000;
const DAY = 24 * HOUR;

function run(options: ExecutionEnvOptions = {}) {
  const env = createExecutionEnv({
    clock: new VirtualClock(MONDAY_10_MSK),
    user: { email: 'lead@example.com' },
    config: { buildDir: '/nonexistent-build' },
    ...options,
  });
  return { env, ...createServiceGlobals(env) };
}

const spreadsheetOf = (id: string) => ({ getId: () => id }) as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
const ADDON_ONE_CLOCK =
  'This add-on has created too many time-based triggers in this document for this Google user account.';

describe('ScriptApp triggers (https://developers.google.com/apps-script/reference/script/clock-trigger-builder)', () => {
  test('the clock builder chain creates a stored trigger with its first run', () => {
    const { env, ScriptApp } = run();
    const trigger = ScriptApp.newTrigger('runDaily').timeBased().everyDays(1).atHour(9).nearMinute(30).create();
    expect(trigger.getHandlerFunction()).toBe('runDaily');
    expect(trigger.getEventType()).toBe(ScriptApp.EventType.CLOCK);
    expect(trigger.getTriggerSource()).toBe(ScriptApp.TriggerSource.CLOCK);
    expect(trigger.getTriggerSourceId()).toBeNull();
    const [stored] = env.state.triggers as StoredTrigger[];
    expect(stored).toMatchObject({
      id: trigger.getUniqueId(),
      owner: 'lead@example.com',
      clock: { kind: 'everyDays', days: 1, atHour: 9, nearMinute: 30 },
      timeZone: 'Europe/Moscow',
      createdAt: MONDAY_10_MSK,
    });
    // 10:00 has passed: the next 09:30 Moscow is tomorrow's.
    expect(stored!.nextRunAt).toBe(Date.UTC(2026, 10, 24, 6, 30));
  });

  test('spreadsheet triggers take the spreadsheet or its id', () => {
    const { env, ScriptApp } = run();
    const id = env.state.spreadsheet.id;
    const onEdit = ScriptApp.newTrigger('onEditInstalled').forSpreadsheet(spreadsheetOf(id)).onEdit().create();
    const onOpen = ScriptApp.newTrigger('onOpenInstalled').forSpreadsheet(id).onOpen().create();
    expect(onEdit.getEventType()).toBe(ScriptApp.EventType.ON_EDIT);
    expect(onOpen.getEventType()).toBe('ON_OPEN');
    expect(onEdit.getTriggerSource()).toBe(ScriptApp.TriggerSource.SPREADSHEETS);
    expect(onEdit.getTriggerSourceId()).toBe(id);
    expect(ScriptApp.getUserTriggers(spreadsheetOf(id)).map((t) => t.getHandlerFunction())).toEqual([
      'onEditInstalled',
      'onOpenInstalled',
    ]);
  });

  test('an add-on has one trigger of each type per user per document, with the Apps Script error', () => {
    const state = createEmulatorState({ now: MONDAY_10_MSK });
    const { ScriptApp } = run({ state });
    ScriptApp.newTrigger('runHourly').timeBased().everyHours(1).create();
    ScriptApp.newTrigger('onEditInstalled').forSpreadsheet(state.spreadsheet.id).onEdit().create();
    ScriptApp.newTrigger('onOpenInstalled').forSpreadsheet(state.spreadsheet.id).onOpen().create();
    expect(() => ScriptApp.newTrigger('runDaily').timeBased().everyDays(1).atHour(7).create()).toThrow(ADDON_ONE_CLOCK);
    expect(() => ScriptApp.newTrigger('other').forSpreadsheet(state.spreadsheet.id).onEdit().create()).toThrow(
      /^This add-on has created too many edit triggers in this document/,
    );
    // Another user of the same document has their own allowance.
    const colleague = run({ state, id: 2, user: { email: 'agent@example.com' } });
    expect(() => colleague.ScriptApp.newTrigger('runHourly').timeBased().everyHours(1).create()).not.toThrow();
    expect(state.triggers).toHaveLength(4);
  });

  test('an add-on time trigger runs at most hourly: everyMinutes is refused at create()', () => {
    const { ScriptApp } = run({ config: { isAddon: true, buildDir: '/nonexistent-build' } });
    expect(() => ScriptApp.newTrigger('poll').timeBased().everyMinutes(30).create()).toThrow(
      'Add-ons may not create time-based triggers to run more frequently than once per hour.',
    );
    expect(() => ScriptApp.newTrigger('poll').timeBased().everyHours(1).create()).not.toThrow();
    const project = run({ config: { isAddon: false, buildDir: '/nonexistent-build' } });
    expect(() => project.ScriptApp.newTrigger('poll').timeBased().everyMinutes(30).create()).not.toThrow();
  });

  test('only the documented intervals are accepted', () => {
    const { ScriptApp } = run();
    const clock = () => ScriptApp.newTrigger('f').timeBased();
    expect(() => clock().everyMinutes(7)).toThrow(
      'The value you passed to everyMinutes was invalid. It must be one of 1, 5, 10, 15 or 30.',
    );
    expect(() => clock().everyHours(3)).toThrow(/^The value you passed to everyHours was invalid/);
    expect(() => clock().atHour(24)).toThrow(/atHour/);
    expect(() => clock().nearMinute(60)).toThrow(/nearMinute/);
    expect(() => clock().everyHours(2).atHour(5).create()).toThrow(/daily, weekly or monthly/);
    expect(() => clock().create()).toThrow(/no frequency/);
  });

  test('getProjectTriggers lists the current user’s triggers; deleteTrigger removes one', () => {
    const state = createEmulatorState({ now: MONDAY_10_MSK });
    const lead = run({ state, config: { isAddon: false, buildDir: '/nonexistent-build' } });
    lead.ScriptApp.newTrigger('runHourly').timeBased().everyHours(1).create();
    lead.ScriptApp.newTrigger('runDaily').timeBased().everyDays(1).atHour(7).create();
    run({ state, id: 2, user: { email: 'agent@example.com' } })
      .ScriptApp.newTrigger('mine')
      .timeBased()
      .everyHours(1)
      .create();
    const triggers = lead.ScriptApp.getProjectTriggers();
    expect(triggers.map((t) => t.getHandlerFunction())).toEqual(['runHourly', 'runDaily']);
    lead.ScriptApp.deleteTrigger(triggers[0]!);
    lead.ScriptApp.deleteTrigger(triggers[0]!);
    expect(state.triggers.map((t) => t.handlerFunction)).toEqual(['runDaily', 'mine']);
  });

  test('a user has at most 20 triggers in a project', () => {
    const { ScriptApp } = run({ config: { isAddon: false, buildDir: '/nonexistent-build' } });
    for (let i = 0; i < 20; i++) ScriptApp.newTrigger(`f${i}`).timeBased().everyHours(1).create();
    expect(() => ScriptApp.newTrigger('f20').timeBased().everyHours(1).create()).toThrow(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
  });

  test('after(ms) and at(date) fire once; a date in the past fires at once', () => {
    const { env, ScriptApp } = run();
    ScriptApp.newTrigger('later').timeBased().after(90_000).create();
    const [after] = env.state.triggers;
    expect(after!.nextRunAt).toBe(MONDAY_10_MSK + 90_000);
    expect(nextRunAfter(after!.clock!, after!.nextRunAt!, 'Europe/Moscow')).toBeNull();
    const at = { kind: 'at', at: MONDAY_10_MSK + HOUR } as const;
    expect(firstRunAt(at, MONDAY_10_MSK, 'UTC')).toBe(MONDAY_10_MSK + HOUR);
    expect(firstRunAt(at, MONDAY_10_MSK + DAY, 'UTC')).toBe(MONDAY_10_MSK + DAY);
    expect(nextRunAfter(at, MONDAY_10_MSK + HOUR, 'UTC')).toBeNull();
  });

  test('inTimezone overrides the script time zone for atHour', () => {
    const { env, ScriptApp } = run({ config: { isAddon: false, buildDir: '/nonexistent-build' } });
    ScriptApp.newTrigger('f').timeBased().inTimezone('America/New_York').everyDays(1).atHour(9).create();
    expect(env.state.triggers[0]!.nextRunAt).toBe(Date.UTC(2026, 10, 23, 14, 0));
    expect(() => ScriptApp.newTrigger('f').timeBased().inTimezone('Mars/Olympus')).toThrow(/timeZone/);
  });

  test('creating and listing triggers needs AuthMode.FULL and the script.scriptapp scope', () => {
    const noScope = run({ scopes: ALL_SCOPES_FOR_TESTS.filter((s) => !s.endsWith('script.scriptapp')) });
    expect(() => noScope.ScriptApp.newTrigger('f')).toThrow(
      'Specified permissions are not sufficient to call ScriptApp.newTrigger. Required permissions: https://www.googleapis.com/auth/script.scriptapp',
    );
    expect(() => run({ authMode: 'LIMITED' }).ScriptApp.getProjectTriggers()).toThrow(/AuthMode\.LIMITED/);
  });

  test('enums print as their names; an unmodeled member throws an error naming it', () => {
    const { ScriptApp } = run();
    expect(String(ScriptApp.AuthMode.FULL)).toBe('FULL');
    expect(ScriptApp.WeekDay.MONDAY).toBe('MONDAY');
    expect(ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL).getAuthorizationStatus()).toBe(
      ScriptApp.AuthorizationStatus.NOT_REQUIRED,
    );
    expect(() => ScriptApp.getService()).toThrow(NotModeledError);
    expect(() => ScriptApp.getService()).toThrow(/Script\.ScriptApp\.getService is not modeled/);
    expect(() => ScriptApp.newTrigger('f').forDocument('doc-id')).toThrow(/forDocument is not modeled/);
  });
});

describe('nextRunAfter: deterministic fire times on the wall clock of the trigger’s zone', () => {
  const next = (schedule: ClockSchedule, after: number, zone: string) => nextRunAfter(schedule, after, zone);

  test('everyMinutes and everyHours fire on a grid that starts at midnight', () => {
    const at1007 = Date.UTC(2026, 10, 23, 7, 7);
    expect(next({ kind: 'everyMinutes', minutes: 15 }, at1007, 'Europe/Moscow')).toBe(Date.UTC(2026, 10, 23, 7, 15));
    expect(next({ kind: 'everyHours', hours: 1 }, at1007, 'Europe/Moscow')).toBe(Date.UTC(2026, 10, 23, 8, 0));
    // 10:07 Moscow → 12:00 Moscow, the next multiple of 4 hours since midnight.
    expect(next({ kind: 'everyHours', hours: 4 }, at1007, 'Europe/Moscow')).toBe(Date.UTC(2026, 10, 23, 9, 0));
    // Exactly on a run time, the next one is the one after.
    expect(next({ kind: 'everyHours', hours: 1 }, Date.UTC(2026, 10, 23, 8, 0), 'Europe/Moscow')).toBe(
      Date.UTC(2026, 10, 23, 9, 0),
    );
    // Kathmandu is UTC+05:45: its top of the hour is at :15 UTC.
    expect(next({ kind: 'everyHours', hours: 1 }, Date.UTC(2026, 10, 23, 7, 0), 'Asia/Kathmandu')).toBe(
      Date.UTC(2026, 10, 23, 7, 15),
    );
  });

  test('a daily run crosses days, weeks and months in Moscow (no DST)', () => {
    const daily9 = { kind: 'everyDays', days: 1, atHour: 9 } as const;
    expect(next(daily9, MONDAY_10_MSK, 'Europe/Moscow')).toBe(Date.UTC(2026, 10, 24, 6, 0));
    expect(next(daily9, Date.UTC(2026, 11, 31, 12, 0), 'Europe/Moscow')).toBe(Date.UTC(2027, 0, 1, 6, 0));
    // 29 March 2026 is the European DST change; Moscow does not move, so runs stay 24 h apart.
    const before = next(daily9, Date.UTC(2026, 2, 28, 7, 0), 'Europe/Moscow')!;
    expect(next(daily9, before, 'Europe/Moscow')! - before).toBe(DAY);
    const everyThird = { kind: 'everyDays', days: 3, atHour: 0 } as const;
    const first = next(everyThird, MONDAY_10_MSK, 'Europe/Moscow')!;
    expect(next(everyThird, first, 'Europe/Moscow')! - first).toBe(3 * DAY);
  });

  test('New York in March: the run after the spring-forward night comes 23 hours later', () => {
    const daily9 = { kind: 'everyDays', days: 1, atHour: 9 } as const;
    const saturday = Date.UTC(2026, 2, 7, 14, 0); // 09:00 EST
    const sunday = next(daily9, saturday, 'America/New_York')!;
    expect(sunday).toBe(Date.UTC(2026, 2, 8, 13, 0)); // 09:00 EDT
    expect(sunday - saturday).toBe(23 * HOUR);
    // 02:00 does not exist that night: the run moves past the gap to 03:00 EDT.
    expect(next({ kind: 'everyDays', days: 1, atHour: 2 }, saturday, 'America/New_York')).toBe(
      Date.UTC(2026, 2, 8, 7, 0),
    );
    // The 6-hour grid is on the wall clock: 00:00 EST, then 06:00 EDT only 5 real hours later.
    expect(next({ kind: 'everyHours', hours: 6 }, Date.UTC(2026, 2, 8, 5, 0), 'America/New_York')).toBe(
      Date.UTC(2026, 2, 8, 10, 0),
    );
  });

  test('New York in November: the fall-back day is 25 hours and 01:30 means its first occurrence', () => {
    const daily9 = { kind: 'everyDays', days: 1, atHour: 9 } as const;
    const saturday = Date.UTC(2026, 9, 31, 13, 0); // 09:00 EDT
    expect(next(daily9, saturday, 'America/New_York')! - saturday).toBe(25 * HOUR);
    expect(next({ kind: 'everyDays', days: 1, atHour: 1, nearMinute: 30 }, saturday, 'America/New_York')).toBe(
      Date.UTC(2026, 10, 1, 5, 30), // 01:30 EDT, not 01:30 EST an hour later
    );
  });

  test('weekly on a weekday, every n weeks; monthly on a day, skipping months without it', () => {
    const mondays9 = { kind: 'everyWeeks', weeks: 1, onWeekDay: 'MONDAY', atHour: 9 } as const;
    expect(next(mondays9, MONDAY_10_MSK, 'Europe/Moscow')).toBe(Date.UTC(2026, 10, 30, 6, 0));
    const friday = next({ ...mondays9, onWeekDay: 'FRIDAY' }, MONDAY_10_MSK, 'Europe/Moscow')!;
    expect(new Date(friday).toISOString()).toBe('2026-11-27T06:00:00.000Z');
    const fortnightly = { ...mondays9, weeks: 2 };
    const firstRun = next(fortnightly, MONDAY_10_MSK, 'Europe/Moscow')!;
    expect(next(fortnightly, firstRun, 'Europe/Moscow')! - firstRun).toBe(14 * DAY);
    const on31st = { kind: 'onMonthDay', day: 31, atHour: 8 } as const;
    expect(next(on31st, MONDAY_10_MSK, 'Europe/Moscow')).toBe(Date.UTC(2026, 11, 31, 5, 0));
    expect(next(on31st, Date.UTC(2027, 0, 31, 6, 0), 'Europe/Moscow')).toBe(Date.UTC(2027, 2, 31, 5, 0));
  });
});
