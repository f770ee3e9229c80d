/**
 * SLA clocks. Targets are business minutes (settings.sla); due times are counted on the business
 * calendar; time in waiting_client does not count; a reopening restarts the resolution clock.
 * Overdue and at-risk are pure functions of a case, the settings and "now".
 */
import { addBusinessMinutes, businessMinutesBetween } from './calendar';
import { OPEN_STATUSES, type Case, type Criticality, type Ms } from './model';
import { AT_RISK_SHARE, type Settings } from './settings';

export function dueFirstResponse(settings: Settings, createdAt: Ms, criticality: Criticality): Ms {
  return addBusinessMinutes(settings.calendar, createdAt, settings.sla.firstResponse[criticality]);
}

/** The resolution due time of the current clock: target plus the minutes spent waiting. */
export function dueResolution(
  settings: Settings,
  resolutionStartAt: Ms,
  criticality: Criticality,
  pausedMinutes: number,
): Ms {
  return addBusinessMinutes(settings.calendar, resolutionStartAt, settings.sla.resolution[criticality] + pausedMinutes);
}

export interface SlaState {
  /** The first response is owed and late. */
  firstResponseOverdue: boolean;
  /** The resolution is owed and late (never while waiting for the client: that clock is paused). */
  resolutionOverdue: boolean;
  overdue: boolean;
  /** 75 % of a target used, not yet overdue. */
  atRisk: boolean;
  /** Business minutes of the resolution target used so far. */
  resolutionMinutesUsed: number;
  /** Business minutes past the resolution due time (0 when not overdue). */
  resolutionMinutesOverdue: number;
}

type SlaFields = Pick<
  Case,
  | 'status'
  | 'criticality'
  | 'createdAt'
  | 'firstResponseAt'
  | 'dueFirstResponseAt'
  | 'resolutionStartAt'
  | 'pausedMinutes'
  | 'waitingSince'
  | 'dueAt'
>;

export function slaState(c: SlaFields, settings: Settings, now: Ms): SlaState {
  const open = OPEN_STATUSES.includes(c.status);
  const cal = settings.calendar;

  let firstResponseOverdue = false;
  let firstResponseAtRisk = false;
  if (open && c.firstResponseAt === null) {
    const target = settings.sla.firstResponse[c.criticality];
    firstResponseOverdue = now > c.dueFirstResponseAt;
    firstResponseAtRisk =
      !firstResponseOverdue && businessMinutesBetween(cal, c.createdAt, now) >= AT_RISK_SHARE * target;
  }

  const target = settings.sla.resolution[c.criticality];
  const clockEnd = c.waitingSince ?? now;
  const used = open ? Math.max(0, businessMinutesBetween(cal, c.resolutionStartAt, clockEnd) - c.pausedMinutes) : 0;
  const resolutionOverdue = open && c.waitingSince === null && now > c.dueAt;
  const resolutionAtRisk = open && !resolutionOverdue && used >= AT_RISK_SHARE * target;
  const overdue = firstResponseOverdue || resolutionOverdue;
  return {
    firstResponseOverdue,
    resolutionOverdue,
    overdue,
    atRisk: !overdue && (firstResponseAtRisk || resolutionAtRisk),
    resolutionMinutesUsed: used,
    resolutionMinutesOverdue: resolutionOverdue ? businessMinutesBetween(cal, c.dueAt, now) : 0,
  };
}
