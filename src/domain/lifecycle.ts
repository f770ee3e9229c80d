/**
 * The case lifecycle: which status may follow which, who may move it, and what each step needs
 * (DESIGN.md). Every refusal names what is missing; nothing changes unless every guard passes.
 */
import { businessMinutesBetween } from './calendar';
import { DomainError, type Problem } from './errors';
import { OPEN_STATUSES, type Case, type Ms, type Role, type Status } from './model';
import { normalizeEmail, type Settings } from './settings';
import { dueResolution } from './sla';

export const TRANSITIONS: Readonly<Record<Status, readonly Status[]>> = {
  new: ['in_progress', 'cancelled'],
  in_progress: ['waiting_client', 'resolved', 'cancelled'],
  waiting_client: ['in_progress', 'cancelled'],
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: ['in_progress', 'cancelled'],
  cancelled: [],
};

/** Only leads cancel and reopen (DESIGN.md: authorization). */
const LEAD_ONLY: readonly Status[] = ['cancelled', 'reopened'];

export interface TransitionInput {
  to: Status;
  note?: string;
  resolution?: string;
  rootCause?: string;
  prevention?: string;
  csat?: number | null;
  nps?: number | null;
  reason?: string;
}

export interface Actor {
  email: string;
  role: Role;
}

/** May `actor` move `c` to `to` at all (role and ownership), regardless of the guards? */
export function mayMove(c: Pick<Case, 'ownerEmail'>, to: Status, actor: Actor): boolean {
  if (actor.role === 'lead') return true;
  if (LEAD_ONLY.includes(to)) return false;
  if (actor.role === 'agent') return true;
  // A department owner reports the fact of resolution of their own cases.
  return actor.role === 'owner' && to === 'resolved' && normalizeEmail(c.ownerEmail) === normalizeEmail(actor.email);
}

/** The statuses `actor` may move `c` to from here (guards aside): the sidebar's buttons. */
export function allowedTransitions(c: Pick<Case, 'status' | 'ownerEmail'>, actor: Actor): Status[] {
  return TRANSITIONS[c.status].filter((to) => mayMove(c, to, actor));
}

const URL = /^https?:\/\/\S+$/i;

export function isLink(value: string): boolean {
  return URL.test(value.trim());
}

/** What the guard of `input.to` finds missing; empty when the step may be taken. */
export function guardProblems(c: Case, input: TransitionInput, settings: Settings): Problem[] {
  const problems: Problem[] = [];
  const text = (v: string | undefined) => (v ?? '').trim();
  switch (input.to) {
    case 'in_progress':
      if (!text(c.ownerDept)) problems.push({ key: 'guard.ownerDept', field: 'ownerDept' });
      if (!text(c.ownerEmail)) problems.push({ key: 'guard.ownerEmail', field: 'ownerEmail' });
      break;
    case 'resolved':
      if (!text(input.resolution)) problems.push({ key: 'guard.resolution', field: 'resolution' });
      if (c.criticality === 'A' && !c.evidence.some(isLink))
        problems.push({ key: 'guard.evidenceA', field: 'evidence' });
      break;
    case 'closed': {
      const rootCause = text(input.rootCause);
      if (!rootCause) problems.push({ key: 'guard.rootCause', field: 'rootCause' });
      else if (!settings.rootCauses.includes(rootCause))
        problems.push({ key: 'guard.rootCauseUnknown', field: 'rootCause', params: { value: rootCause } });
      if ((c.criticality === 'A' || c.criticality === 'B') && !text(input.prevention))
        problems.push({ key: 'guard.prevention', field: 'prevention', params: { criticality: c.criticality } });
      if (input.csat != null && !(Number.isInteger(input.csat) && input.csat >= 1 && input.csat <= 5))
        problems.push({ key: 'guard.csat', field: 'csat' });
      if (input.nps != null && !(Number.isInteger(input.nps) && input.nps >= 0 && input.nps <= 10))
        problems.push({ key: 'guard.nps', field: 'nps' });
      break;
    }
    case 'cancelled':
      if (!text(input.reason)) problems.push({ key: 'guard.reason', field: 'reason' });
      break;
    default:
      break;
  }
  return problems;
}

/**
 * The case after moving to `input.to` at `now` by `actor`: status, timestamps and due times.
 * Throws a DomainError (and changes nothing) when the step is not allowed or a guard fails.
 */
export function applyTransition(c: Case, input: TransitionInput, actor: Actor, settings: Settings, now: Ms): Case {
  if (!TRANSITIONS[c.status].includes(input.to)) {
    throw new DomainError('guard', [{ key: 'guard.notAllowed', params: { from: c.status, to: input.to } }]);
  }
  if (!mayMove(c, input.to, actor)) {
    throw new DomainError('forbidden', [{ key: 'auth.transition', params: { to: input.to, role: actor.role } }]);
  }
  const problems = guardProblems(c, input, settings);
  if (problems.length > 0) throw new DomainError('guard', problems);

  const next: Case = { ...c, status: input.to, version: c.version + 1, updatedAt: now, updatedBy: actor.email };
  const text = (v: string | undefined) => (v ?? '').trim();
  switch (input.to) {
    case 'waiting_client':
      next.waitingSince = now;
      break;
    case 'in_progress':
      if (c.waitingSince !== null) {
        // The client answered: the time spent waiting is added to the resolution target.
        next.pausedMinutes = c.pausedMinutes + businessMinutesBetween(settings.calendar, c.waitingSince, now);
        next.waitingSince = null;
        next.dueAt = dueResolution(settings, c.resolutionStartAt, c.criticality, next.pausedMinutes);
      }
      break;
    case 'resolved':
      next.resolvedAt = now;
      next.resolution = text(input.resolution);
      break;
    case 'closed':
      next.closedAt = now;
      next.rootCause = text(input.rootCause);
      next.prevention = text(input.prevention);
      if (input.csat != null) next.csat = input.csat;
      if (input.nps != null) next.nps = input.nps;
      break;
    case 'reopened':
      next.reopenCount = c.reopenCount + 1;
      next.resolutionStartAt = now;
      next.pausedMinutes = 0;
      next.waitingSince = null;
      next.dueAt = dueResolution(settings, now, c.criticality, 0);
      next.resolvedAt = null;
      next.closedAt = null;
      next.escalationLevel = 0;
      break;
    case 'cancelled':
      next.cancelledAt = now;
      next.cancelReason = text(input.reason);
      next.waitingSince = null;
      break;
    default:
      break;
  }
  return next;
}

export function isOpen(c: Pick<Case, 'status'>): boolean {
  return OPEN_STATUSES.includes(c.status);
}
