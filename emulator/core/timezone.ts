/**
 * Wall-clock arithmetic in a named time zone, the one helper behind Utilities.formatDate and the
 * trigger schedule (nextRunAfter). Built on Intl (the ICU data Node ships), so no date library is
 * needed. Apps Script (Java underneath) also accepts "GMT+3" / "GMT+03:00" style ids, which Intl
 * does not: those are handled here as fixed offsets.
 */
import { gasError } from './errors';

/** The fields of an instant as a clock on the wall of the zone shows them. */
export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** Minutes east of UTC in effect at that instant (+180 for Moscow). */
  offsetMinutes: number;
}

/** A calendar date and time of day without a zone: what a schedule says ("09:00 on the 1st"). */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const FIXED_OFFSET = /^(?:GMT|UTC)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/;

type OffsetRule = (ms: number) => number;
const rules = new Map<string, OffsetRule>();

/** Minutes east of UTC in `timeZone` at instant `ms`. */
function offsetRule(timeZone: string): OffsetRule {
  let rule = rules.get(timeZone);
  if (rule) return rule;
  const fixed = FIXED_OFFSET.exec(timeZone);
  if (fixed) {
    const minutes = Number(fixed[2] ?? 0) * 60 + Number(fixed[3] ?? 0);
    const offset = fixed[1] === '-' ? -minutes : minutes;
    rule = () => offset;
  } else {
    let format: Intl.DateTimeFormat;
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      // Java silently falls back to GMT for an unknown id; that would only hide a typo here.
      throw gasError(`Invalid argument: timeZone (${timeZone})`);
    }
    rule = (ms) => {
      const wholeSecond = Math.floor(ms / 1000) * 1000;
      const parts: Record<string, number> = {};
      for (const part of format.formatToParts(wholeSecond)) parts[part.type] = Number(part.value);
      const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
      return Math.round((asUtc - wholeSecond) / MINUTE_MS);
    };
  }
  rules.set(timeZone, rule);
  return rule;
}

/** Throws the Apps Script error for a time zone id neither Intl nor the GMT±hh:mm form knows. */
export function assertTimeZone(timeZone: string): void {
  offsetRule(timeZone);
}

export function wallClock(ms: number, timeZone: string): WallClock {
  const offsetMinutes = offsetRule(timeZone)(ms);
  const shifted = new Date(ms + offsetMinutes * MINUTE_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    millisecond: shifted.getUTCMilliseconds(),
    weekday: shifted.getUTCDay(),
    offsetMinutes,
  };
}

/**
 * The instant a wall clock in `timeZone` shows `local`. A time skipped by a DST change (02:30 on
 * the spring-forward night in New York) resolves to the same distance past the gap (03:30); a time
 * that happens twice (01:30 on the fall-back night) resolves to the first occurrence.
 */
export function instantOf(local: LocalDateTime, timeZone: string): number {
  const rule = offsetRule(timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  // Any offset in force near this wall time is in force a day before or a day after it.
  const candidates = [rule(asUtc - DAY_MS), rule(asUtc + DAY_MS)].map((offset) => asUtc - offset * MINUTE_MS);
  const exact = candidates.filter((ms) => {
    const shown = wallClock(ms, timeZone);
    return shown.day === local.day && shown.hour === local.hour && shown.minute === local.minute;
  });
  return exact.length > 0 ? Math.min(...exact) : Math.max(...candidates);
}

/** Days since 1970-01-01 of a calendar date (a day counter independent of any zone). */
export function epochDay(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** The calendar date `days` after the given one. */
export function addDays(
  year: number,
  month: number,
  day: number,
  days: number,
): { year: number; month: number; day: number } {
  const date = new Date(Date.UTC(year, month - 1, day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}
