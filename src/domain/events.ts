/**
 * What the Events tab records: one fact per change, in the order it happened. The log is the
 * history of record; the sheets layer only turns these into cells and back.
 */
import { caseChanges } from './case-input';
import type { Case, Ms } from './model';
import type { CsiEntry, GrowthZone } from './growth-zones';
import { zoneChanges } from './growth-zone-lifecycle';

export type EventType =
  | 'created'
  | 'status'
  | 'updated'
  | 'first_response'
  /**
   * What a registration brought to an open case instead of opening a second one (note: what was
   * added); the case itself does not change (docs/product.md, Finding cases).
   */
  | 'added'
  | 'escalated'
  | 'setup'
  | 'settings'
  | 'reverted'
  /** An email sent about a case (note: the notice key and its recipients). */
  | 'notice'
  /** A scheduled job's run (case '-'; note: what it did). */
  | 'job'
  /**
   * A zone of growth logged or moved (case: the entry's id; from/to: its statuses; changes: the
   * entry's fields it set, docs/product.md, Zones of growth and CSI).
   */
  | 'zone'
  /** A CSI comment logged (case: its id; changes: the comment's fields). */
  | 'csi'
  /** A hand edit of the Events tab, put back or reported (note: where, by whom). */
  | 'tamper';

/** Events of zones of growth and CSI: their rows hold an entry's fields, not a case's. */
export const NON_CASE_EVENTS: readonly EventType[] = ['zone', 'csi'];

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

/**
 * The Events row of an entry logged (`before` null) or changed. Its `changes` hold the entry's
 * fields, not a case's: readers of case history skip `zone` rows (NON_CASE_EVENTS).
 */
export function zoneEvent(before: GrowthZone | null, after: GrowthZone, actor: string, note = ''): CaseEvent {
  return {
    at: after.updatedAt,
    caseId: after.id,
    type: 'zone',
    actor,
    from: before && before.status !== after.status ? before.status : '',
    to: !before || before.status !== after.status ? after.status : '',
    note,
    version: after.version,
    changes: zoneChanges(before ?? {}, after) as unknown as Partial<Case>,
  };
}

/** The Events row of a CSI comment logged. */
export function csiEvent(entry: CsiEntry, actor: string): CaseEvent {
  return {
    at: entry.loggedAt,
    caseId: entry.id,
    type: 'csi',
    actor,
    from: '',
    to: '',
    note: '',
    version: 1,
    changes: { ...entry } as unknown as Partial<Case>,
  };
}
