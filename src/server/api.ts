/**
 * The sidebar API (google.script.run). Each call: authorize, validate everything, then — for a
 * change — take the document lock, re-read the case, check its version, write one row and one
 * Events row, flush, release. A constant number of service calls, whatever the number of cases.
 */
import {
  applyEdit,
  caseChanges,
  criticalityEffects,
  editProblems,
  newCase,
  validateEdit,
  validateRegistration,
} from '../domain/case-input';
import { DomainError, fail } from '../domain/errors';
import { caseEvent, type CaseEvent, type EventType } from '../domain/events';
import { t, type Lang } from '../domain/i18n';
import { tServer, type ServerMessageKey } from '../domain/i18n/server';
import { checkMayEdit, TRANSITIONS, withDefaultOwner, type Actor } from '../domain/lifecycle';
import { applyStep, parseTransition, versionProblem } from '../domain/transition-input';
import { CRITICALITIES, OPEN_STATUSES, ROLES, STATUSES, type Case, type Role, type Status } from '../domain/model';
import { coerceSettings, type Settings } from '../domain/settings';
import { slaState, withClockMoments } from '../domain/sla';
import { matchesSearch, searchQuery } from '../domain/search';
import { renderTemplate, type RenderedMessage } from '../domain/templates';
import { pendingPromise, promisePassed } from '../domain/promise';
import { excerpt, recordOf, shown } from '../domain/untrusted';
import { endOfLocalDay } from '../domain/zoned-time';
import { now } from '../services/clock';
import { withDocumentLock } from '../services/lock';
import { getDocumentProperty, setDocumentProperty } from '../services/properties';
import { CASE_ID } from '../sheets/case-row';
import {
  appendCase,
  appendEvents,
  checkCaseFits,
  checkCellsFit,
  eventToCells,
  requireWholeRows,
  findCaseRow,
  loadCase,
  readAllCases,
  readCaseEvents,
  writeCase,
  type CaseRecord,
} from '../sheets/cases-repo';
import { CASES } from '../sheets/schema';
import { casesTable, eventsTable } from '../sheets/workbook';
import { CASE_WORKERS, handleRequest, LEADS, READERS, type RequestContext } from './context';
import { caseView, criticalityEffectViews, eventViews, type CaseView } from './views';
import { zoneLabels, type ZoneLabels } from './zone-views';
import { checkSettings, saveSettings } from './settings-save';
import { checkDuplicates } from './matches';
import { pendingPromiseView, type PendingPromiseView } from './promise';

export type { CaseView, EventView } from './views';
export type { Settings } from '../domain/settings';

export interface Bootstrap {
  user: { email: string; name: string };
  role: Role;
  locale: 'ru' | 'en';
  enums: {
    statuses: Array<{ code: Status; label: string }>;
    criticalities: Array<{ code: string; label: string }>;
    roles: Array<{ code: Role; label: string }>;
    transitions: Record<Status, readonly Status[]>;
    /** Zones of growth and CSI: their labels in the workbook's language (zone-views.ts). */
    zones: ZoneLabels;
  };
  settings: Settings;
  /** The case whose row is selected in the Cases tab, so the sidebar opens on it. */
  selectedCaseId: string | null;
  /** The server's time: due times are shown relative to it, not to the browser's clock. */
  now: string;
}

export const actorOf = (ctx: RequestContext): Actor => ({ email: ctx.email, role: ctx.role });

export function apiBootstrap(): Bootstrap {
  return handleRequest(READERS, (ctx) => ({
    user: { email: ctx.email, name: ctx.settings.team.find((m) => m.email === ctx.email)?.name ?? '' },
    role: ctx.role,
    locale: ctx.lang,
    enums: {
      statuses: STATUSES.map((code) => ({ code, label: t(ctx.lang, `status.${code}`) })),
      criticalities: CRITICALITIES.map((code) => ({ code, label: t(ctx.lang, `criticality.${code}`) })),
      roles: ROLES.map((code) => ({ code, label: t(ctx.lang, `role.${code}`) })),
      transitions: TRANSITIONS,
      zones: zoneLabels(ctx.lang),
    },
    settings: ctx.settings,
    selectedCaseId: selectedCaseId(ctx),
    now: new Date(now()).toISOString(),
  }));
}

