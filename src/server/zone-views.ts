/**
 * What the zones-of-growth API returns (docs/product.md, Zones of growth and CSI): plain data,
 * every date an ISO-8601 string, and what "now" and the caller make of an entry.
 */
import {
  allowedZoneSteps,
  counts,
  effectiveStatus,
  ZONE_TRANSITIONS,
  type ZoneActor,
} from '../domain/growth-zone-lifecycle';
import type { ManagerSummary } from '../domain/growth-zone-summary';
import {
  CSI_ROLES,
  ZONE_CATEGORIES,
  ZONE_SOURCES,
  ZONE_STATUSES,
  type CsiEntry,
  type CsiRole,
  type GrowthZone,
  type ZoneCategory,
  type ZoneSource,
  type ZoneStatus,
} from '../domain/growth-zones';
import { isMessageKey, t, type Lang } from '../domain/i18n';
import { isZoneMessageKey, tZone } from '../domain/i18n/zones';
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

/**
 * The zones of growth's words in the workbook's language, for the sidebar (apiBootstrap's
 * `enums.zones`): its own catalogs leave them out to stay small (src/domain/i18n/zones.ts).
 */
export interface ZoneLabels {
  statuses: Array<{ code: ZoneStatus; label: string }>;
  sources: Array<{ code: ZoneSource; label: string }>;
  categories: Array<{ code: ZoneCategory; label: string }>;
  csiRoles: Array<{ code: CsiRole; label: string }>;
  /** Form labels by field: manager, team, teamLeaderEmail, standard, link, description, date… */
  fields: Record<string, string>;
  /** The steps of the lifecycle (growth-zone-lifecycle.ts), guards and roles aside. */
  transitions: Record<ZoneStatus, readonly ZoneStatus[]>;
}

const ZONE_FIELDS = [
  'manager',
  'team',
  'teamLeaderEmail',
  'source',
  'category',
  'standard',
  'link',
  'description',
  'date',
  'processAnswer',
  'note',
  'reason',
  'at',
  'role',
  'comment',
  'score',
  'caseId',
  'orderNo',
  'client',
] as const;

export function zoneLabels(lang: Lang): ZoneLabels {
  const label = (key: string): string =>
    isZoneMessageKey(key) ? tZone(lang, key) : isMessageKey(key) ? t(lang, key) : key;
  return {
    statuses: ZONE_STATUSES.map((code) => ({ code, label: label(`zoneStatus.${code}`) })),
    sources: ZONE_SOURCES.map((code) => ({ code, label: label(`zoneSource.${code}`) })),
    categories: ZONE_CATEGORIES.map((code) => ({ code, label: label(`zoneCategory.${code}`) })),
    csiRoles: CSI_ROLES.map((code) => ({ code, label: label(`csiRole.${code}`) })),
    fields: Object.fromEntries(ZONE_FIELDS.map((field) => [field, label(`field.${field}`)])),
    transitions: ZONE_TRANSITIONS,
  };
}
