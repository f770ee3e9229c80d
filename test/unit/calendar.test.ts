import fc from 'fast-check';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  calendarProblems,
  defaultCalendar,
  isOpenAt,
  nextOpenMoment,
  type BusinessCalendar,
} from '../../src/domain/calendar';
import { instantOf, wallTime } from '../../src/domain/zoned-time';

const MSK = 'Europe/Moscow';
const moscow = defaultCalendar(MSK);
/** An instant from a Moscow wall time (UTC+3, no DST since 2014). */
const msk = (iso: string) => Date.parse(`${iso}+03:00`);
const iso = (ms: number) => new Date(ms).toISOString();

describe('the seed-003 calendar (Moscow)', () => {
  test('a request at night is counted from the morning opening', () => {
    // Tuesday 2026-11-24 23:30 → opens Wednesday 09:00; 30 minutes → 09:30.
    expect(iso(addBusinessMinutes(moscow, msk('2026-11-24T23:30:00'), 30))).toBe(iso(msk('2026-11-25T09:30:00')));
  });

  test('counting crosses the evening closing into the next day', () => {
    // Monday 20:00 + 120 min: 60 min until 21:00, then 60 more from Tuesday 09:00.
    expect(iso(addBusinessMinutes(moscow, msk('2026-11-23T20:00:00'), 120))).toBe(iso(msk('2026-11-24T10:00:00')));
  });

  test('Saturday opens at 10 and closes at 19; Sunday 10 to 18', () => {
    // Friday 20:30 + 480 min: 30 on Friday, 540 available Saturday → Saturday 10:00 + 450 = 17:30.
    expect(iso(addBusinessMinutes(moscow, msk('2026-11-27T20:30:00'), 480))).toBe(iso(msk('2026-11-28T17:30:00')));
    // Saturday 18:00 + 120: 60 on Saturday, then Sunday 10:00 + 60 = 11:00.
    expect(iso(addBusinessMinutes(moscow, msk('2026-11-28T18:00:00'), 120))).toBe(iso(msk('2026-11-29T11:00:00')));
  });

  test('1 January is closed every year', () => {
    // 31 Dec 2026 is a Thursday: 20:00 + 120 → 60 that evening, 2 January (Saturday) 10:00 + 60.
    expect(iso(addBusinessMinutes(moscow, msk('2026-12-31T20:00:00'), 120))).toBe(iso(msk('2027-01-02T11:00:00')));
    expect(isOpenAt(moscow, msk('2027-01-01T12:00:00'))).toBe(false);
  });

  test('a one-off holiday closes that date only', () => {
    const withHoliday: BusinessCalendar = { ...moscow, holidays: ['01-01', '2026-11-24'] };
    expect(isOpenAt(withHoliday, msk('2026-11-24T12:00:00'))).toBe(false);
    expect(isOpenAt(withHoliday, msk('2025-11-24T12:00:00'))).toBe(true);
  });

  test('open and next opening', () => {
    expect(isOpenAt(moscow, msk('2026-11-23T09:00:00'))).toBe(true);
    expect(isOpenAt(moscow, msk('2026-11-23T21:00:00'))).toBe(false);
    expect(iso(nextOpenMoment(moscow, msk('2026-11-23T21:00:00')))).toBe(iso(msk('2026-11-24T09:00:00')));
    expect(nextOpenMoment(moscow, msk('2026-11-23T12:34:00'))).toBe(msk('2026-11-23T12:34:00'));
  });

  test('minutes between two moments count open time only', () => {
    expect(businessMinutesBetween(moscow, msk('2026-11-23T20:00:00'), msk('2026-11-24T10:00:00'))).toBe(120);
    expect(businessMinutesBetween(moscow, msk('2026-11-24T10:00:00'), msk('2026-11-23T20:00:00'))).toBe(0);
    // A whole week: 5 × 720 + 540 + 480.
    expect(businessMinutesBetween(moscow, msk('2026-11-23T00:00:00'), msk('2026-11-30T00:00:00'))).toBe(4620);
  });
});

describe('daylight saving time', () => {
  const ny = defaultCalendar('America/New_York');
  test('the spring-forward day is one hour shorter in real time, not in open minutes', () => {
    // 2026-03-08: clocks jump 02:00 → 03:00 in New York; Sunday opens 10:00–18:00 local.
    const saturdayEvening = instantOf('America/New_York', 2026, 3, 7, 18, 0);
    const due = addBusinessMinutes(ny, saturdayEvening, 120);
    // 60 min Saturday until 19:00, then Sunday 10:00 EDT + 60 = 11:00 EDT = 15:00Z.
    expect(iso(due)).toBe('2026-03-08T15:00:00.000Z');
    expect(businessMinutesBetween(ny, saturdayEvening, due)).toBe(120);
  });

  test('the fall-back day too', () => {
    const saturdayEvening = instantOf('America/New_York', 2026, 10, 31, 18, 0);
    expect(iso(addBusinessMinutes(ny, saturdayEvening, 120))).toBe('2026-11-01T16:00:00.000Z'); // 11:00 EST
  });

  test('a reading skipped by the jump maps past the jump', () => {
    expect(iso(instantOf('America/New_York', 2026, 3, 8, 2, 30))).toBe('2026-03-08T07:30:00.000Z'); // 03:30 EDT
  });
});

describe('calendar validation', () => {
  test('the default is valid', () => expect(calendarProblems(moscow)).toEqual([]));
  test('names each problem', () => {
    const bad: BusinessCalendar = {
      timeZone: 'Mars/Olympus',
      hours: [null, { open: 600, close: 540 }, null, null, null, null, null],
      holidays: ['2026-13-01'],
    };
    expect(calendarProblems(bad)).toEqual([
      'timeZone: unknown zone "Mars/Olympus"',
      'hours[1]: opening must be before closing, within the day',
      'holidays: "2026-13-01" is not YYYY-MM-DD or MM-DD',
    ]);
  });
});

describe('properties', () => {
  const zones = fc.constantFrom('Europe/Moscow', 'Asia/Almaty', 'Europe/Kyiv', 'America/New_York', 'UTC');
  const start = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) });
  const minutes = fc.integer({ min: 0, max: 5000 });

  test('adding then measuring returns the same minutes', () => {
    fc.assert(
      fc.property(zones, start, minutes, (zone, from, n) => {
        const cal = defaultCalendar(zone);
        const due = addBusinessMinutes(cal, from, n);
        expect(businessMinutesBetween(cal, from, due)).toBeCloseTo(n, 6);
      }),
      { numRuns: 150 },
    );
  });

  test('a due time never falls outside open hours', () => {
    fc.assert(
      fc.property(zones, start, fc.integer({ min: 1, max: 5000 }), (zone, from, n) => {
        const cal = defaultCalendar(zone);
        const due = addBusinessMinutes(cal, from, n);
        // Open just before the due moment (a due time may be exactly at closing).
        expect(isOpenAt(cal, due - 1)).toBe(true);
        const local = wallTime(due - 1, zone);
        expect(local.month === 1 && local.day === 1).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  test('monotonic in the start and in the minutes', () => {
    fc.assert(
      fc.property(zones, start, fc.integer({ min: 0, max: 3 * 86_400_000 }), minutes, (zone, a, gap, n) => {
        const cal = defaultCalendar(zone);
        expect(addBusinessMinutes(cal, a + gap, n)).toBeGreaterThanOrEqual(addBusinessMinutes(cal, a, n));
        expect(addBusinessMinutes(cal, a, n + 1)).toBeGreaterThan(addBusinessMinutes(cal, a, n));
      }),
      { numRuns: 150 },
    );
  });
});
