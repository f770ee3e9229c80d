import fc from 'fast-check';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  calendarCacheStats,
  calendarProblems,
  clearCalendarCache,
  DAY_CACHE_LIMIT,
  defaultCalendar,
  isOpenAt,
  nextOpenMoment,
  type BusinessCalendar,
} from '../../src/domain/calendar';
import { t } from '../../src/domain/i18n';
import { instantOf, wallTime } from '../../src/domain/zoned-time';

const MSK = 'Europe/Moscow';
const moscow = defaultCalendar(MSK);
/** An instant from a Moscow wall time (UTC+3, no DST since 2014). */
const msk = (iso: string) => Date.parse(`${iso}+03:00`);
const iso = (ms: number) => new Date(ms).toISOString();

describe('the default business calendar (Moscow)', () => {
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
  test('names each problem with a message key and the field it is about', () => {
    const bad: BusinessCalendar = {
      timeZone: 'Mars/Olympus',
      hours: [null, { open: 600, close: 540 }, null, null, null, null, null],
      holidays: ['01-01', '2026-13-01', '2027-03-08', '31-12'],
    };
    expect(calendarProblems(bad)).toEqual([
      { field: 'calendar.timeZone', key: 'calendar.timeZone', params: { value: 'Mars/Olympus' } },
      { field: 'calendar.hours.1', key: 'calendar.hours' },
      { field: 'calendar.holidays.1', key: 'calendar.holiday', params: { value: '2026-13-01' } },
      { field: 'calendar.holidays.3', key: 'calendar.holiday', params: { value: '31-12' } },
    ]);
    expect(calendarProblems({ ...moscow, hours: [null, null, null, null, null, null, null] })).toEqual([
      { field: 'calendar.hours', key: 'calendar.noOpenDay' },
    ]);
    expect(calendarProblems({ ...moscow, hours: moscow.hours.slice(1) }).map((p) => p.key)).toEqual([
      'calendar.weekdays',
    ]);
  });

  test('each problem reads in the language of the catalog, with no English inside Russian', () => {
    const bad: BusinessCalendar = {
      timeZone: 'Mars/Olympus',
      hours: [null, { open: 600, close: 540 }, null, null, null, null, null],
      holidays: ['2026-13-01'],
    };
    const ru = calendarProblems(bad).map((p) => t('ru', p.key, p.params));
    expect(ru).toEqual([
      'Неизвестный часовой пояс «Mars/Olympus» (нужен пояс IANA, например Europe/Moscow).',
      'Часы работы: открытие должно быть раньше закрытия, в пределах суток (00:00–24:00).',
      'Нерабочий день «2026-13-01» — не дата ГГГГ-ММ-ДД или ММ-ДД.',
    ]);
    expect(calendarProblems(bad).map((p) => t('en', p.key, p.params))[2]).toBe(
      'Closed day “2026-13-01” is not a date YYYY-MM-DD or MM-DD.',
    );
  });
});

describe('the per-day cache', () => {
  const DAY = 86_400_000;
  const now = msk('2026-11-25T15:00:00');
  /** 300 open cases registered 90 days ago, a few minutes apart, as a case list measures them. */
  const cases = Array.from({ length: 300 }, (_, i) => now - 90 * DAY - i * 7 * 60_000);

  function listCases(cal: BusinessCalendar) {
    return cases.map((created) => [
      businessMinutesBetween(cal, created, now),
      addBusinessMinutes(cal, created, 2400),
      isOpenAt(cal, created),
    ]);
  }

  test('300 spans of 90 days read each local day from Intl once', () => {
    clearCalendarCache();
    const formatToParts = jest.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
    try {
      listCases(moscow);
      // One reading for the start of each of the 900 calls; each local day (about 92 of them)
      // costs at most 6 readings (two edges, up to 3 readings each). Uncached: over 100,000.
      expect(formatToParts.mock.calls.length).toBeLessThanOrEqual(900 + 95 * 6);
      const { misses, hits } = calendarCacheStats();
      expect(misses).toBeLessThanOrEqual(95);
      expect(hits).toBeGreaterThan(300 * 90);
      // A second listing reads no day again.
      formatToParts.mockClear();
      listCases(moscow);
      expect(formatToParts.mock.calls.length).toBe(900);
      expect(calendarCacheStats().misses).toBe(misses);
    } finally {
      formatToParts.mockRestore();
    }
  });

  test('cached results are the results computed from scratch', () => {
    clearCalendarCache();
    const sample = cases.filter((_, i) => i % 15 === 0);
    const listSample = () =>
      sample.map((created) => [
        businessMinutesBetween(moscow, created, now),
        addBusinessMinutes(moscow, created, 2400),
        isOpenAt(moscow, created),
      ]);
    const warm = listSample();
    listCases(moscow);
    const cold = sample.map((created) => {
      clearCalendarCache();
      const between = businessMinutesBetween(moscow, created, now);
      clearCalendarCache();
      const due = addBusinessMinutes(moscow, created, 2400);
      clearCalendarCache();
      return [between, due, isOpenAt(moscow, created)];
    });
    listCases(moscow);
    expect(listSample()).toEqual(cold);
    expect(warm).toEqual(cold);
  });

  test('an edited calendar never reads the days of the old one', () => {
    clearCalendarCache();
    const monday = msk('2026-11-23T12:00:00');
    expect(isOpenAt(moscow, monday)).toBe(true);
    expect(isOpenAt({ ...moscow, holidays: ['01-01', '2026-11-23'] }, monday)).toBe(false);
    expect(isOpenAt({ ...moscow, timeZone: 'America/New_York' }, monday)).toBe(false); // 04:00 there
    // Even an hours object changed in place is a different calendar.
    const edited: BusinessCalendar = JSON.parse(JSON.stringify(moscow)) as BusinessCalendar;
    expect(isOpenAt(edited, monday)).toBe(true);
    (edited.hours[1] as { open: number }).open = 13 * 60;
    expect(isOpenAt(edited, monday)).toBe(false);
    expect(isOpenAt(moscow, monday)).toBe(true);
  });

  test('the cache stays bounded', () => {
    clearCalendarCache();
    // Fifteen years of days: more than the limit.
    const minutes = businessMinutesBetween(moscow, msk('2026-01-01T00:00:00'), msk('2041-01-01T00:00:00'));
    expect(minutes).toBeGreaterThan(0);
    expect(calendarCacheStats().size).toBeLessThanOrEqual(DAY_CACHE_LIMIT);
    expect(calendarCacheStats().misses).toBeGreaterThan(DAY_CACHE_LIMIT);
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
