/**
 * What a case owes people on the escalation ladder right now (docs/product.md, Escalation). The
 * hourly job computes the notices that hold for every open case from its state alone; delivery
 * then sends only those not yet sent, so computing them twice never mails anyone twice.
 */
import type { Case, Ms } from './model';

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