/** The id in the selected row of the Cases tab, if a case row is selected. */
function selectedCaseId(ctx: RequestContext): string | null {
  const range = SpreadsheetApp.getActiveRange();
  if (!range || range.getRow() < 2) return null;
  const sheet = range.getSheet();
  if (sheet.getName() !== CASES.ru && sheet.getName() !== CASES.en) return null;
  const table = casesTable(ctx.wb);
  if (!table.has('id')) return null;
  const id = String(table.readColumn('id', range.getRow(), 1)[0] ?? '').trim();
  return CASE_ID.test(id) ? id : null;
}

export function apiGetSettings(): Settings {
  return handleRequest(READERS, (ctx) => ctx.settings);
}

export function apiSaveSettings(input: unknown): Settings {
  return handleRequest(LEADS, (ctx) => {
    const settings = checkSettings(coerceSettings(input));
    return withDocumentLock(() => {
      saveSettings(ctx.wb, ctx.settings, settings, ctx.email);
      return settings;
    });
  });
}

export function apiRegisterCase(input: unknown): CaseView {
  return handleRequest(CASE_WORKERS, (ctx) => {
    const fields = validateRegistration(input, ctx.settings, ctx.email);
    return withDocumentLock(() => {
      const at = now();
      const table = casesTable(ctx.wb);
      // Open cases with the same order or contact must have been seen (docs/product.md, Finding cases).
      const note = checkDuplicates(ctx, table, input, fields);
      const { id, claim } = nextCaseId(ctx, table, at);
      const created = newCase(id, fields, ctx.settings, ctx.email, at);
      const event = caseEvent('created', null, created, ctx.email, note);
      const sla = slaState(created, ctx.settings, at);
      // Every cell is checked before anything is written: a refused case takes no id, no row, no event.
      checkCaseFits(created, event, ctx.lang, sla);
      requireWholeRows(table, eventsTable(ctx.wb));
      claim();
      appendCase(table, created, ctx.lang, sla);
      appendEvents(eventsTable(ctx.wb), [event]);
      return caseView(created, ctx.settings, at, actorOf(ctx));
    });
  });
}

/**
 * `PREFIX-YYYY-NNNNN`, sequential per workbook and year. The counter lives in the document
 * properties, so a deleted row never gives its id away again; the TextFinder check guards against
 * a counter that fell behind (a restored copy of the workbook). The counter moves only when
 * `claim` is called, once the case is known to fit.
 */
function nextCaseId(
  ctx: RequestContext,
  table: ReturnType<typeof casesTable>,
  at: number,
): { id: string; claim: () => void } {
  const year = Utilities.formatDate(new Date(at), ctx.wb.timeZone, 'yyyy');
  const key = `arbiter.seq.${ctx.settings.caseIdPrefix}-${year}`;
  const prefix = `${ctx.settings.caseIdPrefix}-${year}-`;
  const idOf = (n: number) => `${prefix}${String(n).padStart(5, '0')}`;
  const counter = getDocumentProperty(key);
  let n = (Number(counter ?? '0') || 0) + 1;
  if (counter === null || findCaseRow(table, idOf(n)) !== null) {
    // The counter is lost (a copied workbook) or fell behind: the ids in the Cases tab and in
    // the Events log (a deleted row's id lives on there) say where to go on; one read of each.
    const logged = eventsTable(ctx.wb).readColumn('caseId');
    n = Math.max(highestSequence(table.readColumn('id'), prefix), highestSequence(logged, prefix)) + 1;
  }
  return { id: idOf(n), claim: () => setDocumentProperty(key, String(n)) };
}

/** The highest number among `ids` with `prefix`. */
function highestSequence(ids: unknown[], prefix: string): number {
  return ids.reduce<number>((max, id) => {
    const text = String(id ?? '');
    return text.startsWith(prefix) ? Math.max(max, Number(text.slice(prefix.length)) || 0) : max;
  }, 0);
}

