/**
 * A client's cases and duplicates (docs/product.md, Finding cases): the open cases a new
 * registration shares an order number or a contact with, a case's other cases, and adding what a
 * registration brought to an open case instead of opening a second one. Each reads the columns a
 * match needs in one call, whatever the number of cases.
 */
import { fail, ServerRefusal } from '../domain/errors';
import { MAX_TEXT } from '../domain/limits';
import { OPEN_STATUSES, type Status } from '../domain/model';
import { findMatches, MATCH_FIELDS, type MatchFields, type MatchProbe, type MatchReason } from '../domain/search';
import { validateEdit } from '../domain/case-input';
import type { Settings } from '../domain/settings';
import { tServer } from '../domain/i18n/server';
import { recordOf } from '../domain/untrusted';
import type { CaseEvent } from '../domain/events';
import { now } from '../services/clock';
import { withDocumentLock } from '../services/lock';
import { rowToCaseFields } from '../sheets/case-row';
import { appendEvents, checkCellsFit, eventToCells, loadCase, requireWholeRows } from '../sheets/cases-repo';
import type { Table } from '../sheets/table';
import { casesTable, eventsTable } from '../sheets/workbook';
import { CASE_WORKERS, handleRequest, READERS, type RequestContext } from './context';
import type { Iso } from './views';

/** A case another one shares an order or a contact with, as the sidebar lists it. */
export interface CaseMatch {
  id: string;
  status: Status;
  criticality: string;
  orderNo: string;
  client: string;
  contact: string;
  /** The first 200 characters of what happened. */
  summary: string;
  createdAt: Iso;
  /** What it shares: the order number, the contact, or both. */
  by: MatchReason[];
}

/** How many matches a call returns at most: a client with more is a conversation for the grid. */
export const MAX_MATCHES = 20;
const SUMMARY_SHOWN = 200;

/** Every case's match fields: one read of the columns they span; rows that cannot be read are skipped. */
function readMatchFields(table: Table, ctx: RequestContext): MatchFields[] {
  const cases: MatchFields[] = [];
  table.readColumns(MATCH_FIELDS).forEach((raw, i) => {
    if (String(table.get(raw, 'id') ?? '').trim() === '') return;
    const parsed = rowToCaseFields(table, raw, i + 2, ctx.lang, MATCH_FIELDS);
    if (parsed.value) cases.push(parsed.value);
  });
  return cases;
}

function matchView(m: { case: MatchFields; by: MatchReason[] }): CaseMatch {
  const c = m.case;
  const summary = c.summary.length > SUMMARY_SHOWN ? `${c.summary.slice(0, SUMMARY_SHOWN)}…` : c.summary;
  return {
    id: c.id,
    status: c.status,
    criticality: c.criticality,
    orderNo: c.orderNo,
    client: c.client,
    contact: c.contact,
    summary,
    createdAt: new Date(c.createdAt).toISOString(),
    by: m.by,
  };
}

/** The open cases that share `probe`'s order number or contact, newest first. */
function openMatches(
  table: Table,
  ctx: RequestContext,
  probe: MatchProbe,
): Array<{ case: MatchFields; by: MatchReason[] }> {
  const open = readMatchFields(table, ctx).filter((c) => OPEN_STATUSES.includes(c.status));
  return findMatches(open, probe, ctx.settings.phoneCountry);
}

export interface MatchQuery {
  orderNo?: string;
  contact?: string;
}

function checkProbe(input: unknown): MatchProbe {
  const body = recordOf(input ?? {}) ?? fail('validation', 'input.object');
  const text = (field: 'orderNo' | 'contact') => {
    const value = body[field];
    if (value === undefined || value === null) return '';
    if (typeof value !== 'string') return fail('validation', 'input.text', undefined, field);
    if (value.length > MAX_TEXT) fail('validation', 'input.tooLong', { max: MAX_TEXT }, field);
    return value.trim();
  };
  return { orderNo: text('orderNo'), contact: text('contact') };
}

/**
 * The open cases a registration with this order number or contact would duplicate: what the New
 * case form shows before it is sent.
 */
export function apiFindMatches(query: unknown): CaseMatch[] {
  return handleRequest(CASE_WORKERS, (ctx) => {
    const probe = checkProbe(query);
    if (!probe.orderNo && !probe.contact) return [];
    return openMatches(casesTable(ctx.wb), ctx, probe).slice(0, MAX_MATCHES).map(matchView);
  });
}

