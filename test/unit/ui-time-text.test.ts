import { createServerClock } from '../../src/ui/server-clock';
import { formatDue, formatDuration, formatMoment, localDate, pluralForm, weekdayNames } from '../../src/ui/time-text';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-11-23T07:00:00Z');
const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();

describe('relative due times', () => {
  test('Russian plural forms: 1 день, 2 дня, 5 дней, 11 дней, 21 день, 22 дня', () => {
    const days = (n: number) => formatDuration(n * DAY, 'ru');
    expect([1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111].map(days)).toEqual([
      '1 день',
      '2 дня',
      '4 дня',
      '5 дней',
      '11 дней',
      '12 дней',
      '14 дней',
      '21 день',
      '22 дня',
      '25 дней',
      '101 день',
      '111 дней',
    ]);
    expect(pluralForm(0, 'ru')).toBe('many');
  });

  test('English: 1 day, 2 days', () => {
    expect(formatDuration(DAY, 'en')).toBe('1 day');
    expect(formatDuration(2 * DAY, 'en')).toBe('2 days');
    expect(pluralForm(1, 'en')).toBe('one');
    expect(pluralForm(5, 'en')).toBe('many');
  });

  test('as precise as a person needs: minutes, hours and minutes, days and hours, whole weeks', () => {
    expect(formatDuration(25 * MIN, 'en')).toBe('25 min');
    expect(formatDuration(20 * 1000, 'en')).toBe('1 min');
    expect(formatDuration(2 * HOUR + 10 * MIN, 'en')).toBe('2 h 10 min');
    expect(formatDuration(3 * HOUR, 'ru')).toBe('3 ч');
    expect(formatDuration(DAY + 6 * HOUR + 20 * MIN, 'ru')).toBe('1 день 6 ч');
    expect(formatDuration(9 * DAY + 6 * HOUR, 'ru')).toBe('9 дней');
  });

  test('"in …" before the due time, "overdue by …" after it, "now" within a minute', () => {
    expect(formatDue(at(2 * HOUR + 10 * MIN), NOW, 'en')).toEqual({ text: 'in 2 h 10 min', overdue: false });
    expect(formatDue(at(-DAY), NOW, 'en')).toEqual({ text: 'overdue by 1 day', overdue: true });
    expect(formatDue(at(2 * HOUR + 10 * MIN), NOW, 'ru')).toEqual({ text: 'через 2 ч 10 мин', overdue: false });
    expect(formatDue(at(-2 * DAY), NOW, 'ru')).toEqual({ text: 'просрочено на 2 дня', overdue: true });
    expect(formatDue(at(-5 * DAY), NOW, 'ru').text).toBe('просрочено на 5 дней');
    expect(formatDue(at(30 * 1000), NOW, 'ru')).toEqual({ text: 'сейчас', overdue: false });
    expect(formatDue('not a date', NOW, 'ru')).toEqual({ text: '', overdue: false });
  });
});

describe('moments in the workbook’s zone', () => {
  test('date and time as the team reads them, not in the browser’s zone', () => {
    expect(formatMoment('2026-11-23T09:00:00Z', 'en', 'Europe/Moscow')).toBe('23 Nov, 12:00');
    expect(formatMoment('2026-11-23T09:00:00Z', 'ru', 'Europe/Moscow')).toMatch(/^23 нояб\.?,? 12:00$/);
    expect(formatMoment('', 'ru', 'Europe/Moscow')).toBe('');
  });

  test('the local date decides "due today"', () => {
    expect(localDate(Date.parse('2026-11-23T22:30:00Z'), 'Europe/Moscow')).toBe('2026-11-24');
    expect(localDate(Date.parse('2026-11-23T20:30:00Z'), 'Europe/Moscow')).toBe('2026-11-23');
  });

  test('weekday names start on Sunday, as the business calendar counts', () => {
    expect(weekdayNames('en')[0]).toBe('Sun');
    expect(weekdayNames('en')[1]).toBe('Mon');
    expect(weekdayNames('ru')[1]).toBe('пн');
  });
});

describe('the server clock (server-clock.ts)', () => {
  const SERVER = '2026-11-23T07:00:00.000Z';
  function clocks() {
    const c = { monotonic: 1_000, wall: Date.parse('2030-01-01T00:00:00Z') };
    return {
      c,
      clock: createServerClock(
        () => c.monotonic,
        () => c.wall,
      ),
    };
  }

  test('a reading is the server’s time; the browser’s own clock, set wrong or moved, changes nothing', () => {
    const { c, clock } = clocks();
    clock.note({ now: SERVER });
    expect(new Date(clock.now()).toISOString()).toBe(SERVER);
    c.wall -= 7 * DAY;
    c.wall += 3 * HOUR;
    expect(new Date(clock.now()).toISOString()).toBe(SERVER);
    // "first response in 29 min" stays 29 min.
    const due = new Date(Date.parse(SERVER) + 29 * MIN).toISOString();
    expect(formatDue(due, clock.now(), 'en').text).toBe('in 29 min');
  });

  test('time passes as measured since the reading; a new reading replaces the old one', () => {
    const { c, clock } = clocks();
    clock.note({ now: SERVER });
    c.monotonic += 5 * MIN;
    expect(clock.now()).toBe(Date.parse(SERVER) + 5 * MIN);
    // The sandbox's clock moved an hour ahead: the next result says so, and the sidebar follows.
    clock.note({ now: new Date(Date.parse(SERVER) + HOUR + 5 * MIN).toISOString() });
    expect(clock.now()).toBe(Date.parse(SERVER) + HOUR + 5 * MIN);
  });

  test('results without a time, or with a broken one, are ignored; before any reading, the browser’s clock', () => {
    const { c, clock } = clocks();
    expect(clock.now()).toBe(c.wall);
    clock.note({ now: SERVER });
    for (const result of [null, 'x', 42, { now: 'not a date' }, { now: 1234 }, { id: 'ARB-2026-00001' }]) {
      clock.note(result);
    }
    expect(new Date(clock.now()).toISOString()).toBe(SERVER);
  });
});
