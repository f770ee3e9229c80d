/**
 * A new promise to the client when the deadline has passed (docs/product.md, Notes and messages:
 * promises): a client message never promises a time that has passed. The agent proposes a new
 * time; it becomes the case's resolution deadline at once for criticality C (and when a lead sets
 * it), and after a lead's approval for A and B. Until then the proposal is an Events row of its
 * own (`promise_proposed`, never replayed as a case's fields) and messages promise no time.
 */
import { DomainError, fail, type Problem } from './errors';
import type { CaseEvent } from './events';
import { isOpen, type Actor } from './lifecycle';
import type { Case, Ms } from './model';
import { normalizeEmail, type Settings } from './settings';
import { withClockMoments } from './sla';
import { versionProblem } from './transition-input';
import { recordOf } from './untrusted';

/** How far ahead a promise may go. */
export const MAX_PROMISE_DAYS = 90;
const DAY = 86_400_000;

export interface PromiseInput {
  /** The new deadline, an ISO 8601 moment. */
  at: Ms;
  version: number;
}

export interface PromiseDecision {
  approve: boolean;
  version: number;
}

/** A proposal waiting for a lead: when, by whom, and the time it promises. */
export interface PendingPromise {
  at: Ms;
  by: string;
  proposedAt: Ms;
}

/** Whether a message may promise the case's deadline: it has not passed (an open case). */
export function promisePassed(c: Pick<Case, 'status' | 'dueAt'>, now: Ms): boolean {
  return isOpen(c) && c.dueAt <= now;
}

/** A new deadline needs a lead's approval for A and B, unless a lead sets it. */
export function needsApproval(c: Pick<Case, 'criticality'>, actor: Actor): boolean {
  return actor.role !== 'lead' && c.criticality !== 'C';
}

/** Validates a proposed deadline: a moment in the future, within MAX_PROMISE_DAYS. */
export function parsePromise(input: unknown, now: Ms): PromiseInput {
  const raw = recordOf(input);
  if (!raw) throw new DomainError('validation', [{ key: 'input.object' }]);
  const problems: Problem[] = [];
  const version = versionProblem(raw.version);
  if (version) problems.push(version);
  const at = typeof raw.at === 'string' && raw.at.length <= 40 ? Date.parse(raw.at) : NaN;
  if (Number.isNaN(at)) problems.push({ key: 'promise.at', field: 'promiseAt' });
  else if (at <= now) problems.push({ key: 'promise.past', field: 'promiseAt' });
  else if (at > now + MAX_PROMISE_DAYS * DAY)
    problems.push({ key: 'promise.tooFar', field: 'promiseAt', params: { days: MAX_PROMISE_DAYS } });
  if (problems.length > 0) throw new DomainError('validation', problems);
  return { at, version: raw.version as number };
}

export function parseDecision(input: unknown): PromiseDecision {
  const raw = recordOf(input);
  if (!raw) throw new DomainError('validation', [{ key: 'input.object' }]);
  const problems: Problem[] = [];
  const version = versionProblem(raw.version);
  if (version) problems.push(version);
  if (typeof raw.approve !== 'boolean') problems.push({ key: 'input.boolean', field: 'approve' });
  if (problems.length > 0) throw new DomainError('validation', problems);
  return { approve: raw.approve as boolean, version: raw.version as number };
}

/** Who may set a new deadline: agents and leads, on an open case. */
export function checkMayPromise(c: Pick<Case, 'id' | 'status'>, actor: Actor): void {
  if (actor.role !== 'agent' && actor.role !== 'lead') fail('forbidden', 'promise.forbidden');
  if (!isOpen(c)) fail('guard', 'case.notOpen', { id: c.id, status: c.status });
}

/** The case with `at` as its resolution deadline, set by `actor` at `now`. */
export function withPromise(c: Case, at: Ms, actor: string, now: Ms, settings: Settings): Case {
  return withClockMoments(
    { ...c, dueAt: at, version: c.version + 1, updatedAt: now, updatedBy: normalizeEmail(actor) },
    settings,
  );
}

/** The Events row of a proposal waiting for a lead (its time as the workbook's local reading). */
export function proposalEvent(c: Pick<Case, 'id' | 'version'>, at: string, actor: string, now: Ms): CaseEvent {
  return {
    at: now,
    caseId: c.id,
    type: 'promise_proposed',
    actor: normalizeEmail(actor),
    from: '',
    to: '',
    note: '',
    version: c.version,
    changes: { promisedAt: at } as unknown as Partial<Case>,
  };
}

/** The Events row of a proposal a lead declined. */
export function declinedEvent(c: Pick<Case, 'id' | 'version'>, actor: string, now: Ms): CaseEvent {
  return { ...proposalEvent(c, '', actor, now), type: 'promise_declined', changes: null };
}

/**
 * The proposal waiting for a lead, from a case's events (oldest first): the last proposal not
 * followed by a new deadline or a decision; null when there is none.
 */
export function pendingPromise(events: readonly CaseEvent[]): PendingPromise | null {
  let pending: PendingPromise | null = null;
  for (const e of events) {
    if (e.type === 'promise_proposed') {
      const at = Date.parse(String((e.changes as Record<string, unknown> | null)?.promisedAt ?? ''));
      pending = Number.isNaN(at) ? null : { at, by: e.actor, proposedAt: e.at };
    } else if (e.type === 'promise' || e.type === 'promise_declined') pending = null;
  }
  return pending;
}
