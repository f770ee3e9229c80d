/**
 * What the zones-of-growth API returns (docs/product.md, Zones of growth and CSI): plain data,
 * every date an ISO-8601 string, and what "now" and the caller make of an entry.
 */
import { allowedZoneSteps, counts, effectiveStatus, type ZoneActor } from '../domain/growth-zone-lifecycle';
import type { ManagerSummary } from '../domain/growth-zone-summary';
import type { CsiEntry, GrowthZone, ZoneStatus } from '../domain/growth-zones';
import type { CaseEvent, EventType } from '../domain/events';
import type { Iso } from './views';

type ZoneDate = 'loggedAt' | 'updatedAt';
type ZoneOptionalDate = 'briefingAt' | 'briefingHeldAt' | 'recheckAt' | 'closedAt';

/** An entry as the sidebar sees it. */
export type GrowthZoneView = Omit<GrowthZone, ZoneDate | ZoneOptionalDate> & {
  [K in ZoneDate]: Iso;
} & {
  [K in ZoneOptionalDate]: Iso | null;
} & {
  /** The steps the caller may take now (what a step's body must bring aside). */
  transitions: ZoneStatus[];
  /** False once an appeal is accepted: the entry no longer counts against the manager. */
  counts: boolean;
  /** Its recheck is due: the status says so, or the briefing's month has passed. */
  recheckDue: boolean;
};

/** A CSI comment as the sidebar sees it. */
export type CsiView = Omit<CsiEntry, 'at' | 'loggedAt'> & { at: Iso; loggedAt: Iso };

/** One Events row of an entry. */
export interface ZoneEventView {
  at: Iso;
  type: EventType;
  actor: string;
  from: ZoneStatus | '';
  to: ZoneStatus | '';
  note: string;
  version: number | null;
}

/** One manager's line of the summary (growth-zone-summary.ts). */
export type ManagerSummaryView = ManagerSummary;

const iso = (ms: number): Iso => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): Iso | null => (ms === null ? null : iso(ms));

export function growthZoneView(zone: GrowthZone, actor: ZoneActor, now: number): GrowthZoneView {
  const effective = effectiveStatus(zone);
  return {
    ...zone,
    loggedAt: iso(zone.loggedAt),
    updatedAt: iso(zone.updatedAt),
    briefingAt: isoOrNull(zone.briefingAt),
    briefingHeldAt: isoOrNull(zone.briefingHeldAt),
    recheckAt: isoOrNull(zone.recheckAt),
    closedAt: isoOrNull(zone.closedAt),
    transitions: allowedZoneSteps(zone, actor, now),
    counts: counts(zone),
    recheckDue:
      effective === 'recheck_due' ||
      (effective === 'briefing_held' && zone.recheckAt !== null && zone.recheckAt <= now),
  };
}

export function csiView(entry: CsiEntry): CsiView {
  return { ...entry, at: iso(entry.at), loggedAt: iso(entry.loggedAt) };
}

export function zoneEventView(e: CaseEvent): ZoneEventView {
  return {
    at: iso(e.at),
    type: e.type,
    actor: e.actor,
    from: e.from as ZoneStatus | '',
    to: e.to as ZoneStatus | '',
    note: e.note,
    version: e.version,
  };
}
