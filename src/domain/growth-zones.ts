/**
 * Zones of growth and CSI (docs/product.md, Zones of growth and CSI): a manager's error that client
 * service found in a recorded meeting, an outbound call or a request, and what the sales team does
 * about it; and the negative client comments about a manager (CSI). This file declares the shapes
 * and the statuses; the checks and steps that use them are in growth-zone-lifecycle.ts, the
 * per-manager summary in growth-zone-summary.ts.
 *
 * The lifecycle:
 * - communication error: logged → briefing_scheduled (a date) → briefing_held → recheck_due (one
 *   month after the briefing, set by the monthly job or when its date has come) → passed | repeated;
 * - process error: the team leader answers what process failed and what is being changed
 *   (`processAnswer`); `briefing_held` records that answer (a meeting may be scheduled first, or
 *   not), and the entry cannot pass or close without it; then the same recheck;
 * - an open entry may be appealed (with a reason) → accepted (the entry stops counting) | rejected
 *   (with a reason: the entry stands and goes on from where it was appealed).
 */
import type { Ms } from './model';

export const ZONE_STATUSES = [
  'logged',
  'briefing_scheduled',
  'briefing_held',
  'recheck_due',
  'passed',
  'repeated',
  'appealed',
  'accepted',
  'rejected',
] as const;
export type ZoneStatus = (typeof ZONE_STATUSES)[number];

/** Where client service found the error (docs/product.md, Zones of growth and CSI). */
export const ZONE_SOURCES = ['online_meeting', 'outbound_call', 'request'] as const;
export type ZoneSource = (typeof ZONE_SOURCES)[number];

/** Communication: how the manager spoke with the client. Process: a step of the purchase failed. */
export const ZONE_CATEGORIES = ['communication', 'process'] as const;
export type ZoneCategory = (typeof ZONE_CATEGORIES)[number];

/** Finished: nothing moves it any more. */
export const ZONE_FINAL_STATUSES: readonly ZoneStatus[] = ['passed', 'repeated', 'accepted'];

/** A recheck comes this many months after the briefing was held. */
export const RECHECK_AFTER_MONTHS = 1;

/** One entry: one row of the Zones of growth tab. */
export interface GrowthZone {
  /** GZ-YYYY-NNNNN, never reused. */
  id: string;
  version: number;
  status: ZoneStatus;
  manager: string;
  team: string;
  teamLeaderEmail: string;
  source: ZoneSource;
  category: ZoneCategory;
  /** The standard the manager broke. */
  standard: string;
  /** A link to the recording or the request. */
  link: string;
  /** What happened. */
  description: string;
  loggedAt: Ms;
  loggedBy: string;
  updatedAt: Ms;
  updatedBy: string;
  /** When the briefing with the manager is scheduled. */
  briefingAt: Ms | null;
  /** When the briefing was held (or, for a process error, the answer given). */
  briefingHeldAt: Ms | null;
  /** When the recheck falls due: one month after the briefing was held. */
  recheckAt: Ms | null;
  /** Process error: what process failed and what is being changed (the team leader's answer). */
  processAnswer: string;
  /** The status the entry was appealed from (a rejected appeal goes on from there). */
  appealedFrom: ZoneStatus | null;
  /** Why the entry was appealed. */
  appealReason: string;
  /** Why the appeal was accepted or rejected. */
  decisionReason: string;
  /** When it passed, repeated or its appeal was accepted. */
  closedAt: Ms | null;
}

/** What logging an entry takes (apiLogGrowthZone). */
export interface GrowthZoneInput {
  manager: string;
  team: string;
  teamLeaderEmail: string;
  source: ZoneSource;
  category: ZoneCategory;
  standard: string;
  link?: string;
  description: string;
}

/** One step of an entry (apiMoveGrowthZone): the status it goes to and what that step needs. */
export interface GrowthZoneStep {
  to: ZoneStatus;
  /** briefing_scheduled: the date of the briefing (ISO-8601). */
  date?: string;
  /** Any step: a comment kept in Events. */
  note?: string;
  /** appealed, accepted, rejected: why. */
  reason?: string;
  /** Process error, briefing_held: what process failed and what is being changed. */
  processAnswer?: string;
}

/** Whom a CSI comment is about. */
export const CSI_ROLES = ['sales', 'showroom'] as const;
export type CsiRole = (typeof CSI_ROLES)[number];

/** A negative client comment about a manager: one row of the CSI tab. */
export interface CsiEntry {
  /** CSI-YYYY-NNNNN. */
  id: string;
  /** When the client left the comment. */
  at: Ms;
  manager: string;
  role: CsiRole;
  team: string;
  comment: string;
  /** The client's score, on the CSAT scale (limits.ts). */
  score: number;
  /** A linked case or order (either may be empty). */
  caseId: string;
  orderNo: string;
  /** The client who left the comment (may be empty). */
  client: string;
  loggedAt: Ms;
  loggedBy: string;
}

/** What logging a CSI comment takes (apiLogCsi); `at` is ISO-8601. */
export interface CsiInput {
  at: string;
  manager: string;
  role: CsiRole;
  team: string;
  comment: string;
  score: number;
  caseId?: string;
  orderNo?: string;
  client?: string;
}
