/**
 * What the API returns: plain data with every date as an ISO-8601 string (google.script.run turns
 * a result holding a Date into null). These types are the sidebar's types too.
 */
import { allowedTransitions, type Actor } from '../domain/lifecycle';
import type { Case, Criticality, Status } from '../domain/model';
import type { Settings } from '../domain/settings';
import { slaState, type SlaState } from '../domain/sla';
import type { CaseEvent, EventType } from '../sheets/cases-repo';

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

export interface CaseView {
  id: string;
  version: number;
  status: Status;
  criticality: Criticality;
  orderNo: string;
  client: string;
  contact: string;
  channel: string;
  source: string;
  kind: string;
  summary: string;
  evidence: string[];
  ownerDept: string;
  ownerEmail: string;
  agent: string;
  manager: string;
  team: string;
  bypass: boolean;
  stopShipment: boolean;
  createdAt: Iso;
  createdBy: string;
  updatedAt: Iso;
  updatedBy: string;
  dueFirstResponseAt: Iso;
  firstResponseAt: Iso | null;
  dueAt: Iso;
  waitingSince: Iso | null;
  resolvedAt: Iso | null;
  closedAt: Iso | null;
  cancelledAt: Iso | null;
  resolution: string;
  rootCause: string;
  prevention: string;
  cancelReason: string;
  csat: number | null;
  nps: number | null;
  reopenCount: number;
  escalationLevel: number;
  overdue: boolean;
  atRisk: boolean;
  firstResponseOverdue: boolean;
  /** Where the caller may move the case from here (guards aside). */
  transitions: Status[];
  events?: EventView[];
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
  return {
    id: c.id,
    version: c.version,
    status: c.status,
    criticality: c.criticality,
    orderNo: c.orderNo,
    client: c.client,
    contact: c.contact,
    channel: c.channel,
    source: c.source,
    kind: c.kind,
    summary: c.summary,
    evidence: [...c.evidence],
    ownerDept: c.ownerDept,
    ownerEmail: c.ownerEmail,
    agent: c.agent,
    manager: c.manager,
    team: c.team,
    bypass: c.bypass,
    stopShipment: c.stopShipment,
    createdAt: iso(c.createdAt),
    createdBy: c.createdBy,
    updatedAt: iso(c.updatedAt),
    updatedBy: c.updatedBy,
    dueFirstResponseAt: iso(c.dueFirstResponseAt),
    firstResponseAt: isoOrNull(c.firstResponseAt),
    dueAt: iso(c.dueAt),
    waitingSince: isoOrNull(c.waitingSince),
    resolvedAt: isoOrNull(c.resolvedAt),
    closedAt: isoOrNull(c.closedAt),
    cancelledAt: isoOrNull(c.cancelledAt),
    resolution: c.resolution,
    rootCause: c.rootCause,
    prevention: c.prevention,
    cancelReason: c.cancelReason,
    csat: c.csat,
    nps: c.nps,
    reopenCount: c.reopenCount,
    escalationLevel: c.escalationLevel,
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