export function checkId(id: unknown): string {
  if (typeof id !== 'string') return fail('validation', 'input.idText');
  const text = id.trim().toUpperCase();
  if (!CASE_ID.test(text)) fail('validation', 'input.id', { value: excerpt(id) });
  return text;
}

function checkVersion(body: Record<string, unknown>): number {
  const problem = versionProblem(body.version);
  if (problem) throw new DomainError('validation', [problem]);
  return body.version as number;
}

export function bodyOf(input: unknown): Record<string, unknown> {
  return recordOf(input) ?? fail('validation', 'input.object');
}

/** Loads the case under the lock and refuses a stale version (someone else changed it). */
export function loadForChange(
  ctx: RequestContext,
  id: string,
  version: number,
): { table: ReturnType<typeof casesTable>; record: CaseRecord } {
  const table = casesTable(ctx.wb);
  const record = loadCase(table, id, ctx.lang);
  if (record.value.version !== version) {
    fail('conflict', 'case.conflict', { id, actual: record.value.version, expected: version });
  }
  return { table, record };
}

/**
 * Writes the changed case and its Events row (after `earlier` rows of the same action, such as
 * the message a first response was given with); returns the view.
 */
export function commit(
  ctx: RequestContext,
  table: ReturnType<typeof casesTable>,
  record: CaseRecord,
  next: Case,
  type: EventType,
  note: string,
  at: number,
  earlier: CaseEvent[] = [],
): CaseView {
  const event = caseEvent(type, record.value, next, ctx.email, note);
  const sla = slaState(next, ctx.settings, at);
  checkCaseFits(next, event, ctx.lang, sla);
  checkCellsFit(earlier.map((e) => eventToCells(e)));
  requireWholeRows(table, eventsTable(ctx.wb));
  writeCase(table, record, next, ctx.lang, sla);
  appendEvents(eventsTable(ctx.wb), [...earlier, event]);
  return caseView(next, ctx.settings, at, actorOf(ctx));
}

export function apiGetCase(id: unknown): CaseView & { now: string; pendingPromise: PendingPromiseView | null } {
  return handleRequest(READERS, (ctx) => {
    const caseId = checkId(id);
    const record = loadCase(casesTable(ctx.wb), caseId, ctx.lang);
    const events = readCaseEvents(eventsTable(ctx.wb), caseId);
    const at = now();
    return {
      ...caseView(record.value, ctx.settings, at, actorOf(ctx)),
      events: eventViews(events),
      pendingPromise: pendingPromiseView(pendingPromise(events)),
      criticalityEffects: criticalityEffectViews(criticalityEffects(record.value, ctx.settings, at)),
      now: new Date(at).toISOString(),
    };
  });
}

export interface ListQuery {
  status?: Status | 'open';
  ownerDept?: string;
  mine?: boolean;
  overdue?: boolean;
  text?: string;
  offset?: number;
  limit?: number;
}

export interface CaseList {
  items: CaseView[];
  /** The server's time the list was computed at. */
  now: string;
  total: number;
  /** Counts over every case the query's filters (except paging) keep. */
  counts: { overdue: number; atRisk: number; dueToday: number; waiting: number };
}

export const MAX_PAGE = 200;

const MAX_QUERY_TEXT = 200;

