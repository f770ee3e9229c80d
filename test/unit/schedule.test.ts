/**
 * The jobs' periods (src/domain/schedule.ts): which period of each job is due, and that a trigger
 * firing at any times — late, twice, or not for days, across DST changes — runs each daily and
 * weekly period at most once, in order, and never before its moment.
 */
import fc from 'fast-check';
import {
  duePeriods,
  latestDuePeriod,
  periodDueAt,
  type CompletedPeriods,
  type ScheduleSettings,
} from '../../src/domain/schedule';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Zones whose clocks change (Berlin, New York, Santiago, Lord Howe by half an hour, Havana at
// midnight) and two that do not.
const ZONES = [
  'Europe/Moscow',
  'Asia/Almaty',
  'Europe/Berlin',
  'America/New_York',
  'America/Santiago',
  'Australia/Lord_Howe',
  'America/Havana',
];

const settings = fc.record({
  timeZone: fc.constantFrom(...ZONES),
  digestHour: fc.integer({ min: 0, max: 23 }),
});
/** 2024–2028, so every DST change of those years is in range. */
const instant = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2028, 11, 31) });

describe('the latest due period', () => {
  const moscow9: ScheduleSettings = { timeZone: 'Europe/Moscow', digestHour: 9 };

  test('daily: today from the digest hour on, yesterday before it', () => {
    expect(latestDuePeriod('daily', Date.parse('2026-11-24T05:59:59Z'), moscow9)).toBe('2026-11-23');
    expect(latestDuePeriod('daily', Date.parse('2026-11-24T06:00:00Z'), moscow9)).toBe('2026-11-24');
  });

  test('weekly: this week from Monday at the digest hour on, last week before it', () => {
    expect(latestDuePeriod('weekly', Date.parse('2026-11-30T05:59:59Z'), moscow9)).toBe('2026-W48');
    expect(latestDuePeriod('weekly', Date.parse('2026-11-30T06:00:00Z'), moscow9)).toBe('2026-W49');
    expect(latestDuePeriod('weekly', Date.parse('2026-12-02T12:00:00Z'), moscow9)).toBe('2026-W49');
  });

  test('its moment has come, and the next period’s has not (any zone, any digest hour, DST days)', () => {
    fc.assert(
      fc.property(settings, instant, (s, now) => {
        for (const job of ['daily', 'weekly'] as const) {
          const period = latestDuePeriod(job, now, s);
          const dueAt = periodDueAt(job, period, s);
          expect(dueAt).toBeLessThanOrEqual(now);
          // The next period is at least 23 hours (a short day) later, and not yet due.
          const span = job === 'daily' ? DAY : 7 * DAY;
          expect(latestDuePeriod(job, dueAt + span + 2 * HOUR, s)).not.toBe(period);
          expect(latestDuePeriod(job, dueAt - 1, s)).not.toBe(period);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('a weekly period comes due on a Monday', () => {
    fc.assert(
      fc.property(settings, instant, (s, now) => {
        const dueAt = periodDueAt('weekly', latestDuePeriod('weekly', now, s), s);
        const weekday = new Intl.DateTimeFormat('en-US', { timeZone: s.timeZone, weekday: 'short' }).format(dueAt);
        expect(weekday).toBe('Mon');
      }),
      { numRuns: 200 },
    );
  });
});

describe('firings at any times run each day and week once', () => {
  /** Runs the dispatcher's bookkeeping over `firings`: what each job ran, in order. */
  function simulate(s: ScheduleSettings, firings: number[], fails = new Set<number>()): Record<string, string[]> {
    const completed: CompletedPeriods = {};
    const ran: Record<string, string[]> = { hourly: [], daily: [], weekly: [] };
    firings.forEach((at, i) => {
      for (const { job, period } of duePeriods(at, s, completed)) {
        ran[job]!.push(period);
        if (!fails.has(i)) completed[job] = period;
      }
    });
    return ran;
  }

  const firings = fc
    .array(fc.integer({ min: 0, max: 40 * DAY }), { minLength: 1, maxLength: 120 })
    .map((offsets) => offsets.sort((a, b) => a - b));

  test('the hourly job runs at every firing; daily and weekly once per period, in order', () => {
    fc.assert(
      fc.property(settings, instant, firings, (s, start, offsets) => {
        const times = offsets.map((o) => start + o);
        const ran = simulate(s, times);
        expect(ran.hourly).toHaveLength(times.length);
        for (const job of ['daily', 'weekly'] as const) {
          const periods = ran[job]!;
          expect(new Set(periods).size).toBe(periods.length);
          expect([...periods].sort()).toEqual(periods);
          // One run per distinct latest-due period among the firings: a missed period is caught up
          // once (the latest), never replayed.
          expect(periods).toEqual([...new Set(times.map((t) => latestDuePeriod(job, t, s)))]);
        }
      }),
      { numRuns: 200 },
    );
  });

  test('a firing twice in an hour runs the hourly job twice and the daily job once', () => {
    const s: ScheduleSettings = { timeZone: 'Europe/Moscow', digestHour: 9 };
    const at = Date.parse('2026-11-24T06:05:00Z');
    expect(simulate(s, [at, at + 20 * 60_000])).toEqual({
      hourly: ['2026-11-24T09', '2026-11-24T09'],
      daily: ['2026-11-24'],
      weekly: ['2026-W48'],
    });
  });

  test('a period that failed runs again at the next firing, for the same period', () => {
    const s: ScheduleSettings = { timeZone: 'Europe/Moscow', digestHour: 9 };
    const at = Date.parse('2026-11-24T06:05:00Z');
    const ran = simulate(s, [at, at + HOUR, at + 2 * HOUR], new Set([0]));
    expect(ran.daily).toEqual(['2026-11-24', '2026-11-24']);
  });

  test('a missed Monday runs at the next firing; a skipped day catches up once', () => {
    const s: ScheduleSettings = { timeZone: 'Europe/Moscow', digestHour: 9 };
    const completed: CompletedPeriods = { daily: '2026-11-28', weekly: '2026-W48' };
    // No firing from Saturday until Tuesday 12:00.
    expect(duePeriods(Date.parse('2026-12-01T09:00:00Z'), s, completed)).toEqual([
      { job: 'hourly', period: '2026-12-01T12' },
      { job: 'daily', period: '2026-12-01' },
      { job: 'weekly', period: '2026-W49' },
    ]);
  });
});
