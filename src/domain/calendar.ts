/**
 * The business calendar: when client service is open. SLA clocks count only open minutes (seed
 * 003: a client who writes at night is answered first thing in the morning).
 */
import { instantOf, isoDate, isValidTimeZone, nextDay, wallTime } from './zoned-time';

/** Opening hours of one weekday as minutes since local midnight: [open, close). */
export interface DayHours {
  open: number;
  close: number;
}

export interface BusinessCalendar {
  /** IANA zone, e.g. 'Europe/Moscow'. */
  timeZone: string;
  /** Index 0 = Sunday … 6 = Saturday; null = closed all day. */
  hours: ReadonlyArray<DayHours | null>;
  /** Closed days: 'YYYY-MM-DD' for one date, 'MM-DD' for every year (1 January: '01-01'). */
  holidays: readonly string[];
}

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;

/** Seed 003: Mon–Fri 09:00–21:00, Sat 10:00–19:00, Sun 10:00–18:00, closed on 1 January. */
export function defaultCalendar(timeZone: string): BusinessCalendar {
  const h = (open: number, close: number): DayHours => ({ open: open * 60, close: close * 60 });
  return {
    timeZone,
    hours: [h(10, 18), h(9, 21), h(9, 21), h(9, 21), h(9, 21), h(9, 21), h(10, 19)],
    holidays: ['01-01'],
  };
}

/** Problems with a calendar, as message keys with details; empty when it is usable. */
export function calendarProblems(calendar: BusinessCalendar): string[] {
  const problems: string[] = [];
  if (!isValidTimeZone(calendar.timeZone)) problems.push(`timeZone: unknown zone "${calendar.timeZone}"`);
  if (calendar.hours.length !== 7) problems.push('hours: need 7 weekdays');
  calendar.hours.forEach((day, i) => {
    if (!day) return;
    const ok =
      Number.isInteger(day.open) &&
      Number.isInteger(day.close) &&
      day.open >= 0 &&
      day.close <= DAY_MINUTES &&
      day.open < day.close;
    if (!ok) problems.push(`hours[${i}]: opening must be before closing, within the day`);
  });
  if (!calendar.hours.some(Boolean)) problems.push('hours: open on no day of the week');
  for (const holiday of calendar.holidays) {
    if (!/^(\d{4}-)?(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(holiday))
      problems.push(`holidays: "${holiday}" is not YYYY-MM-DD or MM-DD`);
  }
  return problems;
}

function isHoliday(calendar: BusinessCalendar, year: number, month: number, day: number): boolean {
  const date = isoDate(year, month, day);
  return calendar.holidays.includes(date) || calendar.holidays.includes(date.slice(5));
}

/** A calendar with no open minute in a whole year would make every search below run forever. */
const MAX_CLOSED_DAYS = 400;

interface Interval {
  start: number;
  end: number;
}

/** The open intervals (instants) of each local day from the one containing `fromMs` onwards. */
function* openIntervals(calendar: BusinessCalendar, fromMs: number): Generator<Interval> {
  const w = wallTime(fromMs, calendar.timeZone);
  let [year, month, day] = [w.year, w.month, w.day];
  for (let closedDays = 0; closedDays <= MAX_CLOSED_DAYS; closedDays++) {
    const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
    const hours = calendar.hours[weekday];
    if (hours && !isHoliday(calendar, year, month, day)) {
      const at = (minutes: number) =>
        minutes >= DAY_MINUTES
          ? instantOf(calendar.timeZone, ...nextDay(year, month, day))
          : instantOf(calendar.timeZone, year, month, day, Math.floor(minutes / 60), minutes % 60);
      const interval = { start: at(hours.open), end: at(hours.close) };
      if (interval.end > fromMs) {
        closedDays = 0;
        yield interval;
      }
    }
    [year, month, day] = nextDay(year, month, day);
  }
  throw new Error('The business calendar has no open hours within a year');
}

/** True when client service is open at `ms`. */
export function isOpenAt(calendar: BusinessCalendar, ms: number): boolean {
  const first = openIntervals(calendar, ms).next().value as Interval;
  return first.start <= ms && ms < first.end;
}

/** `ms` itself when open, otherwise the next opening. */
export function nextOpenMoment(calendar: BusinessCalendar, ms: number): number {
  const first = openIntervals(calendar, ms).next().value as Interval;
  return Math.max(first.start, ms);
}

/**
 * The moment when `minutes` open minutes have passed since `startMs`. Counting starts at the next
 * opening when `startMs` is outside hours; a result never falls outside hours (a target that ends
 * exactly at closing time ends at closing time).
 */
export function addBusinessMinutes(calendar: BusinessCalendar, startMs: number, minutes: number): number {
  if (!(minutes >= 0) || !Number.isFinite(minutes)) throw new Error(`addBusinessMinutes: bad minutes ${minutes}`);
  let remaining = minutes * MINUTE;
  for (const interval of openIntervals(calendar, startMs)) {
    const from = Math.max(interval.start, startMs);
    if (remaining === 0) return from;
    const available = interval.end - from;
    if (remaining <= available) return from + remaining;
    remaining -= available;
  }
  throw new Error('unreachable');
}

/** Open minutes between two instants (0 when `b` is not after `a`); fractions of a minute kept. */
export function businessMinutesBetween(calendar: BusinessCalendar, aMs: number, bMs: number): number {
  if (bMs <= aMs) return 0;
  let total = 0;
  for (const interval of openIntervals(calendar, aMs)) {
    if (interval.start >= bMs) break;
    total += Math.min(interval.end, bMs) - Math.max(interval.start, aMs);
  }
  return total / MINUTE;
}
