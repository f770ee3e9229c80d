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

export const ROLES = ['agent', 'lead', 'owner', 'team_leader', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export type Ms = number;

/** A case and its fields are declared in case-fields.ts (one declaration, from which the rest derives). */
export type { Case } from './case-fields';