function checkQuery(
  input: unknown,
  lang: Lang,
): Required<Omit<ListQuery, 'status' | 'ownerDept'>> & Pick<ListQuery, 'status' | 'ownerDept'> {
  const q = input === undefined || input === null ? {} : bodyOf(input);
  const bad = (detail: ServerMessageKey, params?: Record<string, string | number>): never =>
    fail('validation', 'input.query', { detail: tServer(lang, detail, params) });
  if (q.status !== undefined && q.status !== 'open' && !STATUSES.includes(q.status as Status))
    bad('query.status', { value: shown(q.status) });
  if (q.ownerDept !== undefined && typeof q.ownerDept !== 'string') bad('query.ownerDept');
  if (q.text !== undefined && (typeof q.text !== 'string' || q.text.length > MAX_QUERY_TEXT))
    bad('query.text', { max: MAX_QUERY_TEXT });
  const int = (v: unknown, min: number, max: number, fallback: number) => {
    if (v === undefined) return fallback;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) return bad('query.page');
    return v;
  };
  return {
    status: q.status as ListQuery['status'],
    ownerDept: q.ownerDept as string | undefined,
    mine: q.mine === true,
    overdue: q.overdue === true,
    text: typeof q.text === 'string' ? q.text.trim() : '',
    offset: int(q.offset, 0, 1_000_000, 0),
    limit: int(q.limit, 1, MAX_PAGE, 50),
  };
}

export function apiListCases(query?: unknown): CaseList {
  return handleRequest(READERS, (ctx) => {
    const q = checkQuery(query, ctx.lang);
    const at = now();
    const actor = actorOf(ctx);
    const table = casesTable(ctx.wb);
    // Loading a list writes nothing: the hourly job keeps the SLA column true, and the rows'
    // colours follow the stored moments by themselves (docs/product.md, Escalation).
    const { records } = readAllCases(table, ctx.lang);
    const todayEnd = endOfLocalDay(at, ctx.wb.timeZone);
    const search = searchQuery(q.text, ctx.settings.phoneCountry);
    const views = records
      .map((r) => caseView(r.value, ctx.settings, at, actor))
      .filter((v) => {
        if (q.status === 'open' && !OPEN_STATUSES.includes(v.status)) return false;
        if (q.status && q.status !== 'open' && v.status !== q.status) return false;
        if (q.ownerDept && v.ownerDept !== q.ownerDept) return false;
        if (q.mine && v.agent !== ctx.email && v.ownerEmail !== ctx.email) return false;
        if (q.overdue && !v.overdue) return false;
        return matchesSearch(v, search);
      });
    views.sort((a, b) => rank(a) - rank(b) || sortTime(a) - sortTime(b));
    const open = views.filter((v) => OPEN_STATUSES.includes(v.status));
    return {
      items: views.slice(q.offset, q.offset + q.limit),
      now: new Date(at).toISOString(),
      total: views.length,
      counts: {
        overdue: open.filter((v) => v.overdue).length,
        atRisk: open.filter((v) => v.atRisk).length,
        dueToday: open.filter((v) => !v.overdue && v.status !== 'waiting_client' && Date.parse(v.dueAt) <= todayEnd)
          .length,
        waiting: open.filter((v) => v.status === 'waiting_client').length,
      },
    };
  });
}

/** Queue order: overdue, at risk, other open work, resolved, then finished cases. */
function rank(v: CaseView): number {
  if (v.overdue) return 0;
  if (v.atRisk) return 1;
  if (OPEN_STATUSES.includes(v.status)) return 2;
  if (v.status === 'resolved') return 3;
  return 4;
}

function sortTime(v: CaseView): number {
  return rank(v) >= 3 ? -Date.parse(v.updatedAt) : Date.parse(v.dueAt);
}

/**
 * One step of a case, whole: what the step asks for (an owner, evidence, a resolution…) is
 * checked with the move, and written as one new version of the row with one Events row, under
 * one lock; or nothing is written.
 */
export function apiTransition(id: unknown, input: unknown): CaseView {
  return handleRequest(['agent', 'lead', 'owner'], (ctx) => {
    const caseId = checkId(id);
    const step = parseTransition(input, ctx.settings);
    return withDocumentLock(() => {
      const at = now();
      const { table, record } = loadForChange(ctx, caseId, step.version);
      const next = applyStep(record.value, step, actorOf(ctx), ctx.settings, at);
      return commit(ctx, table, record, next, 'status', step.note ?? '', at);
    });
  });
}

