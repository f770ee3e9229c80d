/**
 * The core vocabulary: cases, statuses, criticality, roles. Plain data; dates are epoch ms inside
 * the domain (the sheets layer converts cells, the API converts to ISO strings).
 */

export const STATUSES = [
  'new',
  'in_progress',
  'waiting_client',
  'resolved',
  'closed',
  'reopened',
  'cancelled',
] as const;
export type Status = (typeof STATUSES)[number];

/** Statuses in which work is still owed to the client. */
export const OPEN_STATUSES: readonly Status[] = ['new', 'in_progress', 'waiting_client', 'reopened'];

export const CRITICALITIES = ['A', 'B', 'C'] as const;
export type Criticality = (typeof CRITICALITIES)[number];

export const ROLES = ['agent', 'lead', 'owner', 'leader', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export type Ms = number;

/** One case: one row of the Cases tab. Optional timestamps are null until they happen. */
export interface Case {
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
  /** Links to photos, videos, acts. */
  evidence: string[];
  ownerDept: string;
  ownerEmail: string;
  /** The client-service agent answerable to the client. */
  agent: string;
  manager: string;
  team: string;
  /** The client was promised something past client service (seed 000: target 0). */
  bypass: boolean;
  /** Shipment or installation stopped for this case. */
  stopShipment: boolean;
  createdAt: Ms;
  createdBy: string;
  updatedAt: Ms;
  updatedBy: string;
  dueFirstResponseAt: Ms;
  firstResponseAt: Ms | null;
  /** Start of the current resolution clock: registration, or the last reopening. */
  resolutionStartAt: Ms;
  /** Business minutes spent in waiting_client during the current resolution clock. */
  pausedMinutes: number;
  /** When the case entered waiting_client (null when it is not waiting). */
  waitingSince: Ms | null;
  dueAt: Ms;
  resolvedAt: Ms | null;
  closedAt: Ms | null;
  cancelledAt: Ms | null;
  resolution: string;
  rootCause: string;
  prevention: string;
  cancelReason: string;
  csat: number | null;
  nps: number | null;
  reopenCount: number;
  /** 0 = none, 1 = owner, 2 = department head, 3 = COO/CEO. */
  escalationLevel: number;
}
