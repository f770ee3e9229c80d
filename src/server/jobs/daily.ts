/**
 * The daily plan-fact digest (docs/product.md, Escalation; the content: domain/digest.ts). Reads
 * the Cases tab once, only the span of the columns the digest needs (one call whatever the number
 * of cases: docs/architecture.md, The performance model), and emails each lead and each owner
 * with something to say. Each digest sent is recorded like a notice (`digest/<day> → <email>`,
 * jobs/send-once.ts), so a run that stops at the quota or the deadline, run again, sends the rest
 * and no duplicate. Then it refreshes the Dashboard tab (server/dashboard.ts), whatever became of
 * the mail: a quota spent or a send that failed does not cost the leaders their morning figures.
 */
import { dailyDigest, DIGEST_FIELDS, type DigestCase, type DigestMail } from '../../domain/digest';
import { tServer } from '../../domain/i18n/server';
import { CRITICALITIES, type Criticality } from '../../domain/model';
import { isoDate, wallTime } from '../../domain/zoned-time';
import { isDateValue, parseStatus } from '../../sheets/case-row';
import type { Table } from '../../sheets/table';
import { casesTable } from '../../sheets/workbook';
import { refreshDashboardTab } from '../dashboard';
import { refreshZoneSummary } from '../../sheets/zone-summary-tab';
import type { JobContext, JobOutcome } from './job';
import { sendOnce } from './send-once';

/** The digest's cases from one read of the span of its columns; rows that do not parse are counted. */
function readDigestCases(table: Table): { cases: DigestCase[]; skipped: number } {
  const present = DIGEST_FIELDS.filter((key) => table.has(key)).map((key) => table.columnNumber(key));
  const lastRow = table.sheet.getLastRow();
  if (lastRow < 2 || present.length === 0) return { cases: [], skipped: 0 };
  const first = Math.min(...present);
  const width = Math.max(...present) - first + 1;
  const values = table.sheet.getRange(2, first, lastRow - 1, width).getValues();
  const cases: DigestCase[] = [];
  let skipped = 0;
  values.forEach((span, i) => {
    // Back to the row's own column positions, so the table finds each column by its key.
    const row: unknown[] = [...Array<unknown>(first - 1).fill(''), ...span];
    if (String(table.get(row, 'id') ?? '').trim() === '') return;
    const c = parseDigestCase(table, row, i + 2);
    if (c) cases.push(c);
    else skipped++;
  });
  return { cases, skipped };
}

function parseDigestCase(table: Table, row: readonly unknown[], rowNumber: number): DigestCase | null {
  const raw = (key: string) => table.get(row, key);
  const text = (key: string) => String(raw(key) ?? '').trim();
  const date = (key: string): number | null => {
    const v = raw(key);
    return isDateValue(v) ? v.getTime() : null;
  };
  const status = parseStatus(raw('status'));
  const criticality = text('criticality').toUpperCase() as Criticality;
  const createdAt = date('createdAt');
  const dueFirstResponseAt = date('dueFirstResponseAt');
  const dueAt = date('dueAt');
  const paused = Number(raw('pausedMinutes') || 0);
  if (!status || !CRITICALITIES.includes(criticality) || createdAt === null || dueFirstResponseAt === null) return null;
  if (dueAt === null || !Number.isFinite(paused)) return null;
  return {
    id: text('id'),
    status,
    criticality,
    client: text('client'),
    summary: text('summary'),
    ownerDept: text('ownerDept'),
    ownerEmail: text('ownerEmail').toLowerCase(),
    stopShipment: raw('stopShipment') === true,
    createdAt,
    dueFirstResponseAt,
    firstResponseAt: date('firstResponseAt'),
    dueAt,
    resolvedAt: date('resolvedAt'),
    closedAt: date('closedAt'),
    resolutionStartAt: date('resolutionStartAt') ?? createdAt,
    pausedMinutes: paused,
    waitingSince: date('waitingSince'),
    row: rowNumber,
  };
}

export function runDailyJob(ctx: JobContext): JobOutcome {
  let digest: JobOutcome | undefined;
  try {
    digest = runDigest(ctx);
  } finally {
    // Runs even when the digest threw (the failure still reaches the dispatcher after it).
    const board = refreshDashboardStep(ctx);
    if (digest) digest = { complete: digest.complete && board.complete, summary: digest.summary + board.summary };
  }
  return digest;
}

/** The dashboard step: its summary, appended to the digest's; a failure is said, not thrown. */
function refreshDashboardStep(ctx: JobContext): JobOutcome {
  try {
    const result = refreshDashboardTab(ctx.wb, ctx.settings, ctx.now, ctx.lang);
    refreshZoneSummary(ctx.wb, ctx.settings, ctx.now); // the Zones of growth summary tab, with it
    return { complete: true, summary: `; ${result.summary}` };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { complete: false, summary: tServer(ctx.lang, 'dashboard.summary.failed', { detail }) };
  }
}

function runDigest(ctx: JobContext): JobOutcome {
  const table = casesTable(ctx.wb);
  const { cases, skipped } = readDigestCases(table);
  const gid = table.sheet.getSheetId();
  const mails = dailyDigest({
    cases,
    settings: ctx.settings,
    now: ctx.now,
    spreadsheetUrl: ctx.spreadsheetUrl,
    rowUrl: (row) => `${ctx.spreadsheetUrl}#gid=${gid}&range=A${row}`,
  });
  const w = wallTime(ctx.now, ctx.settings.calendar.timeZone);
  const day = isoDate(w.year, w.month, w.day);

  const { sent, waiting } = sendOnce(ctx, mails, (m: DigestMail) => `digest/${day}/${m.kind}`);
  const toLeads = sent.filter((m) => m.kind === 'lead').length;
  const toOwners = sent.length - toLeads;
  const summary =
    tServer(ctx.lang, 'digest.summary', { leads: toLeads, owners: toOwners, waiting }) +
    (skipped > 0 ? tServer(ctx.lang, 'digest.summary.skipped', { count: skipped }) : '');
  return { complete: waiting === 0, summary };
}
