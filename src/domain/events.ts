/**
 * What the Events tab records: one fact per change, in the order it happened. The log is the
 * history of record; the sheets layer only turns these into cells and back.
 */
import { CASE_FIELDS, EDITABLE_FIELDS, type CaseField } from './case-fields';
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
  | 'tamper'
  /** An internal note on a case (note: its text; docs/product.md, Notes and messages). */
  | 'note'
  /** A note asking a colleague (note: its text; changes: `{ addressee }`), who gets an email. */
  | 'question'
  /** A client message sent (note: the template's name; changes: `{ template, channel }`). */
  | 'message'
  /** A new resolution deadline promised to the client (changes: the case's fields it set). */
  | 'promise'
  /** A new deadline proposed, waiting for a lead (changes: `{ promisedAt }`, a local ISO time). */
  | 'promise_proposed'
  /** A proposed deadline a lead declined. */
  | 'promise_declined';

/**
 * Events whose `changes` are not a case's fields: zones of growth and CSI (an entry's fields),
 * and a case's conversation (a note's own data). Replaying a case skips them.
 */
export const NON_CASE_EVENTS: readonly EventType[] = [
  'zone',
  'csi',
  'note',
  'question',
  'message',
  'promise_proposed',
  'promise_declined',
];

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

/** A field an event changed, with its value before and after. */
export interface FieldChange {
  field: CaseField;
  before: unknown;
  after: unknown;
}

/**
 * The fields a timeline shows as changed: what a person edits, and the due times a new
 * criticality or a new promise moves (the clock's bookkeeping and the version are not news).
 */
export const SHOWN_CHANGES: readonly CaseField[] = [...EDITABLE_FIELDS, 'dueFirstResponseAt', 'dueAt'];

/** Events whose changed fields the timeline spells out: edits, edits put back, new deadlines. */
const SPELLED_OUT: readonly EventType[] = ['updated', 'reverted', 'promise'];

/**
 * For each of a case's events (oldest first), the shown fields it changed, old → new: the value
 * before is the case as the events before it left it, so the log needs to hold only what each row
 * set (docs/product.md, Case lifecycle).
 */
export function fieldChanges(events: readonly CaseEvent[]): FieldChange[][] {
  let state: Partial<Record<CaseField, unknown>> = {};
  return events.map((event) => {
    if (!event.changes || NON_CASE_EVENTS.includes(event.type)) return [];
    const set = event.changes as Partial<Record<CaseField, unknown>>;
    const changed = SPELLED_OUT.includes(event.type)
      ? SHOWN_CHANGES.filter(
          (field) => field in set && JSON.stringify(state[field]) !== JSON.stringify(set[field]),
        ).map((field) => ({ field, before: state[field] ?? null, after: set[field] ?? null }))
      : [];
    state = { ...state, ...set };
    return changed;
  });
}

/** Whether a field holds a moment (shown as a date and time). */
export function isMomentField(field: CaseField): boolean {
  const kind: string = CASE_FIELDS[field].kind;
  return kind === 'date' || kind === 'optionalDate';
}
