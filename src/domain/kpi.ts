/**
 * The KPIs, one implementation each (docs/product.md, KPIs): the weekly tab, the dashboard and the
 * digests all call these. Each is a pure function of cases and a period [start, end), and returns
 * its figure with the number of cases it rests on; a figure with no case to rest on is `null`,
 * never 0. Percentages are 0–100; durations are business hours on the business calendar.
 *
 * Which cases each figure counts (cancelled cases count in none: a cancellation is a duplicate or
 * a mistaken registration, not service given):
 * - first-response SLA %: cases registered in the period whose first response is decided: answered
 *   (on time when by its due time), or unanswered past its due time at `asOf` (a breach). A case
 *   still unanswered whose due time has not come at `asOf` is pending and counted apart.
 * - time to close per A/B/C: cases resolved in the period, timed on the resolution clock as the SLA
 *   counts it: business minutes from the clock's start (registration, or the last reopening) to
 *   the resolution, minus the minutes spent waiting for the client. Within target: resolved by its
 *   due time (which already holds the waiting minutes), as the overdue flag judged it.
 * - reopen rate: of the cases whose resolution the period saw (resolved in it, or reopened in it
 *   and not resolved since), the share reopened at least once.
 * - share bypassing client service: cases registered in the period with the `bypass` flag.
 * - per owner department: cases registered in the period; open and overdue at `asOf`; median
 *   hours to resolve and share within target over the cases it resolved in the period.
 * - root causes: cases closed in the period, by the root cause closing recorded.
 * - CSAT: the mean of the 1–5 scores of the cases closed in the period that have one; it rests on
 *   the number of scores, not of cases closed (a case closed without a score says nothing).
 * - NPS: of the 0–10 answers of the cases closed in the period, % promoters (9–10) minus %
 *   detractors (0–6), in −100…100; never derived from CSAT. It rests on the number of answers.
 * - first-contact resolution: of the cases resolved in the period, the share client service
 *   resolved itself: the owner (`ownerEmail`) is on the client-service team (a Settings team
 *   member with the role agent or lead) and the case was never reopened. A case handed to a
 *   department gets that department's owner, so an owner outside client service is a hand-off.
 * - incidents per 100 orders: over the ISO weeks whose Thursday falls in the period (a week
 *   period is its own week; a month, the ISO weeks of that month), the cases registered in those
 *   weeks × 100 / their orders from the Orders tab. A week without an order count makes the
 *   figure "no order count" (null), never a division by zero; the trend is the same figure week
 *   by week, with the change against the week before.
 */
import { businessMinutesBetween } from './calendar';
import { isoWeekAt, weekPeriod, previousWeek, type IsoWeek, type WeekPeriod } from './iso-week';
import type { WeeklyOrders } from './orders';
import type { CaseField } from './case-fields';
import { OPEN_STATUSES, type Case, type Criticality, type Ms } from './model';
import { normalizeEmail, type Settings } from './settings';
import { slaState } from './sla';

/** [start, end): a week, four weeks, a month. */
export interface Period {
  start: Ms;
  end: Ms;
}

/** A figure and how many cases it rests on; `value` is null when there are none (no data, not 0). */
export interface Figure {
  value: number | null;
  cases: number;
}

/** The fields the KPIs read: the sheets layer reads only these columns. */
export const KPI_FIELDS = [
  'id',
  'status',
  'criticality',
  'ownerDept',
  'bypass',
  'createdAt',
  'dueFirstResponseAt',
  'firstResponseAt',
  'resolutionStartAt',
  'pausedMinutes',
  'waitingSince',
  'dueAt',
  'resolvedAt',
  'closedAt',
  'rootCause',
  'prevention',
  'reopenCount',
  'ownerEmail',
  'csat',
  'nps',
] as const satisfies readonly CaseField[];

export type KpiCase = Pick<Case, (typeof KPI_FIELDS)[number]>;

const MINUTES_PER_HOUR = 60;
const DAY_MS = 86_400_000;

function within(period: Period, ms: Ms | null): boolean {
  return ms !== null && period.start <= ms && ms < period.end;
}

const counts = (c: Pick<Case, 'status'>) => c.status !== 'cancelled';

/** `part` of `whole` as a percentage resting on `whole` cases. */
export function percent(part: number, whole: number): Figure {
  return { value: whole > 0 ? (100 * part) / whole : null, cases: whole };
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * The nearest-rank percentile (`p` in 0–1): the smallest value with at least p of the values at
 * or below it, so it is always one of the values (p90 of 10 values is the 9th). Null for none.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1] as number;
}

