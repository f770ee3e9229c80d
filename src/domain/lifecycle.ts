/**
 * The case lifecycle: which status may follow which, who may move it, and what each step needs
 * (docs/product.md, Case lifecycle). Every refusal names what is missing; nothing changes unless
 * every guard passes.
 */
import { businessMinutesBetween } from './calendar';
import type { CaseEdit } from './case-input';
import { DomainError, fail, type Problem } from './errors';
import type { MessageKey } from './i18n';
import { CSAT, inRange, MAX_LONG_TEXT, NPS } from './limits';
import { OPEN_STATUSES, type Case, type Ms, type Role, type Status } from './model';
import { departmentNamed, normalizeEmail, type Settings } from './settings';
import { dueResolution, withClockMoments } from './sla';

export const TRANSITIONS: Readonly<Record<Status, readonly Status[]>> = {
  new: ['in_progress', 'cancelled'],
  in_progress: ['waiting_client', 'resolved', 'cancelled'],
  waiting_client: ['in_progress', 'cancelled'],
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: ['in_progress', 'cancelled'],
  cancelled: [],
};

/** Only leads cancel and reopen (docs/product.md, Users). */
const LEAD_ONLY: readonly Status[] = ['cancelled', 'reopened'];

/**
 * A step: where the case goes and what the step asks for (stepNeeds). The API's body is this at
 * a version (parseTransition; the sidebar's contract, src/server/contract.ts, says the same).
 */
export interface TransitionInput {
  to: Status;
  note?: string;
  resolution?: string;
  rootCause?: string;
  prevention?: string;
  csat?: number | null;
  nps?: number | null;
  reason?: string;
  /** Starting work on a case without an owner names one. */
  ownerDept?: string;
  ownerEmail?: string;
  /** Links added to the case's evidence (resolving an A case without one asks for it). */
  evidence?: string[];
}

export interface Actor {
  email: string;
  role: Role;
}

/**
 * What a department owner may do with their own case: take it in work when it is new or reopened
 * (waiting for the client is the agent's to end, when the client answers), and report the fact of
 * its resolution (docs/product.md, Case lifecycle).
 */
const OWNER_STEPS: ReadonlyArray<{ from: readonly Status[]; to: Status }> = [
  { from: ['new', 'reopened'], to: 'in_progress' },
  { from: ['in_progress'], to: 'resolved' },
];

/** May `actor` move `c` to `to` at all (role and ownership), regardless of the guards? */
export function mayMove(c: Pick<Case, 'status' | 'ownerEmail'>, to: Status, actor: Actor): boolean {
  if (actor.role === 'lead') return true;
  if (LEAD_ONLY.includes(to)) return false;
  if (actor.role === 'agent') return true;
  return (
    actor.role === 'owner' &&
    normalizeEmail(c.ownerEmail) === normalizeEmail(actor.email) &&
    OWNER_STEPS.some((step) => step.to === to && step.from.includes(c.status))
  );
}

/** The statuses `actor` may move `c` to from here (guards aside): the sidebar's buttons. */
export function allowedTransitions(c: Pick<Case, 'status' | 'ownerEmail'>, actor: Actor): Status[] {
  return TRANSITIONS[c.status].filter((to) => mayMove(c, to, actor));
}

/** Refuses a step the lifecycle does not have, or one `actor` may not take. */
export function checkMove(c: Pick<Case, 'status' | 'ownerEmail'>, to: Status, actor: Actor): void {
  if (!TRANSITIONS[c.status].includes(to)) fail('guard', 'guard.notAllowed', { from: c.status, to });
  if (!mayMove(c, to, actor)) fail('forbidden', 'auth.transition', { to, role: actor.role });
}

/** Closed and cancelled cases: nothing is owed any more. */
export function isFinished(c: Pick<Case, 'status'>): boolean {
  return c.status === 'closed' || c.status === 'cancelled';
}

/** A finished case may be changed only by a lead (docs/product.md, Case lifecycle). */
export function mayChange(c: Pick<Case, 'status'>, role: Role): boolean {
  return !isFinished(c) || role === 'lead';
}

export function checkMayChange(c: Pick<Case, 'id' | 'status'>, role: Role): void {
  if (!mayChange(c, role)) fail('forbidden', 'case.closedForEdit', { id: c.id, status: c.status });
}

/**
 * May `actor` change `fields` of `c`: a department owner adds photos and videos to their own
 * cases (an A case is resolved only with evidence) and changes nothing else; a finished case
 * is a lead's.
 */
export function checkMayEdit(c: Pick<Case, 'id' | 'status' | 'ownerEmail'>, fields: readonly string[], actor: Actor) {
  if (
    actor.role === 'owner' &&
    (fields.some((field) => field !== 'evidence') || normalizeEmail(c.ownerEmail) !== normalizeEmail(actor.email))
  )
    fail('forbidden', 'auth.ownerEdit');
  checkMayChange(c, actor.role);
}

/** The department's default owner: the first one listed in Settings. */
export function defaultOwner(settings: Settings, department: string): string {
  return departmentNamed(settings, department)?.owners[0] ?? '';
}

/** An edit that moves the case to another department naming nobody: its default owner takes it. */
export function withDefaultOwner<E extends Pick<CaseEdit, 'ownerDept' | 'ownerEmail'>>(
  c: Pick<Case, 'ownerDept'>,
  edit: E,
  settings: Settings,
): E {
  if (!edit.ownerDept || edit.ownerDept === c.ownerDept || edit.ownerEmail !== undefined) return edit;
  return { ...edit, ownerEmail: defaultOwner(settings, edit.ownerDept) };
}

