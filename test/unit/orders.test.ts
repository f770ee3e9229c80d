/**
 * The Orders tab's rows (docs/product.md, KPIs: incidents per 100 orders): weeks typed as ISO weeks
 * or as dates, counts checked, bad rows reported with their row and never used, a week given twice
 * refused, and every problem worded in both languages.
 */
import fc from 'fast-check';
import { tServer } from '../../src/domain/i18n/server';
import { parseOrders, parseOrdersCount, parseOrdersWeek, type OrdersRow } from '../../src/domain/orders';

const TZ = 'Asia/Almaty';
/** A date cell as Sheets gives it: local midnight in the spreadsheet's zone. */
const dateCell = (isoDate: string) => new Date(`${isoDate}T00:00:00+05:00`);
const rows = (...cells: Array<[unknown, unknown]>): OrdersRow[] =>
  cells.map(([week, orders], i) => ({ row: i + 2, week, orders }));

describe('a week', () => {
  test('an ISO week, in any case and with spaces around', () => {
    expect(parseOrdersWeek('2026-W48', TZ)).toBe('2026-W48');
    expect(parseOrdersWeek(' 2026-w05 ', TZ)).toBe('2026-W05');
  });

  test('a date: the ISO week holding it, in the spreadsheet zone (Monday, Sunday, New Year)', () => {
    expect(parseOrdersWeek(dateCell('2026-11-23'), TZ)).toBe('2026-W48'); // Monday
    expect(parseOrdersWeek(dateCell('2026-11-29'), TZ)).toBe('2026-W48'); // Sunday
    expect(parseOrdersWeek(dateCell('2027-01-01'), TZ)).toBe('2026-W53');
  });

  test('anything else is not a week', () => {
    for (const bad of ['2025-W53', '2026-48', 'W48', '48', 'неделя 48', '2026-W00'])
      expect(parseOrdersWeek(bad, TZ)).toBeNull();
  });
});

describe('a count', () => {
  test('a whole number, 0 or more; digits in a text, with spaces as thousands', () => {
    expect(parseOrdersCount(0)).toBe(0);
    expect(parseOrdersCount(412)).toBe(412);
    expect(parseOrdersCount('1 250')).toBe(1250);
    expect(parseOrdersCount('1\u00a0250')).toBe(1250);
  });

  test('not a fraction, a negative, a word or a formula', () => {
    for (const bad of [-1, 2.5, '12,5', 'сто', '=A1*2', NaN, Infinity]) expect(parseOrdersCount(bad)).toBeNull();
  });
});

describe('the rows', () => {
  test('good rows become counts; empty rows and weeks without a count yet are skipped', () => {
    const parsed = parseOrders(
      rows(['2026-W46', 380], [dateCell('2026-11-18'), '402'], ['', ''], ['2026-W48', '']),
      TZ,
    );
    expect([...parsed.orders]).toEqual([
      ['2026-W46', 380],
      ['2026-W47', 402],
    ]);
    expect(parsed.problems).toEqual([]);
  });

  test('a bad row is reported with its row and why, and not used', () => {
    const parsed = parseOrders(
      rows(['2026-W46', 380], ['48-я', 400], ['2026-W47', -3], ['', 120], ['2026-W48', 'много']),
      TZ,
    );
    expect([...parsed.orders]).toEqual([['2026-W46', 380]]);
    expect(parsed.problems).toEqual([
      { row: 3, key: 'orders.badWeek', params: { value: '48-я' } },
      { row: 4, key: 'orders.badCount', params: { week: '2026-W47', value: '-3' } },
      { row: 5, key: 'orders.noWeek', params: { value: '' } },
      { row: 6, key: 'orders.badCount', params: { week: '2026-W48', value: 'много' } },
    ]);
    expect(tServer('ru', 'orders.badCount', parsed.problems[1]!.params)).toBe(
      'число заказов за 2026-W47 — «-3»: нужно целое число, 0 или больше',
    );
  });

  test('a week given twice is refused, not summed: both rows reported, the week has no count', () => {
    // The second is the same week typed as a date.
    const parsed = parseOrders(rows(['2026-W47', 400], ['2026-W46', 380], [dateCell('2026-11-20'), 410]), TZ);
    expect([...parsed.orders]).toEqual([['2026-W46', 380]]);
    expect(parsed.problems).toEqual([
      { row: 2, key: 'orders.twice', params: { week: '2026-W47', rows: '2, 4' } },
      { row: 4, key: 'orders.twice', params: { week: '2026-W47', rows: '2, 4' } },
    ]);
    expect(tServer('en', 'orders.twice', parsed.problems[0]!.params)).toBe(
      'week 2026-W47 is given twice (rows 2, 4); until one row is left, the week has no order count',
    );
  });

  test('property: every non-empty row is either counted once or reported', () => {
    const cell = fc.oneof(
      fc.constantFrom('', '2026-W46', '2026-W47', 'x', 12, -1, 2.5, '300'),
      fc.integer({ min: 0, max: 500 }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), { maxLength: 20 }), (pairs) => {
        const input = rows(...pairs);
        const parsed = parseOrders(input, TZ);
        const reported = new Set(parsed.problems.map((p) => p.row));
        for (const value of parsed.orders.values()) expect(Number.isInteger(value) && value >= 0).toBe(true);
        // A week is counted only from a row nobody reported.
        expect(parsed.orders.size).toBeLessThanOrEqual(input.length - reported.size);
      }),
    );
  });
});