/** Cases registered in the period (not cancelled). */
export function registeredIn<C extends Pick<Case, 'status' | 'createdAt'>>(cases: readonly C[], period: Period): C[] {
  return cases.filter((c) => counts(c) && within(period, c.createdAt));
}

/** Cases resolved in the period (their current resolution: a reopening clears it). */
export function resolvedIn<C extends Pick<Case, 'status' | 'resolvedAt'>>(cases: readonly C[], period: Period): C[] {
  return cases.filter((c) => counts(c) && within(period, c.resolvedAt));
}

export interface FirstResponseFigure extends Figure {
  /** Answered by the due time. */
  met: number;
  /** Registered in the period, unanswered, due after `asOf`: not yet decided, not counted. */
  pending: number;
}

export function firstResponseSla(
  cases: readonly Pick<KpiCase, 'status' | 'createdAt' | 'firstResponseAt' | 'dueFirstResponseAt'>[],
  period: Period,
  asOf: Ms,
): FirstResponseFigure {
  let met = 0;
  let decided = 0;
  let pending = 0;
  for (const c of registeredIn(cases, period)) {
    if (c.firstResponseAt !== null) {
      decided++;
      if (c.firstResponseAt <= c.dueFirstResponseAt) met++;
    } else if (asOf > c.dueFirstResponseAt) decided++;
    else pending++;
  }
  return { ...percent(met, decided), met, pending };
}

/** Business minutes on the resolution clock from its start to the resolution, less the waiting. */
export function resolutionMinutes(
  c: Pick<KpiCase, 'resolutionStartAt' | 'resolvedAt' | 'pausedMinutes'>,
  settings: Pick<Settings, 'calendar'>,
): number {
  if (c.resolvedAt === null) return 0;
  return Math.max(0, businessMinutesBetween(settings.calendar, c.resolutionStartAt, c.resolvedAt) - c.pausedMinutes);
}

export interface CloseTimes {
  /** Cases resolved in the period (of this criticality). */
  cases: number;
  medianHours: number | null;
  p90Hours: number | null;
  /** Resolved by the due time, of `cases`. */
  withinTarget: Figure;
  /** Resolved after the due time. */
  late: number;
}

type CloseCase = Pick<KpiCase, 'status' | 'resolutionStartAt' | 'resolvedAt' | 'pausedMinutes' | 'dueAt'>;

function closeTimesOf(resolved: readonly CloseCase[], settings: Pick<Settings, 'calendar'>): CloseTimes {
  const hours = resolved.map((c) => resolutionMinutes(c, settings) / MINUTES_PER_HOUR);
  const onTime = resolved.filter((c) => (c.resolvedAt as Ms) <= c.dueAt).length;
  return {
    cases: resolved.length,
    medianHours: median(hours),
    p90Hours: percentile(hours, 0.9),
    withinTarget: percent(onTime, resolved.length),
    late: resolved.length - onTime,
  };
}

/** Time to close (resolve) per criticality, over the cases resolved in the period. */
export function timeToClose(
  cases: readonly (CloseCase & Pick<KpiCase, 'criticality'>)[],
  period: Period,
  settings: Pick<Settings, 'calendar'>,
): Record<Criticality, CloseTimes> {
  const resolved = resolvedIn(cases, period);
  const byCriticality = (k: Criticality) =>
    closeTimesOf(
      resolved.filter((c) => c.criticality === k),
      settings,
    );
  return { A: byCriticality('A'), B: byCriticality('B'), C: byCriticality('C') };
}

export interface ReopenFigure extends Figure {
  reopened: number;
}

export function reopenRate(
  cases: readonly Pick<KpiCase, 'status' | 'resolvedAt' | 'reopenCount' | 'resolutionStartAt'>[],
  period: Period,
): ReopenFigure {
  const seen = cases.filter(
    (c) =>
      counts(c) &&
      (within(period, c.resolvedAt) ||
        (c.resolvedAt === null && c.reopenCount > 0 && within(period, c.resolutionStartAt))),
  );
  const reopened = seen.filter((c) => c.reopenCount > 0).length;
  return { ...percent(reopened, seen.length), reopened };
}

export interface BypassFigure extends Figure {
  bypassed: number;
}

export function bypassShare(
  cases: readonly Pick<KpiCase, 'status' | 'createdAt' | 'bypass'>[],
  period: Period,
): BypassFigure {
  const registered = registeredIn(cases, period);
  const bypassed = registered.filter((c) => c.bypass).length;
  return { ...percent(bypassed, registered.length), bypassed };
}

