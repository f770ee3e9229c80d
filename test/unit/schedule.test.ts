/**
 * The jobs' periods (src/domain/schedule.ts): which period of each job is due, and that a trigger
 * firing at any times — late, twice, or not for days, across DST changes and year ends — runs each
 * daily, weekly and monthly period at most once, in order, and never before its moment.
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

  test('monthly: this month from day 1 at the digest hour on, last month before it; January back to December', () => {
    expect(latestDuePeriod('monthly', Date.parse('2026-12-01T05:59:59Z'), moscow9)).toBe('2026-11');
    expect(latestDuePeriod('monthly', Date.parse('2026-12-01T06:00:00Z'), moscow9)).toBe('2026-12');
    expect(latestDuePeriod('monthly', Date.parse('2026-12-31T20:59:59Z'), moscow9)).toBe('2026-12');
    expect(latestDuePeriod('monthly', Date.parse('2027-01-01T05:59:59Z'), moscow9)).toBe('2026-12');
    expect(latestDuePeriod('monthly', Date.parse('2027-01-01T06:00:00Z'), moscow9)).toBe('2027-01');
    expect(periodDueAt('monthly', '2027-01', moscow9)).toBe(Date.parse('2027-01-01T06:00:00Z'));
  });

  test('monthly across a DST change: day 1 at the digest hour of local time, whatever the offset', () => {
    const berlin8: ScheduleSettings = { timeZone: 'Europe/Berlin', digestHour: 8 };
    // 1 April 2026 is summer time (UTC+2), 1 November winter time (UTC+1).
    expect(periodDueAt('monthly', '2026-04', berlin8)).toBe(Date.parse('2026-04-01T06:00:00Z'));
    expect(periodDueAt('monthly', '2026-11', berlin8)).toBe(Date.parse('2026-11-01T07:00:00Z'));
    expect(latestDuePeriod('monthly', Date.parse('2026-11-01T06:59:59Z'), berlin8)).toBe('2026-10');
    expect(latestDuePeriod('monthly', Date.parse('2026-11-01T07:00:00Z'), berlin8)).toBe('2026-11');
  });

  test('its moment has come, and the next period’s has not (any zone, any digest hour, DST days)', () => {
    fc.assert(
      fc.property(settings, instant, (s, now) => {
        for (const job of ['daily', 'weekly', 'monthly'] as const) {
          const period = latestDuePeriod(job, now, s);
          const dueAt = periodDueAt(job, period, s);
          expect(dueAt).toBeLessThanOrEqual(now);
          // The next period is at least 23 hours (a short day) later, and not yet due.
          const span = job === 'daily' ? DAY : job === 'weekly' ? 7 * DAY : 31 * DAY;
          expect(latestDuePeriod(job, dueAt + span + 2 * HOUR, s)).not.toBe(period);
          expect(latestDuePeriod(job, dueAt - 1, s)).not.toBe(period);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('a monthly period comes due on day 1 of its own month, at the digest hour', () => {
    fc.assert(
      fc.property(settings, instant, (s, now) => {
        const period = latestDuePeriod('monthly', now, s);
        const dueAt = periodDueAt('monthly', period, s);
        const local = new Intl.DateTimeFormat('en-CA', {
          timeZone: s.timeZone,
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
        }).format(dueAt);
        expect(local).toBe(`${period}-01`);
        // Less than 32 days before now: the latest month, not an older one.
        expect(now - dueAt).toBeLessThan(32 * DAY);
      }),
      { numRuns: 200 },
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
    const ran: Record<string, string[]> = { hourly: [], daily: [], weekly: [], monthly: [] };
    firings.forEach((at, i) => {
      for (const { job, period } of duePeriods(at, s, completed)) {
        ran[job]!.push(period);
        if (!fails.has(i)) completed[job] = period;
      }
    });
    return ran;
  }

  const firings = fc
    .array(fc.integer({ min: 0, max: 100 * DAY }), { minLength: 1, maxLength: 120 })
    .map((offsets) => offsets.sort((a, b) => a - b));

  test('the hourly job runs at every firing; daily, weekly and monthly once per period, in order', () => {
    fc.assert(
      fc.property(settings, instant, firings, (s, start, offsets) => {
        const times = offsets.map((o) => start + o);
        const ran = simulate(s, times);
        expect(ran.hourly).toHaveLength(times.length);
        for (const job of ['daily', 'weekly', 'monthly'] as const) {
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
      monthly: ['2026-11'],
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
    const completed: CompletedPeriods = { daily: '2026-11-28', weekly: '2026-W48', monthly: '2026-11' };
    // No firing from Saturday until Tuesday 12:00: the month's day 1 (Tuesday) is caught up too.
    expect(duePeriods(Date.parse('2026-12-01T09:00:00Z'), s, completed)).toEqual([
      { job: 'hourly', period: '2026-12-01T12' },
      { job: 'daily', period: '2026-12-01' },
      { job: 'weekly', period: '2026-W49' },
      { job: 'monthly', period: '2026-12' },
    ]);
  });

  test('months missed over a year end catch up once, for the latest month only', () => {
    const s: ScheduleSettings = { timeZone: 'Asia/Almaty', digestHour: 9 };
    const completed: CompletedPeriods = { daily: '2026-11-30', weekly: '2026-W49', monthly: '2026-11' };
    // No firing from 30 November until 3 January: December's and January's day 1 both passed.
    const due = duePeriods(Date.parse('2027-01-03T10:00:00Z'), s, completed);
    expect(due.filter((d) => d.job === 'monthly')).toEqual([{ job: 'monthly', period: '2027-01' }]);
    // Done for January, nothing more until 1 February at 09:00 in Almaty (04:00 UTC, UTC+5).
    const done = { ...completed, monthly: '2027-01' };
    expect(duePeriods(Date.parse('2027-02-01T03:59:59Z'), s, done).some((d) => d.job === 'monthly')).toBe(false);
    expect(duePeriods(Date.parse('2027-02-01T04:00:00Z'), s, done).filter((d) => d.job === 'monthly')).toEqual([
      { job: 'monthly', period: '2027-02' },
    ]);
  });
});
