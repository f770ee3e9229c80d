/**
 * The escalation ladder (docs/product.md, Escalation), as a pure function of a case, the settings
 * and "now":
 *
 * - level 1 (the owner): the first response is late (owed and past its due time), or the
 *   resolution is late;
 * - level 2 (the department head): the resolution is late by at least half its target, counted in
 *   business minutes past its due time;
 * - level 3 (the COO and CEO): a criticality A case whose resolution is late; or any case late by
 *   half its target plus one business day, i.e. level 2 still unresolved one business day later.
 *   One business day is the open minutes of the calendar's longest open weekday (12 h = 720
 *   business minutes with the default Mon–Fri 09:00–21:00).
 *
 * The first-response clock only ever raises level 1; the resolution clock drives levels 2 and 3.
 * Lateness is counted on the resolution clock, so time spent waiting for the client is not late.
 * The stored level never goes down within a reopen cycle (a reopened case starts again at 0:
 * applyTransition resets it), so the level of a case is the higher of the stored one and the one
 * its clocks give now.
 */
import { businessMinutesBetween, type BusinessCalendar } from './calendar';
import { OPEN_STATUSES, type Case, type Ms } from './model';
import type { Settings } from './settings';

export type EscalationLevel = 0 | 1 | 2 | 3;

/** The open minutes of the calendar's longest open weekday: "one business day" of the ladder. */
export function businessDayMinutes(calendar: BusinessCalendar): number {
  return Math.max(0, ...calendar.hours.map((day) => (day ? day.close - day.open : 0)));
}

export type LadderFields = Pick<
  Case,
  | 'status'
  | 'criticality'
  | 'dueFirstResponseAt'
  | 'firstResponseAt'
  | 'waitingSince'
  | 'dueAt'
  | 'escalationLevel'
  | 'reopenCount'
>;

/** How late each clock of an open case is at `now`. */
export interface Lateness {
  /** The first response is owed and its due time has passed. */
  firstResponseLate: boolean;
  /** Business minutes past the first response's due time (0 when not late). */
  firstResponseMinutesLate: number;
  /** The resolution clock (paused while waiting for the client) is past its due time. */
  resolutionLate: boolean;
  /** Business minutes the resolution clock is past its due time (0 when not late). */
  resolutionMinutesLate: number;
}

export function lateness(c: LadderFields, calendar: BusinessCalendar, now: Ms): Lateness {
  const open = OPEN_STATUSES.includes(c.status);
  const firstResponseLate = open && c.firstResponseAt === null && now > c.dueFirstResponseAt;
  // The resolution clock stops when the case starts waiting for the client; dueAt moves on by
  // the minutes waited when it resumes (lifecycle.ts), so a wait is never counted as late.
  const clockAt = c.waitingSince ?? now;
  const resolutionLate = open && clockAt > c.dueAt;
  return {
    firstResponseLate,
    firstResponseMinutesLate: firstResponseLate ? businessMinutesBetween(calendar, c.dueFirstResponseAt, now) : 0,
    resolutionLate,
    resolutionMinutesLate: resolutionLate ? businessMinutesBetween(calendar, c.dueAt, clockAt) : 0,
  };
}

/** The level the clocks alone give at `now` (0 for a case that is not open). */
export function ladderLevel(c: LadderFields, settings: Settings, now: Ms): EscalationLevel {
  const late = lateness(c, settings.calendar, now);
  if (late.resolutionLate) {
    const half = settings.sla.resolution[c.criticality] / 2;
    const minutes = late.resolutionMinutesLate;
    if (c.criticality === 'A' || minutes >= half + businessDayMinutes(settings.calendar)) return 3;
    if (minutes >= half) return 2;
    return 1;
  }
  return late.firstResponseLate ? 1 : 0;
}

/** The case's level at `now`: never lower than the stored one (within a reopen cycle). */
export function escalationLevel(c: LadderFields, settings: Settings, now: Ms): EscalationLevel {
  const stored = Math.min(3, Math.max(0, Math.trunc(c.escalationLevel))) as EscalationLevel;
  return Math.max(stored, ladderLevel(c, settings, now)) as EscalationLevel;
}
