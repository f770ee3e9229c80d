/**
 * The sidebar's API for zones of growth and CSI (docs/product.md, Zones of growth and CSI). Each
 * call: authorize, validate the whole input, then — for a change — take the document lock, find
 * the entry's row by id (one TextFinder), read that row, check its version, write the changed
 * cells and one Events row. Logging appends, reading nothing. A constant number of service calls,
 * whatever the number of entries.
 */
import { fail } from '../domain/errors';
import {
  applyZoneStep,
  isOpenZone,
  isZoneStatus,
  newCsiEntry,
  newGrowthZone,
  parseCsiInput,
  parseGrowthZoneInput,
  parseZoneStep,
  type ZoneActor,
} from '../domain/growth-zone-lifecycle';
import { managerSummary, monthAt } from '../domain/growth-zone-summary';
import type { CsiInput, GrowthZoneInput, GrowthZoneStep, ZoneStatus } from '../domain/growth-zones';
import { zoneEvent } from '../domain/events';
import { normalizeEmail, type Settings } from '../domain/settings';
import { recordOf, shown } from '../domain/untrusted';
import type { Lang } from '../domain/i18n';
import { tServer } from '../domain/i18n/server';
import { now } from '../services/clock';
import { withDocumentLock } from '../services/lock';
import { readCaseEvents } from '../sheets/cases-repo';
import { eventsTable } from '../sheets/workbook';
import {
  allocateEntryId,
  appendCsiEntry,
  appendGrowthZone,
  csiTable,
  loadGrowthZone,
  readCsiEntries,
  readGrowthZones,
  writeGrowthZone,
  zonesTable,
  ZONE_ID,
} from '../sheets/zones-tab';
import { CASE_WORKERS, handleRequest, READERS, type RequestContext } from './context';
import {
  csiView,
  growthZoneView,
  zoneEventView,
  type CsiView,
  type GrowthZoneView,
  type ManagerSummaryView,
  type ZoneEventView,
} from './zone-views';

export type { CsiView, GrowthZoneView, ManagerSummaryView, ZoneEventView } from './zone-views';
export type { CsiInput, GrowthZoneInput, GrowthZoneStep, ZoneStatus };

/** Who may try to move an entry; the lifecycle then decides per step (growth-zone-lifecycle.ts). */
const ZONE_MOVERS = ['agent', 'lead', 'team_leader'] as const;

const actorOf = (ctx: RequestContext): ZoneActor => ({ email: ctx.email, role: ctx.role });

/** The team of the caller in the Settings team list, for a team leader; null otherwise. */
function myTeamOf(settings: Settings, email: string): string | null {
  const member = settings.team.find((m) => normalizeEmail(m.email) === normalizeEmail(email));
  return member && member.role === 'team_leader' && member.team.trim() ? member.team.trim() : null;
}

function checkZoneId(id: unknown): string {
  const text = typeof id === 'string' ? id.trim().toUpperCase() : '';
  if (!ZONE_ID.test(text)) fail('validation', 'input.zoneId', { value: shown(id) });
  return text;
}

export function apiLogGrowthZone(input: unknown): GrowthZoneView {
  return handleRequest(CASE_WORKERS, (ctx) => {
    const fields = parseGrowthZoneInput(input, ctx.settings);
    return withDocumentLock(() => {
      const at = now();
      const table = zonesTable(ctx.wb);
      const { id, claim } = allocateEntryId(ctx.wb, table, 'GZ', at);
      const zone = newGrowthZone(id, fields, ctx.email, at);
      appendGrowthZone(ctx.wb, zone, table, claim);
      return growthZoneView(zone, actorOf(ctx), at);
    });
  });
}

/**
 * One step of an entry, whole: the step and what it needs (a date, a reason, a process error's
 * answer) checked by the lifecycle's guards, written as one new version with one Events row under
 * one lock; or nothing is written.
 */
export function apiMoveGrowthZone(id: unknown, input: unknown): GrowthZoneView {
  return handleRequest(ZONE_MOVERS, (ctx) => {
    const zoneId = checkZoneId(id);
    const step = parseZoneStep(input);
    return withDocumentLock(() => {
      const at = now();
      const table = zonesTable(ctx.wb);
      const record = loadGrowthZone(table, zoneId, ctx.lang);
      const { zone, event } = applyZoneStep(record.value, step, actorOf(ctx), at, ctx.wb.timeZone);
      writeGrowthZone(ctx.wb, table, record, zone, zoneEvent(record.value, zone, event.actor, event.note));
      return growthZoneView(zone, actorOf(ctx), at);
    });
  });
}

export function apiLogCsi(input: unknown): CsiView {
  return handleRequest(CASE_WORKERS, (ctx) => {
    const fields = parseCsiInput(input, ctx.settings, now());
    return withDocumentLock(() => {
      const at = now();
      const table = csiTable(ctx.wb);
      const { id, claim } = allocateEntryId(ctx.wb, table, 'CSI', at);
      const entry = newCsiEntry(id, fields, ctx.email, at);
      appendCsiEntry(ctx.wb, entry, table, claim);
      return csiView(entry);
    });
  });
}

export function apiGetGrowthZone(id: unknown): GrowthZoneView & { events: ZoneEventView[] } {
  return handleRequest(READERS, (ctx) => {
    const zoneId = checkZoneId(id);
    const record = loadGrowthZone(zonesTable(ctx.wb), zoneId, ctx.lang);
    const events = readCaseEvents(eventsTable(ctx.wb), zoneId);
    return { ...growthZoneView(record.value, actorOf(ctx), now()), events: events.map(zoneEventView) };
  });
}