export function apiUpdateCase(id: unknown, input: unknown): CaseView {
  return handleRequest(['agent', 'lead', 'owner'], (ctx) => {
    const caseId = checkId(id);
    const body = bodyOf(input);
    const version = checkVersion(body);
    const edit = validateEdit(body, ctx.settings);
    // A department owner adds photos and videos to their own cases (an A case is resolved only
    // with evidence), and changes nothing else.
    const ownerEdit = ctx.role === 'owner';
    if (ownerEdit && Object.keys(edit).some((field) => field !== 'evidence')) fail('forbidden', 'auth.ownerEdit');
    return withDocumentLock(() => {
      const at = now();
      const { table, record } = loadForChange(ctx, caseId, version);
      const c = record.value;
      checkMayEdit(c, Object.keys(edit), actorOf(ctx));
      const next = applyEdit(c, withDefaultOwner(c, edit, ctx.settings), ctx.settings, ctx.email, at);
      const problems = editProblems(next);
      if (problems.length > 0) throw new DomainError('guard', problems);
      // Nothing changed: no new version, no Events row.
      if (Object.keys(caseChanges(c, next)).every((k) => ['version', 'updatedAt', 'updatedBy'].includes(k))) {
        return caseView(c, ctx.settings, at, actorOf(ctx));
      }
      return commit(ctx, table, record, next, 'updated', '', at);
    });
  });
}

export function apiRecordFirstResponse(id: unknown, input: unknown): CaseView {
  return handleRequest(CASE_WORKERS, (ctx) => {
    const caseId = checkId(id);
    const version = checkVersion(bodyOf(input));
    return withDocumentLock(() => {
      const at = now();
      const { table, record } = loadForChange(ctx, caseId, version);
      return commit(ctx, table, record, answered(ctx, record.value, at), 'first_response', '', at);
    });
  });
}

/**
 * The case with its first response given at `at`: the one path every first response takes (the
 * button, or a message sent that the agent counts as one), so it is counted once.
 */
export function answered(ctx: RequestContext, c: Case, at: number): Case {
  if (c.firstResponseAt !== null) fail('guard', 'case.firstResponseAlready', { id: c.id });
  if (!OPEN_STATUSES.includes(c.status)) fail('guard', 'case.notOpen', { id: c.id, status: c.status });
  const next: Case = { ...c, firstResponseAt: at, version: c.version + 1, updatedAt: at, updatedBy: ctx.email };
  return withClockMoments(next, ctx.settings);
}

/**
 * A client message: a template filled for the case. A deadline that has passed is never promised
 * (docs/product.md, Notes and messages: promises): `{deadline}` then says a new one is to be set,
 * or that the one proposed waits for a lead, and `deadline` tells the sidebar which.
 */
export function apiRenderTemplate(id: unknown, key: unknown): RenderedTemplate {
  return handleRequest(READERS, (ctx) => {
    const caseId = checkId(id);
    const template = ctx.settings.templates.find((tpl) => tpl.key === key);
    if (!template) fail('not_found', 'case.templateUnknown', { key: shown(key) });
    const record = loadCase(casesTable(ctx.wb), caseId, ctx.lang);
    const c = record.value;
    const agentName = ctx.settings.team.find((m) => m.email === c.agent)?.name || c.agent;
    const at = now();
    let deadline: RenderedTemplate['deadline'] = 'promised';
    let deadlineText = Utilities.formatDate(new Date(c.dueAt), ctx.wb.timeZone, 'dd.MM.yyyy HH:mm');
    if (promisePassed(c, at)) {
      const pending = template.text.includes('{deadline}')
        ? pendingPromise(readCaseEvents(eventsTable(ctx.wb), caseId))
        : null;
      deadline = pending ? 'pending' : 'passed';
      deadlineText = tServer(ctx.lang, pending ? 'promise.placeholderPending' : 'promise.placeholderPassed');
    }
    return { ...renderTemplate(template.text, c, { agentName, deadline: deadlineText }), deadline };
  });
}

/** A rendered message, and whether its deadline may be promised (see apiRenderTemplate). */
export type RenderedTemplate = RenderedMessage & { deadline: 'promised' | 'passed' | 'pending' };
