/**
 * ISO 8601 weeks (docs/product.md, KPIs: the weekly tab is per ISO week): a week runs from local
 * Monday 00:00 to the next Monday 00:00 in the workbook's time zone and belongs to the year that
 * holds its Thursday, so 29 December can be in week 1 of the next year and 1 January in week 53
 * of the last. A year has 53 weeks when it starts on a Thursday, or is a leap year starting on a
 * Wednesday (2020, 2026, 2032).
 */
import { startOfLocalDay, wallTime } from './zoned-time';
import type { Ms } from './model';

export interface IsoWeek {
  /** The ISO week-numbering year (the year of the week's Thursday). */
  year: number;
  /** 1–53 */
  week: number;
}

/** A week placed in a time zone: its label, first and last dates, and its instants. */
export interface WeekPeriod extends IsoWeek {
  /** 'YYYY-Www', e.g. '2026-W48'. */
  label: string;
  /** The Monday and the Sunday, 'YYYY-MM-DD'. */
  firstDay: string;
  lastDay: string;
  /** Local Monday 00:00 (or the day's first instant where midnight is skipped). */
  start: Ms;
  /** The next week's start: a period is [start, end). */
  end: Ms;
}

const DAY = 86_400_000;

/** Plain date arithmetic (no zone): the UTC midnight of a wall date, shifted by whole days. */
function utcDate(year: number, month: number, day: number, plusDays = 0): Date {
  return new Date(Date.UTC(year, month - 1, day + plusDays));
}

/** The ISO week of a wall date. */
export function isoWeekOfDate(year: number, month: number, day: number): IsoWeek {
  const isoWeekday = utcDate(year, month, day).getUTCDay() || 7; // Monday 1 … Sunday 7
  const thursday = utcDate(year, month, day, 4 - isoWeekday);
  const weekYear = thursday.getUTCFullYear();
  const dayOfYear = Math.round((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / DAY);
  return { year: weekYear, week: Math.floor(dayOfYear / 7) + 1 };
}

/** The ISO week that holds instant `ms` in `timeZone`. */
export function isoWeekAt(ms: Ms, timeZone: string): IsoWeek {
  const w = wallTime(ms, timeZone);
  return isoWeekOfDate(w.year, w.month, w.day);
}

/** 52 or 53. */
export function weeksInYear(year: number): number {
  return isoWeekOfDate(year, 12, 28).week; // 28 December is always in the year's last week
}

/** The Monday of an ISO week, as [year, month, day]. */
export function mondayOf(week: IsoWeek): [number, number, number] {
  // 4 January is always in week 1; its Monday starts week 1.
  const jan4Weekday = utcDate(week.year, 1, 4).getUTCDay() || 7;
  const monday = utcDate(week.year, 1, 4, 1 - jan4Weekday + (week.week - 1) * 7);
  return [monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate()];
}

export function nextWeek(week: IsoWeek): IsoWeek {
  const [y, m, d] = mondayOf(week);
  return isoWeekOfDate(y, m, d + 7);
}

export function previousWeek(week: IsoWeek): IsoWeek {
  const [y, m, d] = mondayOf(week);
  return isoWeekOfDate(y, m, d - 7);
}

/** 'YYYY-Www'. */
export function weekLabel(week: IsoWeek): string {
  return `${String(week.year).padStart(4, '0')}-W${String(week.week).padStart(2, '0')}`;
}

/** 'YYYY-Www' → the week; null when it is not one (2025-W53 does not exist). */
export function parseWeekLabel(label: string): IsoWeek | null {
  const match = /^(\d{4})-W(\d{2})$/.exec(label.trim());
  if (!match) return null;
  const week = { year: Number(match[1]), week: Number(match[2]) };
  return week.week >= 1 && week.week <= weeksInYear(week.year) ? week : null;
}

function isoDateOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The week placed in `timeZone`: [local Monday 00:00, next local Monday 00:00). */
export function weekPeriod(week: IsoWeek, timeZone: string): WeekPeriod {
  const [y, m, d] = mondayOf(week);
  const [ny, nm, nd] = mondayOf(nextWeek(week));
  return {
    ...week,
    label: weekLabel(week),
    firstDay: isoDateOf(utcDate(y, m, d)),
    lastDay: isoDateOf(utcDate(y, m, d, 6)),
    start: startOfLocalDay(timeZone, y, m, d),
    end: startOfLocalDay(timeZone, ny, nm, nd),
  };
}

/** The week that ended last before the one holding `now`: what the Monday report is about. */
export function weekEndedBefore(now: Ms, timeZone: string): WeekPeriod {
  return weekPeriod(previousWeek(isoWeekAt(now, timeZone)), timeZone);
}
