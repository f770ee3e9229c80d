/**
 * The business calendar: when client service is open. SLA clocks count only open minutes: a client
 * who writes at night is answered first thing in the morning (docs/product.md, SLA and the
 * business calendar).
 */
import type { Problem } from './errors';
import type { MessageKey } from './i18n';
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

/**
 * Mon–Fri 09:00–21:00, Sat 10:00–19:00, Sun 10:00–18:00, closed on 1 January (docs/product.md,
 * SLA and the business calendar).
 */
export function defaultCalendar(timeZone: string): BusinessCalendar {
  const h = (open: number, close: number): DayHours => ({ open: open * 60, close: close * 60 });
  return {
    timeZone,
    hours: [h(10, 18), h(9, 21), h(9, 21), h(9, 21), h(9, 21), h(9, 21), h(10, 19)],
    holidays: ['01-01'],
  };
}

/** A problem with a calendar: a message key, its details, and the field (`calendar.hours.3`). */
export type CalendarProblem = Problem & { field: string };

const HOLIDAY = /^(\d{4}-)?(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A value quoted in a message: never the whole of a pasted novel. */
function preview(value: string): string {
  return value.length > 60 ? `${value.slice(0, 60)}…` : value;
}

/** Problems with a calendar, as message keys with details and fields; empty when it is usable. */
export function calendarProblems(calendar: BusinessCalendar): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  const add = (field: string, key: MessageKey, params?: Problem['params']) =>
    problems.push({ field, key, ...(params ? { params } : {}) });
  if (!isValidTimeZone(calendar.timeZone))
    add('calendar.timeZone', 'calendar.timeZone', { value: preview(calendar.timeZone) });
  if (calendar.hours.length !== 7) add('calendar.hours', 'calendar.weekdays');
  calendar.hours.forEach((day, i) => {
    if (!day) return;
    const ok =
      Number.isInteger(day.open) &&
      Number.isInteger(day.close) &&
      day.open >= 0 &&
      day.close <= DAY_MINUTES &&
      day.open < day.close;
    if (!ok) add(`calendar.hours.${i}`, 'calendar.hours');
  });
  if (!calendar.hours.some(Boolean)) add('calendar.hours', 'calendar.noOpenDay');
  calendar.holidays.forEach((holiday, i) => {
    if (!HOLIDAY.test(holiday)) add(`calendar.holidays.${i}`, 'calendar.holiday', { value: preview(holiday) });
  });
  return problems;
}

function isHoliday(calendar: BusinessCalendar, year: number, month: number, day: number): boolean {
  const date = isoDate(year, month, day);
  return calendar.holidays.includes(date) || calendar.holidays.includes(date.slice(5));
}

/** A calendar with no open minute in a whole year would make every search below run forever. */
const MAX_CLOSED_DAYS = 400;

interface Interval {
  readonly start: number;
  readonly end: number;
}

/*
 * The open interval of a local date costs two or three Intl readings per edge; a case list
 * measures hundreds of spans over the same few months. So each (calendar, local date) → interval
 * (null: closed) is kept in a module-level map, which lives as long as the script execution.
 * A calendar is identified by the JSON of its zone, hours and holidays (interned to a small
 * number), so an edited calendar never reads another's days. The map is bounded: at
 * DAY_CACHE_LIMIT entries it starts over.
 */
export const DAY_CACHE_LIMIT = 5_000;
const CALENDAR_ID_LIMIT = 100;
const dayCache = new Map<string, Interval | null>();
const calendarIds = new Map<string, number>();
let nextCalendarId = 0;
let cacheHits = 0;
let cacheMisses = 0;

function calendarId(calendar: BusinessCalendar): number {
  const identity = JSON.stringify([calendar.timeZone, calendar.hours, calendar.holidays]);
  let id = calendarIds.get(identity);
  if (id === undefined) {
    if (calendarIds.size >= CALENDAR_ID_LIMIT) {
      calendarIds.clear();
      dayCache.clear();
    }
    id = nextCalendarId++;
    calendarIds.set(identity, id);
  }
  return id;
}

/** The open interval (instants) of one local date, or null when closed all day. */
function openIntervalOf(calendar: BusinessCalendar, id: number, year: number, month: number, day: number) {
  const key = `${id}|${year}-${month}-${day}`;
  const cached = dayCache.get(key);
  if (cached !== undefined) {
    cacheHits++;
    return cached;
  }
  cacheMisses++;
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const hours = calendar.hours[weekday];
  let interval: Interval | null = null;
  if (hours && !isHoliday(calendar, year, month, day)) {
    const at = (minutes: number) =>
      minutes >= DAY_MINUTES
        ? instantOf(calendar.timeZone, ...nextDay(year, month, day))
        : instantOf(calendar.timeZone, year, month, day, Math.floor(minutes / 60), minutes % 60);
    interval = Object.freeze({ start: at(hours.open), end: at(hours.close) });
  }
  if (dayCache.size >= DAY_CACHE_LIMIT) dayCache.clear();
  dayCache.set(key, interval);
  return interval;
}

/** Hits and misses of the per-day cache since the last clear (a miss costs Intl readings). */
export function calendarCacheStats(): { hits: number; misses: number; size: number } {
  return { hits: cacheHits, misses: cacheMisses, size: dayCache.size };
}

/** Empties the per-day cache and zeroes its counters (tests). */
export function clearCalendarCache(): void {
  dayCache.clear();
  calendarIds.clear();
  cacheHits = 0;
  cacheMisses = 0;
}

/** The open intervals (instants) of each local day from the one containing `fromMs` onwards. */
function* openIntervals(calendar: BusinessCalendar, fromMs: number): Generator<Interval> {
  const id = calendarId(calendar);
  const w = wallTime(fromMs, calendar.timeZone);
  let [year, month, day] = [w.year, w.month, w.day];
  for (let closedDays = 0; closedDays <= MAX_CLOSED_DAYS; closedDays++) {
    const interval = openIntervalOf(calendar, id, year, month, day);
    if (interval && interval.end > fromMs) {
      closedDays = 0;
      yield interval;
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
