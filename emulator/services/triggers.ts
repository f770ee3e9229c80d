/**
 * When a time-driven trigger fires, as a pure function of its schedule, so the runtime's scheduler
 * can fire triggers while it advances the virtual clock.
 *
 * Real Apps Script fires a recurring trigger at a moment it picks (atHour(9) runs "between 9 and
 * 10", nearMinute is ±15 minutes, everyHours starts from creation). The emulator is deterministic
 * instead: everyMinutes(n)/everyHours(n) fire on the n-minute/n-hour grid of the wall clock
 * starting at midnight, daily/weekly/monthly schedules fire exactly at atHour:nearMinute (00:00
 * when not given), and a weekly schedule without onWeekDay fires on Mondays. Every n days/weeks
 * counts from 1970-01-01 / Monday 1970-01-05, so the grid does not depend on creation time.
 * https://developers.google.com/apps-script/reference/script/clock-trigger-builder
 */
import type { ClockSchedule } from '../core/state';
import { WEEKDAY, type WeekdayName } from '../core/enums';
import { addDays, epochDay, instantOf, wallClock, type WallClock } from '../core/timezone';

const MINUTE_MS = 60_000;
/** Every zone's offset is a whole number of quarter hours, so a wall-clock hour starts on this grid. */
const QUARTER_HOUR_MS = 15 * MINUTE_MS;
/** 1970-01-01 was a Thursday; weeks for everyWeeks(n) count from the Monday after it. */
const EPOCH_WEEKDAY = 4;
const FIRST_MONDAY_EPOCH_DAY = 4;

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** The first instant after `afterMs` on a `stepMs` grid whose wall clock satisfies `matches`. */
function nextOnGrid(afterMs: number, timeZone: string, stepMs: number, matches: (wall: WallClock) => boolean): number {
  const twoDaysOfSteps = (2 * 24 * 60 * MINUTE_MS) / stepMs;
  let at = Math.floor(afterMs / stepMs) * stepMs;
  for (let step = 0; step <= twoDaysOfSteps; step++) {
    at += stepMs;
    if (matches(wallClock(at, timeZone))) return at;
  }
  throw new Error(`nextRunAfter: no run within two days on a ${stepMs} ms grid in ${timeZone}`);
}

/** The first instant after `afterMs` at hour:minute on a date that satisfies `matches`. */
function nextOnDays(
  afterMs: number,
  timeZone: string,
  horizonDays: number,
  hour: number,
  minute: number,
  matches: (date: CalendarDate, dayNumber: number) => boolean,
): number {
  const today = wallClock(afterMs, timeZone);
  for (let offset = 0; offset <= horizonDays; offset++) {
    const date = addDays(today.year, today.month, today.day, offset);
    if (!matches(date, epochDay(date.year, date.month, date.day))) continue;
    const at = instantOf({ ...date, hour, minute }, timeZone);
    if (at > afterMs) return at;
  }
  throw new Error(`nextRunAfter: no run within ${horizonDays} days in ${timeZone}`);
}

/** The enum lists SUNDAY first, the order Date#getUTCDay counts in. */
function weekdayOf(dayNumber: number): WeekdayName {
  const names = Object.keys(WEEKDAY) as WeekdayName[];
  return names[(((dayNumber + EPOCH_WEEKDAY) % 7) + 7) % 7]!;
}

/**
 * The first time `schedule` fires strictly after `afterMs`, reading its hours in `timeZone`; null
 * for a one-shot schedule that has no run left. A one-shot's single run is set when the trigger is
 * created (see firstRunAt): `after(ms)` counts from a creation time the schedule does not keep.
 */
export function nextRunAfter(schedule: ClockSchedule, afterMs: number, timeZone: string): number | null {
  switch (schedule.kind) {
    case 'everyMinutes':
      return nextOnGrid(afterMs, timeZone, MINUTE_MS, (wall) => wall.minute % schedule.minutes === 0);
    case 'everyHours':
      return nextOnGrid(
        afterMs,
        timeZone,
        QUARTER_HOUR_MS,
        (wall) => wall.minute === 0 && wall.hour % schedule.hours === 0,
      );
    case 'everyDays':
      return nextOnDays(
        afterMs,
        timeZone,
        schedule.days + 1,
        schedule.atHour ?? 0,
        schedule.nearMinute ?? 0,
        (_date, dayNumber) => dayNumber % schedule.days === 0,
      );
    case 'everyWeeks': {
      const weekday = schedule.onWeekDay ?? 'MONDAY';
      return nextOnDays(
        afterMs,
        timeZone,
        7 * schedule.weeks + 7,
        schedule.atHour ?? 0,
        schedule.nearMinute ?? 0,
        (_date, dayNumber) =>
          weekdayOf(dayNumber) === weekday &&
          Math.floor((dayNumber - FIRST_MONDAY_EPOCH_DAY) / 7) % schedule.weeks === 0,
      );
    }
    case 'onMonthDay':
      // A month without that day (the 31st in April) is skipped; the longest wait is 62 days.
      return nextOnDays(
        afterMs,
        timeZone,
        63,
        schedule.atHour ?? 0,
        schedule.nearMinute ?? 0,
        (date) => date.day === schedule.day,
      );
    case 'at':
      return schedule.at > afterMs ? schedule.at : null;
    case 'after':
      return null;
  }
}

/** When a clock trigger created at `createdAt` first fires. A time already past fires at once. */
export function firstRunAt(schedule: ClockSchedule, createdAt: number, timeZone: string): number {
  switch (schedule.kind) {
    case 'at':
      return Math.max(schedule.at, createdAt);
    case 'after':
      return createdAt + schedule.ms;
    default:
      return nextRunAfter(schedule, createdAt, timeZone)!;
  }
}
