/**
 * The scheduled jobs' periods, in the workbook's time zone (docs/architecture.md, Adding a job).
 * One hourly trigger fires the dispatcher; it runs the hourly job every time, and each other job
 * once per period: the daily job once per local day, from the digest hour on; the weekly job once
 * per ISO week, from Monday at the digest hour on; the monthly job once per calendar month, from
 * day 1 at the digest hour on. A period is "due" once its moment has come and
 * it is later than the last period the job completed, so a trigger that fires late, twice, or not
 * at all for a day runs each job once for the latest period that came due, never twice and never
 * by guessing from the wall clock alone.
 *
 * Period keys are strings that sort in time order: hour 'YYYY-MM-DDTHH', day 'YYYY-MM-DD',
 * ISO week 'YYYY-Www', month 'YYYY-MM'.
 */
import { isoWeekOfDate, mondayOf, parseWeekLabel, weekLabel } from './iso-week';
import { instantOf, isoDate, wallTime } from './zoned-time';

/** The jobs the dispatcher runs. */
export const JOB_NAMES = ['hourly', 'daily', 'weekly', 'monthly'] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface ScheduleSettings {
  timeZone: string;
  /**
   * The local hour (0–23) from which the daily digest, on Mondays the weekly report, and on day 1
   * the monthly summary are due.
   */
  digestHour: number;
}

/** The last period each job completed (absent: never). */
export type CompletedPeriods = Partial<Record<JobName, string>>;

export interface DuePeriod {
  job: JobName;
  period: string;
}

const DAY_MS = 86_400_000;

/** The civil date `days` after (year, month, day): plain calendar arithmetic, no zone. */
function addDays(year: number, month: number, day: number, days: number): [number, number, number] {
  const d = new Date(Date.UTC(year, month - 1, day) + days * DAY_MS);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/** The period key of the local hour at `at`. */
export function hourKey(at: number, timeZone: string): string {
  const w = wallTime(at, timeZone);
  return `${isoDate(w.year, w.month, w.day)}T${String(w.hour).padStart(2, '0')}`;
}

/** The moment a day's (or, on a Monday, a week's) period comes due: that local date at the digest hour. */
function dueMoment(date: [number, number, number], s: ScheduleSettings): number {
  return instantOf(s.timeZone, date[0], date[1], date[2], s.digestHour);
}

/** 'YYYY-MM' of a month. */
function monthKey(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** The first day of the latest month whose day-1 digest hour has come at `now`. */
function latestDueFirstOfMonth(now: number, s: ScheduleSettings): [number, number, number] {
  const w = wallTime(now, s.timeZone);
  const first: [number, number, number] = [w.year, w.month, 1];
  if (dueMoment(first, s) <= now) return first;
  return w.month === 1 ? [w.year - 1, 12, 1] : [w.year, w.month - 1, 1];
}

/** The local date of the latest day whose digest hour has come at `now`. */
function latestDueDay(now: number, s: ScheduleSettings): [number, number, number] {
  const w = wallTime(now, s.timeZone);
  const today: [number, number, number] = [w.year, w.month, w.day];
  return dueMoment(today, s) <= now ? today : addDays(w.year, w.month, w.day, -1);
}

/** The Monday of the latest week whose Monday digest hour has come at `now`. */
function latestDueMonday(now: number, s: ScheduleSettings): [number, number, number] {
  const w = wallTime(now, s.timeZone);
  const monday = addDays(w.year, w.month, w.day, -((w.weekday + 6) % 7));
  return dueMoment(monday, s) <= now ? monday : addDays(monday[0], monday[1], monday[2], -7);
}

/** The latest period of `job` that has come due at `now`. */
export function latestDuePeriod(job: JobName, now: number, s: ScheduleSettings): string {
  switch (job) {
    case 'hourly':
      return hourKey(now, s.timeZone);
    case 'daily':
      return isoDate(...latestDueDay(now, s));
    case 'weekly':
      return weekLabel(isoWeekOfDate(...latestDueMonday(now, s)));
    case 'monthly': {
      const [year, month] = latestDueFirstOfMonth(now, s);
      return monthKey(year, month);
    }
  }
}

/**
 * When a period came due: the start of its hour, or its day's (its Monday's, its month's day 1)
 * digest hour.
 */
export function periodDueAt(job: JobName, period: string, s: ScheduleSettings): number {
  if (job === 'hourly') {
    const [date = '', hour = '0'] = period.split('T');
    const [y, m, d] = date.split('-').map(Number);
    return instantOf(s.timeZone, y ?? 0, m ?? 1, d ?? 1, Number(hour));
  }
  if (job === 'daily' || job === 'monthly') {
    const [y, m, d] = period.split('-').map(Number);
    return dueMoment([y ?? 0, m ?? 1, d ?? 1], s);
  }
  const week = parseWeekLabel(period);
  if (!week) throw new Error(`periodDueAt: "${period}" is not an ISO week`);
  return dueMoment(mondayOf(week), s);
}

/**
 * What the dispatcher runs at `now`: the hourly job every time, and each other job for its latest
 * due period when that is later than the last one it completed. A job that did not complete its
 * period (it failed, or stopped at the deadline) is due again for the same period.
 */
export function duePeriods(now: number, s: ScheduleSettings, completed: CompletedPeriods): DuePeriod[] {
  return JOB_NAMES.flatMap((job) => {
    const period = latestDuePeriod(job, now, s);
    const last = completed[job];
    const due = job === 'hourly' || last === undefined || last < period;
    return due ? [{ job, period }] : [];
  });
}