export interface DepartmentLoad {
  department: string;
  /** Registered in the period. */
  registered: number;
  /** Open at `asOf`, whenever registered. */
  open: number;
  /** Open and overdue at `asOf`. */
  overdue: number;
  /** Resolved in the period. */
  resolved: number;
  /** Resolved in the period after the due time. */
  resolvedLate: number;
  medianHours: number | null;
  /** Resolved by the due time, of `resolved`. */
  withinTarget: Figure;
}

/**
 * Per owner department: Settings' departments in their order, then any other a case names; a
 * department with nothing registered, open or resolved is left out.
 */
export function departmentLoad(
  cases: readonly KpiCase[],
  period: Period,
  settings: Settings,
  asOf: Ms,
): DepartmentLoad[] {
  const names = [
    ...settings.departments.map((d) => d.name),
    ...[...new Set(cases.map((c) => c.ownerDept))].sort((a, b) => a.localeCompare(b)),
  ];
  const rows: DepartmentLoad[] = [];
  for (const department of new Set(names)) {
    const mine = cases.filter((c) => c.ownerDept === department);
    const open = mine.filter((c) => OPEN_STATUSES.includes(c.status));
    const resolved = resolvedIn(mine, period);
    const times = closeTimesOf(resolved, settings);
    const row: DepartmentLoad = {
      department,
      registered: registeredIn(mine, period).length,
      open: open.length,
      overdue: open.filter((c) => slaState(c, settings, asOf).overdue).length,
      resolved: resolved.length,
      resolvedLate: times.late,
      medianHours: times.medianHours,
      withinTarget: times.withinTarget,
    };
    if (row.registered + row.open + row.resolved > 0) rows.push(row);
  }
  return rows;
}

/**
 * The bottleneck: the department holding the most cases past their target (resolved late in the
 * period, plus open and overdue now); ties go to the lower share within target, then the more
 * open cases. None when no department has a case past its target.
 */
export function bottleneck(rows: readonly DepartmentLoad[]): DepartmentLoad | null {
  const missed = (r: DepartmentLoad) => r.resolvedLate + r.overdue;
  const ranked = rows
    .filter((r) => missed(r) > 0)
    .sort(
      (a, b) =>
        missed(b) - missed(a) ||
        (a.withinTarget.value ?? 100) - (b.withinTarget.value ?? 100) ||
        b.open - a.open ||
        a.department.localeCompare(b.department),
    );
  return ranked[0] ?? null;
}

export interface CauseRow {
  cause: string;
  count: number;
  /** Of the period's cases closed with a root cause. */
  share: number;
  /** The same count in the period before. */
  previous: number;
  /** count − previous. */
  change: number;
}

export interface RootCauseRanking {
  /** Cases closed in the period with a root cause (the shares' base). */
  total: number;
  previousTotal: number;
  /**
   * Most frequent first (ties by name); then the causes of the period before that did not recur
   * (count 0), so a cause that went away shows its change.
   */
  rows: CauseRow[];
}

function causeCounts(cases: readonly Pick<KpiCase, 'status' | 'closedAt' | 'rootCause'>[], period: Period) {
  const byCause = new Map<string, number>();
  for (const c of cases) {
    const cause = c.rootCause.trim();
    if (c.status === 'closed' && within(period, c.closedAt) && cause) byCause.set(cause, (byCause.get(cause) ?? 0) + 1);
  }
  return byCause;
}

/** Root causes of the cases closed in `period`, ranked, with the change against `previous`. */
export function rootCauses(
  cases: readonly Pick<KpiCase, 'status' | 'closedAt' | 'rootCause'>[],
  period: Period,
  previous: Period,
): RootCauseRanking {
  const now = causeCounts(cases, period);
  const before = causeCounts(cases, previous);
  const total = [...now.values()].reduce((a, b) => a + b, 0);
  const previousTotal = [...before.values()].reduce((a, b) => a + b, 0);
  const row = (cause: string): CauseRow => {
    const count = now.get(cause) ?? 0;
    const was = before.get(cause) ?? 0;
    return { cause, count, share: total > 0 ? (100 * count) / total : 0, previous: was, change: count - was };
  };
  const byRank = (a: CauseRow, b: CauseRow) =>
    b.count - a.count || b.previous - a.previous || a.cause.localeCompare(b.cause);
  const current = [...now.keys()].map(row).sort(byRank);
  const gone = [...before.keys()]
    .filter((cause) => !now.has(cause))
    .map(row)
    .sort(byRank);
  return { total, previousTotal, rows: [...current, ...gone] };
}

