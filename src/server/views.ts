/**
 * What the API returns: plain data with every date as an ISO-8601 string (google.script.run turns
 * a result holding a Date into null). These types are the sidebar's types too.
 */
import { allowedTransitions, type Actor } from '../domain/lifecycle';
import type { Case, Criticality, Status } from '../domain/model';
import type { CriticalityEffect } from '../domain/case-input';
import type { Settings } from '../domain/settings';
import { slaState, type SlaState } from '../domain/sla';
import type { CaseField, FieldOfKind } from '../domain/case-fields';
import { fieldChanges, isMomentField, type CaseEvent, type EventType } from '../domain/events';
import { MESSAGE_CHANNELS, type MessageChannel } from '../domain/conversation';

export type Iso = string;

export interface EventView {
  at: Iso;
  type: EventType;
  actor: string;
  from: Status | '';
  to: Status | '';
  note: string;
  version: number | null;
  /** A question's addressee (docs/product.md, Notes and messages). */
  addressee?: string;
  /** How a client message was sent. */
  channel?: MessageChannel;
  /** An edit's fields, old → new: moments as ISO strings, links one per line (fieldChanges). */
  changed?: FieldChangeView[];
}

export interface FieldChangeView {
  field: CaseField;
  before: string | null;
  after: string | null;
}

/** A changed value as the sidebar shows it: text, a moment as ISO, links one per line; null for nothing. */
function shownValue(field: CaseField, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (isMomentField(field) && typeof value === 'number') return iso(value);
  if (Array.isArray(value)) return value.map(String).join('\n');
  return String(value);
}

/** A case's events, oldest first, each edit with its fields old → new. */
export function eventViews(events: readonly CaseEvent[]): EventView[] {
  const changes = fieldChanges(events);
  return events.map((event, i) => {
    const changed = (changes[i] ?? []).map(({ field, before, after }) => ({
      field,
      before: shownValue(field, before),
      after: shownValue(field, after),
    }));
    return changed.length > 0 ? { ...eventView(event), changed } : eventView(event);
  });
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
  /** What each criticality would make of the due times now (apiGetCase; the edit form says it before saving). */
  criticalityEffects?: Record<Criticality, CriticalityEffectView>;
};

export interface CriticalityEffectView {
  dueFirstResponseAt: Iso;
  dueAt: Iso;
  overdueSince: Iso | null;
}

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
  const data = (e.changes ?? {}) as Record<string, unknown>;
  return {
    at: iso(e.at),
    type: e.type,
    actor: e.actor,
    from: e.from as Status | '',
    to: e.to as Status | '',
    note: e.note,
    version: e.version,
    ...(e.type === 'question' && typeof data.addressee === 'string' ? { addressee: data.addressee } : {}),
    ...(e.type === 'message' && MESSAGE_CHANNELS.includes(data.channel as MessageChannel)
      ? { channel: data.channel as MessageChannel }
      : {}),
  };
}

export function criticalityEffectViews(
  effects: Record<Criticality, CriticalityEffect>,
): Record<Criticality, CriticalityEffectView> {
  const view = {} as Record<Criticality, CriticalityEffectView>;
  for (const [criticality, effect] of Object.entries(effects) as Array<[Criticality, CriticalityEffect]>)
    view[criticality] = {
      dueFirstResponseAt: iso(effect.dueFirstResponseAt),
      dueAt: iso(effect.dueAt),
      overdueSince: isoOrNull(effect.overdueSince),
    };
  return view;
}
