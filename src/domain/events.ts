/**
 * What the Events tab records: one fact per change, in the order it happened. The log is the
 * history of record; the sheets layer only turns these into cells and back.
 */
import { caseChanges } from './case-input';
import type { Case, Ms } from './model';

export type EventType =
  | 'created'
  | 'status'
  | 'updated'
  | 'first_response'
  | 'escalated'
  | 'setup'
  | 'settings'
  | 'reverted'
  /** An email sent about a case (note: the notice key and its recipients). */
  | 'notice'
  /** A scheduled job's run (case '-'; note: what it did). */
  | 'job';

export interface CaseEvent {
  at: Ms;
  caseId: string;
  type: EventType;
  actor: string;
  from: string;
  to: string;
  note: string;
  version: number | null;
  /** The case fields this event set (all of them for 'created'): replaying them rebuilds the case. */
  changes: Partial<Case> | null;
}

/** The Events row of a change from `before` (null for a new case) to `after`. */
export function caseEvent(type: EventType, before: Case | null, after: Case, actor: string, note = ''): CaseEvent {
  return {
    at: after.updatedAt,
    caseId: after.id,
    type,
    actor,
    from: before && before.status !== after.status ? before.status : '',
    to: !before || before.status !== after.status ? after.status : '',
    note,
    version: after.version,
    changes: caseChanges(before ?? {}, after),
  };
}
