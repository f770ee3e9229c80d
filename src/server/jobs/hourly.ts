/**
 * The hourly sweep (docs/product.md, Escalation; docs/architecture.md, Adding a job): for every
 * case of the Cases tab, its SLA label, escalation level and stored clock moments are recomputed;
 * only the cells that changed are written, in one batch, with one `escalated` Events row per case
 * whose level rose, in one append; then the notices due for the open cases go to delivery, most
 * late first. It reads only the columns it needs, so its cost follows the cases, not the tab's
 * width. A second run in a row writes nothing.
 */
import { escalationLevel } from '../../domain/escalation';
import type { CaseEvent } from '../../domain/events';
import { OPEN_STATUSES, type Case } from '../../domain/model';
import { dueNotices, type DueNotice } from '../../domain/notices';
import { clockMoments, slaState } from '../../domain/sla';
import { now } from '../../services/clock';
import { withDocumentLock } from '../../services/lock';
import { isDateValue, rowToCase, slaLabel } from '../../sheets/case-row';
import { appendEvents } from '../../sheets/cases-repo';
import { readColumns, writeChanges, type CellChange } from '../../sheets/column-blocks';
import { casesTable, eventsTable } from '../../sheets/workbook';
import { planDelivery, sendDelivery } from './deliver';
import { jobLockWait, type JobContext, type JobOutcome } from './job';

/** The Cases columns the sweep reads: the clocks, the ladder, what it writes, what a notice shows. */
export const SWEEP_COLUMNS = [
  'id',
  'status',
  'criticality',
  'sla',
  'orderNo',
  'client',
  'summary',
  'ownerDept',
  'ownerEmail',
  'agent',
  'createdAt',
  'dueFirstResponseAt',
  'firstResponseAt',
  'resolutionStartAt',
  'pausedMinutes',
  'waitingSince',
  'dueAt',
  'reopenCount',
  'escalationLevel',
  'atRiskAt',
  'nextDueAt',
] as const;

export interface SweepResult {
  /** Case rows read (broken rows included). */
  cases: number;
  open: number;
  /** Rows refused as broken (they are left as they are; onEdit and setup report them). */
  broken: number;
  cellsChanged: number;
  escalated: number;
  /** Every notice that holds, most late first: delivery sends those not sent yet. */
  notices: DueNotice[];
}

/** Flags, levels and stored moments of every case, under the document lock; returns the due notices. */
export function sweepCases(ctx: JobContext): SweepResult {
  const table = casesTable(ctx.wb);
  const result: SweepResult = { cases: 0, open: 0, broken: 0, cellsChanged: 0, escalated: 0, notices: [] };
  const rows = table.sheet.getLastRow() - 1;
  if (rows < 1 || !table.has('id')) return result;
  const current = readColumns(table, SWEEP_COLUMNS, 2, rows);
  const changes: CellChange[] = [];
  const events: CaseEvent[] = [];
  current.forEach((raw, i) => {
    const row = i + 2;
    if (String(table.get(raw, 'id') ?? '').trim() === '') return;
    result.cases++;
    const c = rowToCase(table, raw, row, ctx.lang).value;
    if (!c) {
      result.broken++;
      return;
    }
    const change = (key: string, value: Date | string | number | null) => {
      if (table.has(key)) changes.push({ row, key, value });
    };
    const label = slaLabel(slaState(c, ctx.settings, ctx.now), ctx.lang);
    if (table.has('sla') && String(table.get(raw, 'sla') ?? '') !== label) change('sla', label);
    const moments = clockMoments(c, ctx.settings);
    for (const key of ['atRiskAt', 'nextDueAt'] as const) {
      if (!sameMoment(table.get(raw, key), moments[key]))
        change(key, moments[key] === null ? null : new Date(moments[key]));
    }
    const level = escalationLevel(c, ctx.settings, ctx.now);
    if (level > c.escalationLevel) {
      change('escalationLevel', level);
      events.push(escalatedEvent(c, level, ctx));
    }
    if (!OPEN_STATUSES.includes(c.status)) return;
    result.open++;
    result.notices.push(...dueNotices({ ...c, escalationLevel: level }, row, ctx.settings, ctx.now));
  });
  if (changes.length > 0) writeChanges(table, changes, current, 2);
  if (events.length > 0) appendEvents(eventsTable(ctx.wb), events);
  result.cellsChanged = changes.length;
  result.escalated = events.length;
  result.notices.sort((a, b) => b.minutesLate - a.minutesLate || a.row - b.row);
  return result;
}

/**
 * A stored moment (a Date cell, or empty) against the computed one. Within a second: a cell keeps
 * a date as a serial number of days, so what it gives back may differ from what was written by a
 * rounding, and a rounding must not rewrite every row every hour.
 */
function sameMoment(cell: unknown, ms: number | null): boolean {
  if (ms === null) return cell === '' || cell === null || cell === undefined;
  return isDateValue(cell) && Math.abs(cell.getTime() - ms) < 1000;
}

/** One Events row per rise: the note says from which level to which; replay sets the level. */
function escalatedEvent(c: Case, level: number, ctx: JobContext): CaseEvent {
  return {
    at: ctx.now,
    caseId: c.id,
    type: 'escalated',
    actor: ctx.runAs,
    from: '',
    to: '',
    note: `${c.escalationLevel} → ${level}`,
    version: null,
    changes: { escalationLevel: level },
  };
}

/**
 * Flags, escalation and notices for every case. Checks the deadline between phases: before the
 * sweep (nothing done, the next run sweeps) and before delivery (the notices wait for the next
 * run, which computes them again: they hold until sent).
 */
export function runHourlyJob(ctx: JobContext): JobOutcome {
  if (now() >= ctx.deadline) return { complete: false, summary: 'hourly: no time left; the next run sweeps' };
  // What is sent is decided under the sweep's lock, from its read and the record of what was sent
  // (deliver.ts); the emails go after it, each recorded as it goes.
  const { swept, planned } = withDocumentLock(
    () => {
      const result = sweepCases(ctx);
      return { swept: result, planned: planDelivery(ctx, result.notices) };
    },
    jobLockWait(ctx, now()),
  );
  const summary =
    `hourly: ${swept.cases} cases (${swept.open} open, ${swept.broken} broken), ` +
    `${swept.cellsChanged} cells changed, ${swept.escalated} escalated, ${swept.notices.length} notices due`;
  if (now() >= ctx.deadline) return { complete: false, summary: `${summary}; delivery left for the next run` };
  // Outside the lock: sending mail is slow.
  const delivery = sendDelivery(ctx, planned);
  return { complete: delivery.complete, summary: `${summary}; ${delivery.summary}` };
}
