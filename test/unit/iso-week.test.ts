/**
 * ISO weeks: known dates at year boundaries, which years have 53 weeks, and properties over any
 * instant in zones with DST changes (each moment in exactly one week; weeks start on Mondays at
 * local midnight and follow each other without gap or overlap).
 */
import fc from 'fast-check';
import {
  isoWeekAt,
  isoWeekOfDate,
  mondayOf,
  nextWeek,
  parseWeekLabel,
  previousWeek,
  weekEndedBefore,
  weekLabel,
  weekPeriod,
  weeksInYear,
} from '../../src/domain/iso-week';
import { localText, localWeekday } from '../support/local-time';

const ZONES = [
  'Europe/Moscow',
  'Asia/Almaty',
  'Europe/Berlin',
  'America/New_York',
  'America/Havana',
  'Australia/Lord_Howe',
  'America/Santiago',
];

/** 'YYYY-MM-DD HH:mm' and the weekday in the zone, read with the tests' own formatters. */
function local(ms: number, timeZone: string): { text: string; weekday: string } {
  return { text: localText(ms, timeZone).slice(0, 16), weekday: localWeekday(ms, timeZone) };
}

describe('ISO weeks of dates', () => {
  test.each([
    // [date, week] — the Thursday decides the year.
    ['2026-01-01', '2026-W01'], // a Thursday: 2026 starts in week 1
    ['2025-12-29', '2026-W01'], // Monday of 2026-W01
    ['2025-12-28', '2025-W52'],
    ['2026-12-28', '2026-W53'], // 2026 starts on a Thursday: 53 weeks
    ['2027-01-03', '2026-W53'], // the Sunday of 2026-W53
    ['2027-01-04', '2027-W01'],
    ['2021-01-03', '2020-W53'], // 2020: a leap year starting on a Wednesday
    ['2024-12-30', '2025-W01'],
    ['2026-11-23', '2026-W48'],
    ['2026-11-29', '2026-W48'],
    ['2026-11-30', '2026-W49'],
  ])('%s is in %s', (date, label) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    expect(weekLabel(isoWeekOfDate(y, m, d))).toBe(label);
  });

  test('years with 53 weeks are those starting on a Thursday, or leap years starting on a Wednesday', () => {
    const long = [];
    for (let year = 2000; year <= 2040; year++) if (weeksInYear(year) === 53) long.push(year);
    expect(long).toEqual([2004, 2009, 2015, 2020, 2026, 2032, 2037]);
  });

  test('labels parse back, and a week that does not exist is refused', () => {
    expect(parseWeekLabel('2026-W53')).toEqual({ year: 2026, week: 53 });
    expect(parseWeekLabel('2025-W53')).toBeNull();
    expect(parseWeekLabel('2026-W00')).toBeNull();
    expect(parseWeekLabel('2026-53')).toBeNull();
  });

  test('the week before 2027-W01 is 2026-W53, and the one after it is 2027-W01', () => {
    expect(previousWeek({ year: 2027, week: 1 })).toEqual({ year: 2026, week: 53 });
    expect(nextWeek({ year: 2026, week: 53 })).toEqual({ year: 2027, week: 1 });
    expect(previousWeek({ year: 2026, week: 1 })).toEqual({ year: 2025, week: 52 });
  });
});

describe('weeks in a time zone', () => {
  test('2026-W48 in Moscow: Monday 23 November 00:00 to Monday 30 November 00:00', () => {
    const p = weekPeriod({ year: 2026, week: 48 }, 'Europe/Moscow');
    expect(p).toMatchObject({ label: '2026-W48', firstDay: '2026-11-23', lastDay: '2026-11-29' });
    expect(new Date(p.start).toISOString()).toBe('2026-11-22T21:00:00.000Z');
    expect(new Date(p.end).toISOString()).toBe('2026-11-29T21:00:00.000Z');
  });

  test('a week with a DST change is 167 or 169 hours long, and still starts at local midnight', () => {
    const spring = weekPeriod({ year: 2026, week: 13 }, 'Europe/Berlin'); // clocks go forward 29 March
    expect((spring.end - spring.start) / 3_600_000).toBe(167);
    expect(local(spring.start, 'Europe/Berlin').text).toBe('2026-03-23 00:00');
    const autumn = weekPeriod({ year: 2026, week: 43 }, 'Europe/Berlin'); // back on Sunday 25 October
    expect((autumn.end - autumn.start) / 3_600_000).toBe(169);
  });

  test('the week ended before a Monday morning is the previous one; on Sunday night it is the one before that', () => {
    const monday = Date.parse('2026-11-30T09:00:00+03:00');
    expect(weekEndedBefore(monday, 'Europe/Moscow').label).toBe('2026-W48');
    const sunday = Date.parse('2026-11-29T23:59:00+03:00');
    expect(weekEndedBefore(sunday, 'Europe/Moscow').label).toBe('2026-W47');
  });

  const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) });
  const zone = fc.constantFrom(...ZONES);

  test('every moment belongs to exactly one week: its own, between its start and end', () => {
    fc.assert(
      fc.property(instant, zone, (ms, timeZone) => {
        const week = isoWeekAt(ms, timeZone);
        const p = weekPeriod(week, timeZone);
        expect(p.start).toBeLessThanOrEqual(ms);
        expect(ms).toBeLessThan(p.end);
        // Neither neighbour holds it.
        expect(weekPeriod(previousWeek(week), timeZone).end).toBe(p.start);
        expect(weekPeriod(nextWeek(week), timeZone).start).toBe(p.end);
      }),
      { numRuns: 300 },
    );
  });

  test('weeks start on a Monday, at the day’s first instant, and last 7 days give or take a DST hour', () => {
    fc.assert(
      fc.property(instant, zone, (ms, timeZone) => {
        const p = weekPeriod(isoWeekAt(ms, timeZone), timeZone);
        expect(local(p.start, timeZone).weekday).toBe('Mon');
        expect(local(p.start, timeZone).text.slice(0, 10)).toBe(p.firstDay);
        expect(local(p.start - 1, timeZone).weekday).toBe('Sun');
        expect(Math.abs(p.end - p.start - 7 * 86_400_000)).toBeLessThanOrEqual(3_600_000);
      }),
      { numRuns: 300 },
    );
  });

  test('a label and its week go both ways, and the Monday of a week is in that week', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2060 }), fc.integer({ min: 1, max: 53 }), (year, n) => {
        const week = { year, week: Math.min(n, weeksInYear(year)) };
        expect(parseWeekLabel(weekLabel(week))).toEqual(week);
        expect(isoWeekOfDate(...mondayOf(week))).toEqual(week);
        expect(previousWeek(nextWeek(week))).toEqual(week);
      }),
    );
  });
});
