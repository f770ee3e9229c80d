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

/**
 * The two moments the Cases tab stores so that its conditional formats colour a row by themselves
 * (docs/product.md, Escalation): amber from `atRiskAt`, red after `nextDueAt`. Both are pure
 * functions of the case's clock fields and the settings (never of "now"), so they change only when
 * the case is written, or Settings change its targets (the hourly job rewrites them then).
 *
 * Exactly: for every `now`, `nextDueAt !== null && now > nextDueAt` is `slaState(...).overdue`,
 * and `atRiskAt !== null && now >= atRiskAt` is `atRisk || overdue`.
 */
export interface ClockMoments {
  /** The first moment 75 % of an owed target is used (null: nothing owed will become at risk). */
  atRiskAt: Ms | null;
  /** The earliest due time still owed: first response (unanswered) or resolution (not paused). */
  nextDueAt: Ms | null;
}

type MomentFields = SlaFields & Pick<Case, 'firstResponseAt'>;

export function clockMoments(c: MomentFields, settings: Settings): ClockMoments {
  if (!OPEN_STATUSES.includes(c.status)) return { atRiskAt: null, nextDueAt: null };
  const cal = settings.calendar;
  const atRisk: Ms[] = [];
  const due: Ms[] = [];
  if (c.firstResponseAt === null) {
    due.push(c.dueFirstResponseAt);
    atRisk.push(addBusinessMinutes(cal, c.createdAt, AT_RISK_SHARE * settings.sla.firstResponse[c.criticality]));
  }
  const threshold = AT_RISK_SHARE * settings.sla.resolution[c.criticality] + c.pausedMinutes;
  const resolutionAtRisk = addBusinessMinutes(cal, c.resolutionStartAt, threshold);
  if (c.waitingSince === null) {
    due.push(c.dueAt);
    atRisk.push(resolutionAtRisk);
  } else if (businessMinutesBetween(cal, c.resolutionStartAt, c.waitingSince) >= threshold) {
    // Paused while waiting for the client: at risk only if it already was when the wait began.
    atRisk.push(resolutionAtRisk);
  }
  const earliest = (list: Ms[]) => (list.length === 0 ? null : Math.min(...list));
  return { atRiskAt: earliest(atRisk), nextDueAt: earliest(due) };
}

/** The case with its stored moments brought up to date: every new version of a case passes here. */
export function withClockMoments<C extends MomentFields & ClockMoments>(c: C, settings: Settings): C {
  return { ...c, ...clockMoments(c, settings) };
}