export interface PreventionAction {
  text: string;
  /** The cases that recorded this action, in the order given. */
  caseIds: string[];
}

export interface PreventionGroup {
  cause: string;
  actions: PreventionAction[];
}

/**
 * The prevention actions recorded by the cases closed in the period, grouped by root cause (most
 * frequent cause first, as `rootCauses` ranks them); the same text under one cause is one action.
 */
export function preventionByCause(
  cases: readonly Pick<KpiCase, 'id' | 'status' | 'closedAt' | 'rootCause' | 'prevention'>[],
  period: Period,
): PreventionGroup[] {
  const ranking = rootCauses(cases, period, { start: period.start, end: period.start });
  const groups = new Map<string, Map<string, PreventionAction>>(ranking.rows.map((r) => [r.cause, new Map()]));
  for (const c of cases) {
    const text = c.prevention.trim();
    const group = groups.get(c.rootCause.trim());
    if (!text || !group || c.status !== 'closed' || !within(period, c.closedAt)) continue;
    const action = group.get(text) ?? { text, caseIds: [] };
    action.caseIds.push(c.id);
    group.set(text, action);
  }
  return [...groups]
    .map(([cause, actions]) => ({ cause, actions: [...actions.values()] }))
    .filter((g) => g.actions.length > 0);
}

// ---- Satisfaction, first contact, incidents per 100 orders ----

type ScoredCase = Pick<KpiCase, 'status' | 'closedAt' | 'csat' | 'nps'>;

/** The scores `field` of the cases closed in the period that gave one. */
function scoresOfClosed(cases: readonly ScoredCase[], period: Period, field: 'csat' | 'nps'): number[] {
  const scores: number[] = [];
  for (const c of cases) {
    const score = c[field];
    if (c.status === 'closed' && within(period, c.closedAt) && score !== null && Number.isFinite(score))
      scores.push(score);
  }
  return scores;
}

/** CSAT: the mean 1–5 score; `cases` is the number of scores it rests on. */
export function csat(cases: readonly ScoredCase[], period: Period): Figure {
  const scores = scoresOfClosed(cases, period, 'csat');
  return {
    value: scores.length > 0 ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
    cases: scores.length,
  };
}

export interface NpsFigure extends Figure {
  /** Answers of 9 or 10. */
  promoters: number;
  /** Answers of 0 to 6. */
  detractors: number;
}

/** NPS from the 0–10 answers: % promoters − % detractors; `cases` is the number of answers. */
export function nps(cases: readonly ScoredCase[], period: Period): NpsFigure {
  const answers = scoresOfClosed(cases, period, 'nps');
  const promoters = answers.filter((a) => a >= 9).length;
  const detractors = answers.filter((a) => a <= 6).length;
  return {
    value: answers.length > 0 ? (100 * (promoters - detractors)) / answers.length : null,
    cases: answers.length,
    promoters,
    detractors,
  };
}

export interface FirstContactFigure extends Figure {
  /** Resolved by client service itself, never reopened. */
  firstContact: number;
}

/** The client-service team: Settings team members with the role agent or lead. */
export function clientServiceEmails(settings: Pick<Settings, 'team'>): Set<string> {
  return new Set(
    settings.team.filter((m) => m.role === 'agent' || m.role === 'lead').map((m) => normalizeEmail(m.email)),
  );
}

/** First-contact resolution over the cases resolved in the period. */
export function firstContactResolution(
  cases: readonly Pick<KpiCase, 'status' | 'resolvedAt' | 'ownerEmail' | 'reopenCount'>[],
  period: Period,
  settings: Pick<Settings, 'team'>,
): FirstContactFigure {
  const team = clientServiceEmails(settings);
  const resolved = resolvedIn(cases, period);
  const firstContact = resolved.filter((c) => c.reopenCount === 0 && team.has(normalizeEmail(c.ownerEmail))).length;
  return { ...percent(firstContact, resolved.length), firstContact };
}

/** Why an incidents figure is missing: a week with no count, or weeks that add up to 0 orders. */
export type NoIncidentRate = 'noOrderCount' | 'noOrders';

