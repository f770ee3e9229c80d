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