/** The client's other cases, open or not: those sharing the case's contact or order number. */
export function apiClientCases(id: unknown): CaseMatch[] {
  return handleRequest(READERS, (ctx) => {
    if (typeof id !== 'string') return fail('validation', 'input.idText');
    const caseId = id.trim().toUpperCase();
    const cases = readMatchFields(casesTable(ctx.wb), ctx);
    const self = cases.find((c) => c.id === caseId) ?? fail('not_found', 'case.notFound', { id: caseId });
    const others = cases.filter((c) => c.id !== caseId);
    return findMatches(others, self, ctx.settings.phoneCountry).slice(0, MAX_MATCHES).map(matchView);
  });
}

/** The ids a registration says it has seen and registers anew despite (`acknowledgedMatches`). */
function acknowledged(input: unknown): string[] {
  const list = recordOf(input)?.acknowledgedMatches;
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list) || list.length > MAX_MATCHES * 5 || list.some((id) => typeof id !== 'string'))
    return fail('validation', 'input.acknowledgedMatches');
  return (list as string[]).map((id) => id.trim().toUpperCase());
}

/**
 * Under the registration's lock: refuses a registration that would duplicate open cases it has
 * not acknowledged (an old sidebar, or a case opened since the form looked), naming them. Returns
 * the Events note of the created case: which open cases it was registered anew beside.
 */
export function checkDuplicates(ctx: RequestContext, table: Table, input: unknown, fields: MatchProbe): string {
  const seen = new Set(acknowledged(input));
  const matches = openMatches(table, ctx, fields);
  const unseen = matches.filter((m) => !seen.has(m.case.id));
  if (unseen.length > 0) {
    throw new ServerRefusal('guard', 'duplicates.unacknowledged', {
      cases: unseen
        .slice(0, MAX_MATCHES)
        .map((m) => `${m.case.id} (${m.case.client}, ${m.case.orderNo})`)
        .join(', '),
    });
  }
  if (matches.length === 0) return '';
  return tServer(ctx.settings.language, 'duplicates.registeredAnew', { ids: matches.map((m) => m.case.id).join(', ') });
}

/** What a registration brings to an existing case: what happened, and its contact and links. */
export interface AddToCaseInput {
  summary: string;
  contact?: string;
  evidence?: string[];
}

/** What to add, checked with the rules of the case's own fields (case-input.ts); the contact in E.164. */
function checkAddition(input: unknown, settings: Settings): Required<AddToCaseInput> {
  const body = recordOf(input) ?? fail('validation', 'input.object');
  const given = (value: unknown) => value !== undefined && value !== null && value !== '';
  const edit = validateEdit(
    {
      summary: body.summary ?? '',
      ...(given(body.contact) ? { contact: body.contact } : {}),
      ...(given(body.evidence) ? { evidence: body.evidence } : {}),
    },
    settings,
  );
  return { summary: edit.summary ?? '', contact: edit.contact ?? '', evidence: edit.evidence ?? [] };
}

/**
 * Adds what a registration brought to open case `id` instead of registering a second case: one
 * Events row on that case saying what was added (what happened, the contact, the links), and
 * nothing else is written: the case keeps its fields and version.
 */
export function apiAddToCase(id: unknown, input: unknown): { id: string; note: string } {
  return handleRequest(CASE_WORKERS, (ctx) => {
    if (typeof id !== 'string') return fail('validation', 'input.idText');
    const caseId = id.trim().toUpperCase();
    const addition = checkAddition(input, ctx.settings);
    return withDocumentLock(() => {
      const table = casesTable(ctx.wb);
      const c = loadCase(table, caseId, ctx.lang).value;
      if (!OPEN_STATUSES.includes(c.status)) fail('guard', 'case.notOpen', { id: caseId, status: c.status });
      const lang = ctx.settings.language;
      const parts = [tServer(lang, 'duplicates.added', { summary: addition.summary })];
      const contact = addition.contact;
      if (contact && contact !== c.contact) parts.push(tServer(lang, 'duplicates.addedContact', { contact }));
      if (addition.evidence.length > 0)
        parts.push(tServer(lang, 'duplicates.addedLinks', { links: addition.evidence.join('\n') }));
      const event: CaseEvent = {
        at: now(),
        caseId,
        type: 'added',
        actor: ctx.email,
        from: '',
        to: '',
        note: parts.join('\n'),
        version: c.version,
        changes: null,
      };
      const events = eventsTable(ctx.wb);
      checkCellsFit([eventToCells(event)]);
      requireWholeRows(events);
      appendEvents(events, [event]);
      return { id: caseId, note: event.note };
    });
  });
}