export interface GrowthZoneQuery {
  team?: string;
  status?: ZoneStatus;
  /** Only entries still open (not passed, repeated or accepted). */
  open?: boolean;
  /** Searched in the id, manager, team, standard and description. */
  text?: string;
  offset?: number;
  limit?: number;
}

export interface GrowthZoneList {
  items: GrowthZoneView[];
  total: number;
  /** Every team named by an entry, sorted: the choices of the team filter. */
  teams: string[];
  /** The caller's team when they are a team leader (Settings): their entries come first. */
  myTeam: string | null;
}

export interface CsiQuery {
  team?: string;
  manager?: string;
  text?: string;
  offset?: number;
  limit?: number;
}

export interface CsiList {
  items: CsiView[];
  total: number;
}

export interface ZoneSummaryQuery {
  team?: string;
}

export interface ZoneSummary {
  /** The calendar month summed up, 'YYYY-MM' in the workbook's time zone. */
  month: string;
  rows: ManagerSummaryView[];
}

const MAX_PAGE = 200;

/** A list query's fields, checked: unknown values refuse the call with what was wrong. */
function queryOf(input: unknown, lang: Lang) {
  const q: Record<string, unknown> =
    input === undefined || input === null ? {} : (recordOf(input) ?? fail('validation', 'input.object'));
  // What is wrong, in the person's words (docs/product.md, Integrity: what a person reads).
  const bad = (name: string): never =>
    fail('validation', 'input.query', {
      detail:
        name === 'offset' || name === 'limit'
          ? tServer(lang, 'query.page')
          : name === 'status'
            ? tServer(lang, 'query.status', { value: shown(q.status) })
            : tServer(lang, 'query.filter'),
    });
  const text = (name: string): string => {
    const v = q[name];
    if (v === undefined || v === null || v === '') return '';
    if (typeof v !== 'string' || v.length > 200) return bad(name);
    return v.trim();
  };
  const int = (name: string, min: number, max: number, fallback: number): number => {
    const v = q[name];
    if (v === undefined) return fallback;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) return bad(name);
    return v;
  };
  return {
    raw: q,
    bad,
    text,
    page: { offset: int('offset', 0, 1_000_000, 0), limit: int('limit', 1, MAX_PAGE, 50) },
  };
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The entries, filtered; a team leader's own team comes first (the list is not narrowed to it:
 * the `team` filter does that), then open entries before finished ones, newest first.
 */
export function apiListGrowthZones(query?: unknown): GrowthZoneList {
  return handleRequest(READERS, (ctx) => {
    const q = queryOf(query, ctx.lang);
    const team = q.text('team');
    const status = q.raw.status;
    if (status !== undefined && !isZoneStatus(status)) q.bad('status');
    if (q.raw.open !== undefined && typeof q.raw.open !== 'boolean') q.bad('open');
    const open = q.raw.open === true;
    const text = q.text('text').toLowerCase();
    const at = now();
    const myTeam = myTeamOf(ctx.settings, ctx.email);
    const { zones } = readGrowthZones(ctx.wb);
    const teams = [...new Set(zones.map((z) => z.team).filter(Boolean))].sort((a, b) => a.localeCompare(b));
    const kept = zones.filter((z) => {
      if (team && !same(z.team, team)) return false;
      if (status !== undefined && z.status !== status) return false;
      if (open && !isOpenZone(z)) return false;
      if (text && ![z.id, z.manager, z.team, z.standard, z.description].some((f) => f.toLowerCase().includes(text)))
        return false;
      return true;
    });
    const mine = (team: string) => (myTeam !== null && same(team, myTeam) ? 0 : 1);
    kept.sort(
      (a, b) =>
        mine(a.team) - mine(b.team) ||
        Number(!isOpenZone(a)) - Number(!isOpenZone(b)) ||
        b.loggedAt - a.loggedAt ||
        b.id.localeCompare(a.id),
    );
    const actor = actorOf(ctx);
    return {
      items: kept.slice(q.page.offset, q.page.offset + q.page.limit).map((z) => growthZoneView(z, actor, at)),
      total: kept.length,
      teams,
      myTeam,
    };
  });
}

/** CSI comments, filtered by team, manager and text (manager, team, comment, client, order, case); newest first. */
export function apiListCsi(query?: unknown): CsiList {
  return handleRequest(READERS, (ctx) => {
    const q = queryOf(query, ctx.lang);
    const team = q.text('team');
    const manager = q.text('manager');
    const text = q.text('text').toLowerCase();
    const { entries } = readCsiEntries(ctx.wb);
    const kept = entries
      .filter((e) => {
        if (team && !same(e.team, team)) return false;
        if (manager && !same(e.manager, manager)) return false;
        if (
          text &&
          ![e.id, e.manager, e.team, e.comment, e.client, e.orderNo, e.caseId].some((f) =>
            f.toLowerCase().includes(text),
          )
        )
          return false;
        return true;
      })
      .sort((a, b) => b.at - a.at || b.id.localeCompare(a.id));
    return { items: kept.slice(q.page.offset, q.page.offset + q.page.limit).map(csiView), total: kept.length };
  });
}

/**
 * The current month's per-manager summary (growth-zone-summary.ts). A team leader asking without
 * a team gets their own team's; anyone else gets every team.
 */
export function apiZoneSummary(query?: unknown): ZoneSummary {
  return handleRequest(READERS, (ctx) => {
    const q = queryOf(query, ctx.lang);
    const team = q.text('team') || myTeamOf(ctx.settings, ctx.email) || undefined;
    const month = monthAt(now(), ctx.wb.timeZone);
    const { zones } = readGrowthZones(ctx.wb);
    const { entries } = readCsiEntries(ctx.wb);
    return { month: month.label, rows: managerSummary(zones, entries, month, team) };
  });
}
