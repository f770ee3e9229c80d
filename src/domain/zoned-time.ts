/**
 * Wall-clock time in an IANA time zone, with Intl only (Apps Script's V8 has full ICU, and the
 * domain may not call Utilities). Conversions are cached per zone: formatters are costly to make.
 */

export interface WallTime {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading in `timeZone` at instant `ms`. */
export function wallTime(ms: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const year = parts.year ?? 0;
  const month = parts.month ?? 1;
  const day = parts.day ?? 1;
  return {
    year,
    month,
    day,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
  };
}

/** Offset of `timeZone` from UTC at instant `ms`, in ms (Moscow: +3 h). */
export function zoneOffset(ms: number, timeZone: string): number {
  const w = wallTime(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant when the wall clock in `timeZone` reads the given time. A reading skipped by a DST
 * change (02:30 on a spring-forward night) maps to as far past the jump as it is past the last
 * valid reading, as clocks do; of a reading that occurs twice, one of the two is returned.
 */
export function instantOf(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  const naive = Date.UTC(year, month - 1, day, hour, minute, second);
  const first = naive - zoneOffset(naive, timeZone);
  const offsetThere = zoneOffset(first, timeZone);
  if (naive - offsetThere === first) return first;
  const second_ = naive - offsetThere;
  if (zoneOffset(second_, timeZone) === offsetThere) return second_;
  // In a gap: read the wall time with the offset in force before the jump.
  return Math.max(first, second_);
}

/** 'YYYY-MM-DD' of a wall date. */
export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The calendar day after (y, m, d), ignoring zones: plain date arithmetic. */
export function nextDay(year: number, month: number, day: number): [number, number, number] {
  const d = new Date(Date.UTC(year, month - 1, day + 1));
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/** The local calendar date at instant `ms`, as one comparable number (20260329). */
function localDateKey(ms: number, timeZone: string): number {
  const w = wallTime(ms, timeZone);
  return w.year * 10_000 + w.month * 100 + w.day;
}

/**
 * The first instant of the calendar day (year, month, day) in `timeZone`. Usually 00:00 local,
 * but not always: where the clocks jump forward over midnight the day begins at the jump, and
 * where they fall back to a repeated 00:00 it begins at the first one. So it is found, not
 * computed: bisection over whole seconds (zone offsets are whole seconds) for the first instant
 * whose local date is that day, relying only on local dates never running backwards.
 */
export function startOfLocalDay(timeZone: string, year: number, month: number, day: number): number {
  const target = year * 10_000 + month * 100 + day;
  const midnightUtc = Date.UTC(year, month - 1, day) / 1000;
  // Offsets lie within −12 h … +14 h: 15 h before midnight-as-UTC it is still the day before
  // everywhere, 13 h after it the day has begun everywhere.
  let before = midnightUtc - 15 * 3600;
  let from = midnightUtc + 13 * 3600;
  while (from - before > 1) {
    const mid = Math.floor((before + from) / 2);
    if (localDateKey(mid * 1000, timeZone) >= target) from = mid;
    else before = mid;
  }
  return from * 1000;
}

/**
 * The last millisecond of the local calendar day that contains `at`, in `timeZone`: one before
 * the next day begins, whatever this day's length (23, 23.5, 24, 24.5 or 25 hours).
 */
export function endOfLocalDay(at: number, timeZone: string): number {
  const today = wallTime(at, timeZone);
  return startOfLocalDay(timeZone, ...nextDay(today.year, today.month, today.day)) - 1;
}

/**
 * Instant `ms` as the wall clock in `timeZone` reads it, with its offset, in ISO 8601:
 * `2026-11-23T10:00:00+03:00` (milliseconds only when there are some). `Date.parse` reads it back
 * to the same instant.
 */
export function localIso(ms: number, timeZone: string): string {
  const w = wallTime(ms, timeZone);
  const offset = Math.round(zoneOffset(ms, timeZone) / 60_000);
  const two = (n: number) => String(n).padStart(2, '0');
  const millis = ((ms % 1000) + 1000) % 1000;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${String(w.year).padStart(4, '0')}-${two(w.month)}-${two(w.day)}T${two(w.hour)}:${two(w.minute)}:${two(w.second)}` +
    `${millis ? `.${String(millis).padStart(3, '0')}` : ''}${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`
  );
}
