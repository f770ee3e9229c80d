/**
 * The end of a local calendar day, on days whose length is not 24 hours. Dates are read back with
 * Intl formatters of their own, not with zoned-time's helpers.
 */
import fc from 'fast-check';
import { endOfLocalDay, startOfLocalDay, zoneOffset } from '../../src/domain/zoned-time';
import { localText } from '../support/local-time';

const HOUR = 3_600_000;

const dateOf = (ms: number, timeZone: string): string => localText(ms, timeZone).slice(0, 10);
const timeOf = (ms: number, timeZone: string): string => localText(ms, timeZone).slice(11);

function dayAfter(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + 1)).toISOString().slice(0, 10);
}

describe('endOfLocalDay on days the clocks change', () => {
  // [zone, an instant on that day, the day's last ms as UTC, the day's length in hours]. Most
  // instants are before the change, where counting 24 hours from midnight goes wrong.
  const cases: Array<[string, string, string, number]> = [
    ['Europe/Berlin', '2026-03-29T00:30:00Z', '2026-03-29T21:59:59.999Z', 23],
    ['Europe/Berlin', '2026-03-29T08:00:00Z', '2026-03-29T21:59:59.999Z', 23],
    ['Europe/Berlin', '2026-10-25T00:30:00Z', '2026-10-25T22:59:59.999Z', 25],
    ['America/New_York', '2026-11-01T05:30:00Z', '2026-11-02T04:59:59.999Z', 25],
    ['Europe/Kyiv', '2026-03-29T00:30:00Z', '2026-03-29T20:59:59.999Z', 23],
    // Kazakhstan moved from UTC+6 to UTC+5 at midnight: 29 February 2024 lasted 25 hours.
    ['Asia/Almaty', '2024-02-29T12:00:00Z', '2024-02-29T18:59:59.999Z', 25],
    // Lord Howe Island moves its clocks by 30 minutes.
    ['Australia/Lord_Howe', '2026-04-04T14:00:00Z', '2026-04-05T13:29:59.999Z', 24.5],
    ['Australia/Lord_Howe', '2026-10-03T14:00:00Z', '2026-10-04T12:59:59.999Z', 23.5],
    // Havana skips midnight in March (00:00 → 01:00) and repeats it in November (01:00 → 00:00).
    ['America/Havana', '2026-03-07T12:00:00Z', '2026-03-08T04:59:59.999Z', 24],
    ['America/Havana', '2026-11-01T12:00:00Z', '2026-11-02T04:59:59.999Z', 25],
  ];

  test.each(cases)('%s, %s → %s', (zone, at, end, hours) => {
    const result = endOfLocalDay(Date.parse(at), zone);
    expect(new Date(result).toISOString()).toBe(end);
    const today = dateOf(Date.parse(at), zone);
    const [y, m, d] = today.split('-').map(Number);
    expect((result + 1 - startOfLocalDay(zone, y!, m!, d!)) / HOUR).toBe(hours);
  });

  test('a day whose midnight comes twice begins at the first', () => {
    // Havana, 1 November 2026: at 01:00 the clocks go back to 00:00.
    const start = startOfLocalDay('America/Havana', 2026, 11, 1);
    expect(new Date(start).toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(localText(start - 1, 'America/Havana')).toBe('2026-10-31 23:59:59');
  });

  test('a day that begins with a jump over midnight begins at the jump', () => {
    // Havana, 8 March 2026: the clocks go from 23:59:59 on the 7th to 01:00 on the 8th.
    const start = startOfLocalDay('America/Havana', 2026, 3, 8);
    expect(localText(start, 'America/Havana')).toBe('2026-03-08 01:00:00');
    expect(localText(start - 1, 'America/Havana')).toBe('2026-03-07 23:59:59');
  });
});

describe('endOfLocalDay properties', () => {
  const ZONES = [
    'Europe/Berlin',
    'America/New_York',
    'Asia/Almaty',
    'Europe/Kyiv',
    'Australia/Lord_Howe',
    'America/Havana',
    'America/Santiago',
    'Europe/Moscow',
    'UTC',
  ];

  /** Instants in 2023–2027 within 6 h after the zone's offset changed (changes are months apart). */
  function clockChanges(zone: string): number[] {
    const changes: number[] = [];
    let offset = zoneOffset(Date.UTC(2023, 0, 1), zone);
    for (let t = Date.UTC(2023, 0, 1); t < Date.UTC(2028, 0, 1); t += 6 * HOUR) {
      if (zoneOffset(t, zone) !== offset) changes.push(t);
      offset = zoneOffset(t, zone);
    }
    return changes;
  }

  const changes = ZONES.flatMap((zone) => clockChanges(zone).map((at) => ({ zone, at })));

  test('the zones do change their clocks in those years', () => {
    const zonesWithChanges = new Set(changes.map((c) => c.zone));
    expect([...zonesWithChanges].sort()).toEqual(ZONES.filter((z) => !['Europe/Moscow', 'UTC'].includes(z)).sort());
  });

  /** An instant within two days of a clock change, or anywhere in those years. */
  const instants = fc.oneof(
    fc
      .tuple(fc.constantFrom(...changes), fc.integer({ min: -48 * HOUR, max: 48 * HOUR }))
      .map(([c, delta]) => ({ zone: c.zone, at: c.at + delta })),
    fc.record({
      zone: fc.constantFrom(...ZONES),
      at: fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2028, 0, 1) }),
    }),
  );

  test('the result is the last ms of the same local date; one ms later the next date begins', () => {
    fc.assert(
      fc.property(instants, ({ zone, at }) => {
        const end = endOfLocalDay(at, zone);
        expect(end).toBeGreaterThanOrEqual(at);
        expect(dateOf(end, zone)).toBe(dateOf(at, zone));
        expect(dateOf(end + 1, zone)).toBe(dayAfter(dateOf(at, zone)));
        // At 00:00, unless the clocks jumped forward over midnight right then.
        if (zoneOffset(end + 1, zone) <= zoneOffset(end, zone)) expect(timeOf(end + 1, zone)).toBe('00:00:00');
      }),
      { numRuns: 1000 },
    );
  });
});