const URL = /^https?:\/\/\S+$/i;

export function isLink(value: string): boolean {
  return URL.test(value.trim());
}

/** What a step may ask a person for; `required` ones its guard refuses to go without. */
export type StepField =
  | 'ownerDept'
  | 'ownerEmail'
  | 'resolution'
  | 'evidence'
  | 'rootCause'
  | 'prevention'
  | 'csat'
  | 'nps'
  | 'reason'
  | 'note';

export interface StepNeed {
  field: StepField;
  required: boolean;
}

/** The part of a case that decides what a step asks for. */
export type StepCase = Pick<Case, 'criticality' | 'ownerDept' | 'ownerEmail' | 'evidence'>;

/**
 * What moving `c` to `to` asks for (docs/product.md, Case lifecycle): work starts with an owner,
 * a resolution says what was done (an A case with a link to evidence), closing names the root
 * cause (and for A and B the prevention) and may record the client's scores, a cancellation
 * gives its reason, a reopening may say why. A case that already holds what a step needs
 * (an owner, an evidence link) is not asked again; an empty list means the step asks nothing.
 */
export function stepNeeds(c: StepCase, to: Status): StepNeed[] {
  const need = (field: StepField, required = true): StepNeed => ({ field, required });
  switch (to) {
    case 'in_progress':
      return c.ownerDept.trim() && c.ownerEmail.trim() ? [] : [need('ownerDept'), need('ownerEmail')];
    case 'resolved':
      return c.criticality === 'A' && !c.evidence.some(isLink)
        ? [need('resolution'), need('evidence')]
        : [need('resolution')];
    case 'closed':
      return [
        need('rootCause'),
        ...(c.criticality === 'C' ? [] : [need('prevention')]),
        need('csat', false),
        need('nps', false),
      ];
    case 'cancelled':
      return [need('reason')];
    case 'reopened':
      return [need('note', false)];
    default:
      return [];
  }
}

/** The guard's message for a required field left empty. */
const MISSING: Record<Exclude<StepField, 'csat' | 'nps' | 'note'>, MessageKey> = {
  ownerDept: 'guard.ownerDept',
  ownerEmail: 'guard.ownerEmail',
  resolution: 'guard.resolution',
  evidence: 'guard.evidenceA',
  rootCause: 'guard.rootCause',
  prevention: 'guard.prevention',
  reason: 'guard.reason',
};

const SCORES = { csat: { range: CSAT, key: 'guard.csat' }, nps: { range: NPS, key: 'guard.nps' } } as const;

/** A score out of its range (or not a whole number); nothing for a score not given. */
export function scoreProblem(field: 'csat' | 'nps', value: unknown): Problem | null {
  if (value === undefined || value === null) return null;
  const { range, key } = SCORES[field];
  return typeof value === 'number' && inRange(range, value)
    ? null
    : { key, field, params: { min: range.min, max: range.max } };
}

/** A free text over the limit. */
export function longTextProblem(text: string, field: string): Problem | null {
  return text.length > MAX_LONG_TEXT ? { key: 'input.tooLong', field, params: { max: MAX_LONG_TEXT } } : null;
}

/** A root cause outside the taxonomy in Settings. */
export function rootCauseProblem(rootCause: string, settings: Settings): Problem | null {
  return settings.rootCauses.includes(rootCause)
    ? null
    : { key: 'guard.rootCauseUnknown', field: 'rootCause', params: { value: rootCause } };
}

/**
 * What the guard of `input.to` finds missing or wrong in what `stepNeeds` asks for; empty when
 * the step may be taken. `c` is the case as the step leaves it (an owner the step names counts).
 */
export function guardProblems(c: StepCase, input: TransitionInput, settings: Settings): Problem[] {
  const text = (v: string | undefined) => (v ?? '').trim();
  const problems: Problem[] = [];
  for (const { field, required } of stepNeeds(c, input.to)) {
    if (field === 'csat' || field === 'nps') {
      const problem = scoreProblem(field, input[field]);
      if (problem) problems.push(problem);
      continue;
    }
    if (field === 'note') continue;
    const given =
      field === 'ownerDept' || field === 'ownerEmail'
        ? text(c[field])
        : field === 'evidence'
          ? c.evidence.some(isLink)
          : text(input[field]);
    if (!given) {
      if (required)
        problems.push({
          key: MISSING[field],
          field,
          ...(field === 'prevention' ? { params: { criticality: c.criticality } } : {}),
        });
    } else if (field === 'rootCause') {
      const problem = rootCauseProblem(text(input.rootCause), settings);
      if (problem) problems.push(problem);
    }
  }
  return problems;
}

/**
 * The case after moving to `input.to` at `now` by `actor`: status, timestamps and due times.
 * Throws a DomainError (and changes nothing) when the step is not allowed or a guard fails.
 */
export function applyTransition(c: Case, input: TransitionInput, actor: Actor, settings: Settings, now: Ms): Case {
  checkMove(c, input.to, actor);
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
  return withClockMoments(next, settings);
}

export function isOpen(c: Pick<Case, 'status'>): boolean {
  return OPEN_STATUSES.includes(c.status);
}
