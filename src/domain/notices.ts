/**
 * What a case owes people on the escalation ladder right now (docs/product.md, Escalation). The
 * hourly job computes the notices that hold for every open case from its state alone; delivery
 * then sends only those not yet sent, so computing them twice never mails anyone twice.
 */
import { businessMinutesBetween } from './calendar';
import { escalationLevel, lateness, type LadderFields } from './escalation';
import { OPEN_STATUSES, type Case, type Ms } from './model';
import { AT_RISK_SHARE, departmentNamed, normalizeEmail, type Settings } from './settings';
import { slaState } from './sla';

/**
 * `at_risk`: 75 % of a target used (to the owner); `overdue`: level 1 (to the owner); `head`:
 * level 2 (to the department head); `executive`: level 3 (to the COO and CEO).
 */
export type NoticeKind = 'at_risk' | 'overdue' | 'head' | 'executive';

/** The case facts a notice shows a person. */
export type NoticeCase = Pick<
  Case,
  'id' | 'orderNo' | 'client' | 'summary' | 'criticality' | 'status' | 'ownerDept' | 'ownerEmail' | 'agent' | 'dueAt'
>;

export interface DueNotice {
  /** `${caseId}/${cycle}/${kind}`: each notice is sent once per case, level and reopen cycle. */
  key: string;
  caseId: string;
  /** The case's reopen count: a reopened case climbs the ladder again. */
  cycle: number;
  kind: NoticeKind;
  /** Normalized emails; empty when Settings name nobody for this level (delivery reports it). */
  recipients: string[];
  /** Business minutes past the due time that made it due (0 for at_risk): most late first. */
  minutesLate: number;
  /** The due time the notice is about (first response or resolution). */
  dueAt: Ms;
  /** Which clock: the first response or the resolution. */
  clock: 'first_response' | 'resolution';
  case: NoticeCase;
  /** The case's row in the Cases tab (1-based), for a link to it. */
  row: number;
}

export function noticeKey(caseId: string, cycle: number, kind: NoticeKind): string {
  return `${caseId}/${cycle}/${kind}`;
}

/** What `dueNotices` reads of a case: the ladder's fields, the SLA clocks, and what a notice shows. */
export type NoticeFields = LadderFields &
  Parameters<typeof slaState>[0] &
  NoticeCase &
  Pick<Case, 'id' | 'reopenCount'>;

/**
 * Every notice that holds for the case at `now` (docs/product.md, Escalation): `at_risk` while it
 * is at risk and not yet escalated; then one notice per level reached, lower levels included (an
 * A case late by a minute is at level 3: its owner, its head and the COO/CEO all hear of it).
 * Levels never go down within a reopen cycle, so a notice keeps holding until the case is no
 * longer open, and delivery sends each key once. A case that is not open owes nothing.
 */
export function dueNotices(c: NoticeFields, row: number, settings: Settings, now: Ms): DueNotice[] {
  if (!OPEN_STATUSES.includes(c.status)) return [];
  const late = lateness(c, settings.calendar, now);
  const level = escalationLevel(c, settings, now);
  const owner = ownerOf(c, settings);
  const notice = (
    kind: NoticeKind,
    recipients: string[],
    clock: DueNotice['clock'],
    minutesLate: number,
  ): DueNotice => ({
    key: noticeKey(c.id, c.reopenCount, kind),
    caseId: c.id,
    cycle: c.reopenCount,
    kind,
    recipients: unique(recipients),
    minutesLate,
    dueAt: clock === 'first_response' ? c.dueFirstResponseAt : c.dueAt,
    clock,
    case: noticeCase(c),
    row,
  });
  const notices: DueNotice[] = [];
  if (level === 0) {
    const sla = slaState(c, settings, now);
    if (sla.atRisk) {
      const clock = firstResponseAtRisk(c, settings, now) ? 'first_response' : 'resolution';
      notices.push(notice('at_risk', owner, clock, 0));
    }
    return notices;
  }
  // The clock that made the case late: the resolution once it is late, else the first response.
  const resolution = late.resolutionLate || !late.firstResponseLate;
  const minutesLate = resolution ? late.resolutionMinutesLate : late.firstResponseMinutesLate;
  notices.push(notice('overdue', owner, resolution ? 'resolution' : 'first_response', minutesLate));
  if (level >= 2) {
    const head = departmentNamed(settings, c.ownerDept)?.head ?? '';
    notices.push(notice('head', [head], 'resolution', late.resolutionMinutesLate));
  }
  if (level >= 3) {
    notices.push(
      notice('executive', [settings.escalation.coo, settings.escalation.ceo], 'resolution', late.resolutionMinutesLate),
    );
  }
  return notices;
}

/** The case's owner; when none is named, the owners of its department. */
function ownerOf(c: Pick<Case, 'ownerEmail' | 'ownerDept'>, settings: Settings): string[] {
  if (c.ownerEmail.trim()) return [c.ownerEmail];
  return departmentNamed(settings, c.ownerDept)?.owners ?? [];
}

function firstResponseAtRisk(c: NoticeFields, settings: Settings, now: Ms): boolean {
  if (c.firstResponseAt !== null) return false;
  const target = settings.sla.firstResponse[c.criticality];
  return businessMinutesBetween(settings.calendar, c.createdAt, now) >= AT_RISK_SHARE * target;
}

function unique(emails: string[]): string[] {
  return [...new Set(emails.map(normalizeEmail).filter(Boolean))];
}

function noticeCase(c: NoticeCase): NoticeCase {
  return {
    id: c.id,
    orderNo: c.orderNo,
    client: c.client,
    summary: c.summary,
    criticality: c.criticality,
    status: c.status,
    ownerDept: c.ownerDept,
    ownerEmail: c.ownerEmail,
    agent: c.agent,
    dueAt: c.dueAt,
  };
}