export interface IncidentsFigure extends Figure {
  /** The ISO weeks it covers, 'YYYY-Www'. */
  weeks: string[];
  /** Their orders, summed; null when a week has no count. */
  orders: number | null;
  /** The weeks without an order count. */
  missing: string[];
  /** Why `value` is null (and `cases` the incidents registered); null when there is a value. */
  reason: NoIncidentRate | null;
}

/** The ISO weeks whose Thursday falls in the period (in `timeZone`), in order. */
export function weeksOfPeriod(period: Period, timeZone: string): WeekPeriod[] {
  const weeks: WeekPeriod[] = [];
  // Walk back from the week of the period's last instant, so no date arithmetic crosses a zone change.
  let week: IsoWeek = isoWeekAt(period.end - 1, timeZone);
  for (;;) {
    const placed = weekPeriod(week, timeZone);
    if (placed.end <= period.start) break;
    // Thursday noon: a daylight-saving hour either way stays on Thursday.
    const thursday = placed.start + 3.5 * DAY_MS;
    if (period.start <= thursday && thursday < period.end) weeks.unshift(placed);
    week = previousWeek(week);
  }
  return weeks;
}

/**
 * Incidents per 100 orders over the given ISO weeks: cases registered in them (not cancelled) ×
 * 100 / their orders. `cases` is the number of incidents.
 */
export function incidentsPer100(
  cases: readonly Pick<KpiCase, 'status' | 'createdAt'>[],
  weeks: readonly WeekPeriod[],
  orders: WeeklyOrders,
): IncidentsFigure {
  const labels = weeks.map((w) => w.label);
  const incidents = weeks.reduce((sum, week) => sum + registeredIn(cases, week).length, 0);
  const missing = labels.filter((label) => !orders.has(label));
  const total = missing.length > 0 || weeks.length === 0 ? null : labels.reduce((s, l) => s + (orders.get(l) ?? 0), 0);
  const reason: NoIncidentRate | null = total === null ? 'noOrderCount' : total === 0 ? 'noOrders' : null;
  return {
    value: reason === null && total !== null ? (100 * incidents) / total : null,
    cases: incidents,
    weeks: labels,
    orders: total,
    missing: weeks.length === 0 ? [] : missing,
    reason,
  };
}

export interface TrendWeek extends IncidentsFigure {
  label: string;
  /** Against the week before, in incidents per 100 orders; null when either has no figure. */
  change: number | null;
}

/** Incidents per 100 orders week by week (oldest first), each with its change against the week before. */
export function incidentTrend(
  cases: readonly Pick<KpiCase, 'status' | 'createdAt'>[],
  weeks: readonly WeekPeriod[],
  orders: WeeklyOrders,
  timeZone: string,
): TrendWeek[] {
  const before = weeks[0] ? weekPeriod(previousWeek(weeks[0]), timeZone) : null;
  let previous = before ? incidentsPer100(cases, [before], orders).value : null;
  return weeks.map((week) => {
    const figure = incidentsPer100(cases, [week], orders);
    const change = figure.value !== null && previous !== null ? figure.value - previous : null;
    previous = figure.value;
    return { ...figure, label: week.label, change };
  });
}

/** The KPIs of one period, computed once for whoever shows them. */
export interface PeriodKpis {
  period: Period;
  firstResponse: FirstResponseFigure;
  timeToClose: Record<Criticality, CloseTimes>;
  reopen: ReopenFigure;
  bypass: BypassFigure;
  csat: Figure;
  nps: NpsFigure;
  firstContact: FirstContactFigure;
  /** Over the ISO weeks of the period (weeksOfPeriod), from the Orders tab's counts. */
  incidents: IncidentsFigure;
  departments: DepartmentLoad[];
  bottleneck: DepartmentLoad | null;
}

export function periodKpis(
  cases: readonly KpiCase[],
  period: Period,
  settings: Settings,
  asOf: Ms,
  /** Orders per ISO week (the Orders tab); none given, every week has no order count. */
  orders: WeeklyOrders = new Map(),
): PeriodKpis {
  const departments = departmentLoad(cases, period, settings, asOf);
  return {
    period,
    firstResponse: firstResponseSla(cases, period, asOf),
    timeToClose: timeToClose(cases, period, settings),
    reopen: reopenRate(cases, period),
    bypass: bypassShare(cases, period),
    csat: csat(cases, period),
    nps: nps(cases, period),
    firstContact: firstContactResolution(cases, period, settings),
    incidents: incidentsPer100(cases, weeksOfPeriod(period, settings.calendar.timeZone), orders),
    departments,
    bottleneck: bottleneck(departments),
  };
}
