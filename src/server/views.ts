/**
 * What the API returns: plain data with every date as an ISO-8601 string (google.script.run turns
 * a result holding a Date into null). These types are the sidebar's types too.
 */
import { allowedTransitions, type Actor } from '../domain/lifecycle';
import type { Case, Status } from '../domain/model';
import type { Settings } from '../domain/settings';
import { slaState, type SlaState } from '../domain/sla';
import type { FieldOfKind } from '../domain/case-fields';
import type { CaseEvent, EventType } from '../domain/events';

export type Iso = string;

export interface EventView {
  at: Iso;
  type: EventType;
  actor: string;
  from: Status | '';
  to: Status | '';
  note: string;
  version: number | null;
}

/** Clock bookkeeping the sidebar has no use for (the stored moments colour the sheet's rows). */
type InternalField = 'resolutionStartAt' | 'pausedMinutes' | 'atRiskAt' | 'nextDueAt';
/** Timestamps every case has, and those that are null until they happen. */
type DateField = Exclude<FieldOfKind<'date'>, InternalField>;
type OptionalDateField = Exclude<FieldOfKind<'optionalDate'>, InternalField>;

/** A case as the sidebar sees it: its fields, dates as ISO strings, and what "now" makes of it. */
export type CaseView = Omit<Case, DateField | OptionalDateField | InternalField> & {
  [K in DateField]: Iso;
} & {
  [K in OptionalDateField]: Iso | null;
} & {
  overdue: boolean;
  atRisk: boolean;
  firstResponseOverdue: boolean;
  /** Where the caller may move the case from here (guards aside). */
  transitions: Status[];
  events?: EventView[];
};

const iso = (ms: number): Iso => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): Iso | null => (ms === null ? null : iso(ms));

export function caseView(
  c: Case,
  settings: Settings,
  now: number,
  actor: Actor,
  sla: SlaState = slaState(c, settings, now),
): CaseView {
  const { resolutionStartAt: _start, pausedMinutes: _paused, atRiskAt: _atRisk, nextDueAt: _due, ...fields } = c;
  return {
    ...fields,
    evidence: [...c.evidence],
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
    dueFirstResponseAt: iso(c.dueFirstResponseAt),
    dueAt: iso(c.dueAt),
    firstResponseAt: isoOrNull(c.firstResponseAt),
    waitingSince: isoOrNull(c.waitingSince),
    resolvedAt: isoOrNull(c.resolvedAt),
    closedAt: isoOrNull(c.closedAt),
    cancelledAt: isoOrNull(c.cancelledAt),
    overdue: sla.overdue,
    atRisk: sla.atRisk,
    firstResponseOverdue: sla.firstResponseOverdue,
    transitions: allowedTransitions(c, actor),
  };
}

export function eventView(e: CaseEvent): EventView {
  return {
    at: iso(e.at),
    type: e.type,
    actor: e.actor,
    from: e.from as Status | '',
    to: e.to as Status | '',
    note: e.note,
    version: e.version,
  };
}
