/**
 * The dispatcher: the one hourly trigger's handler, and the menu's "Run now" (docs/architecture.md,
 * Adding a job). It opens the workbook — the active spreadsheet, or by the id the installer kept
 * when a published add-on's trigger has none — reads Settings once, and runs what is due: the
 * hourly job every time, the daily job once per local day from the digest hour, the weekly job
 * once per ISO week from Monday at that hour, the monthly job once per month from day 1 at that
 * hour (domain/schedule.ts). The last period each job
 * completed is kept in the workbook (sheets/schedule-record.ts); a job that fails or stops at the
 * deadline is not recorded and runs again, for the same period, at the next firing. Each job's run
 * is one `job` row in Events.
 */
import { DomainError } from '../../domain/errors';
import { type Lang } from '../../domain/i18n';
import { tServer } from '../../domain/i18n/server';
import {
  duePeriods,
  latestDuePeriod,
  type DuePeriod,
  type JobName,
  type ScheduleSettings,
} from '../../domain/schedule';
import type { Settings } from '../../domain/settings';
import { now as clockNow } from '../../services/clock';
import { withDocumentLock } from '../../services/lock';
import { deleteUserProperty, getUserProperty } from '../../services/properties';
import { deleteMyTriggers, effectiveUserEmail, myTriggers } from '../../services/triggers';
import { appendEvents } from '../../sheets/cases-repo';
import { chainCopyKey } from '../../sheets/events-log';
import { readScheduleRecord, writeScheduleRecord, type ScheduleRecord } from '../../sheets/schedule-record';
import { eventsTable, openWorkbookWithSettings, type Workbook } from '../../sheets/workbook';
import { runDailyJob } from './daily';
import { runHourlyJob } from './hourly';
import { runMonthlyJob } from './monthly';
import { confirm, toast } from '../confirm';
import { handleRequest, LEADS } from '../context';
import type { JobContext, JobOutcome } from './job';
import { runWeeklyJob } from './weekly';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The jobs, by name (their periods: domain/schedule.ts). */
export const JOBS: Record<JobName, (ctx: JobContext) => JobOutcome> = {
  hourly: runHourlyJob,
  daily: runDailyJob,
  weekly: runWeeklyJob,
  monthly: runMonthlyJob,
};

/** The handler of the one time-driven trigger. */
export const SCHEDULE_HANDLER = 'runScheduled';

/** Apps Script stops an execution after 6 minutes (quotas: script runtime). */
export const EXECUTION_LIMIT_MS = 6 * 60_000;
/** Jobs stop starting work this long before the limit, to record what they did. */
export const DEADLINE_MARGIN_MS = 90_000;

/** Where the installer keeps the spreadsheet id of a trigger, by the trigger's unique id. */
export const triggerPropertyKey = (uid: string): string => `arbiter.trigger.${uid}`;

export interface JobRun extends DuePeriod {
  complete: boolean;
  summary: string;
  /** The job threw this (it is then not complete). */
  error?: string;
}

export interface DispatchReport {
  ran: JobRun[];
  /** Set when nothing ran, and why. */
  skipped?: 'busy' | 'superseded' | 'no-spreadsheet';
  /** Who the run is for (the trigger's installer, or the lead who chose "Run now"). */
  runAs: string;
}

/** The time-driven event object Apps Script passes (only what the dispatcher reads). */
export interface TimeEvent {
  triggerUid?: string;
}

/** The scheduled run: what is due at this firing. */
export function runScheduled(e?: TimeEvent): DispatchReport {
  const runAs = effectiveUserEmail();
  const uid = e?.triggerUid ?? '';
  const ss = scheduledSpreadsheet(uid);
  if (!ss) return { ran: [], skipped: 'no-spreadsheet', runAs };
  const record = readScheduleRecord(ss);
  // Taken over by another lead (or the schedule turned off, or a call that is not the holder's
  // trigger, through google.script.run): this person's triggers for the workbook are not wanted.
  if (!record.holder || record.holder.email !== runAs) {
    forgetMyTriggers(ss);
    return { ran: [], skipped: 'superseded', runAs };
  }
  return dispatch(ss, runAs, (schedule, done) => duePeriods(clockNow(), schedule, done));
}

/** Deletes this person's triggers for `ss` and what their user properties kept about them. */
export function forgetMyTriggers(ss: Spreadsheet): number {
  const mine = myTriggers(ss).map((tr) => tr.uid);
  mine.forEach((uid) => deleteUserProperty(triggerPropertyKey(uid)));
  // And the copy of the chain key their time trigger signed with (sheets/events-log.ts).
  if (getUserProperty(chainCopyKey(ss.getId())) !== null) deleteUserProperty(chainCopyKey(ss.getId()));
  return deleteMyTriggers(ss, mine);
}

/**
 * The workbook of this firing: the active spreadsheet in a bound script; in a published add-on's
 * time trigger there is none (getActiveSpreadsheet() returns null), so it is opened by the id the
 * installer kept in their user properties under the trigger's uid.
 */
function scheduledSpreadsheet(uid: string): Spreadsheet | null {
  const active = SpreadsheetApp.getActiveSpreadsheet() as Spreadsheet | null;
  if (active) return active;
  const id = uid ? getUserProperty(triggerPropertyKey(uid)) : null;
  return id ? SpreadsheetApp.openById(id) : null;
}

/**
 * Runs the jobs `select` picks, one after another, each with the same context and deadline, and
 * records what completed. A run in progress (the lease in the record) makes another one skip:
 * two firings, or a firing and a "Run now", never run jobs at the same time.
 */
export function dispatch(
  ss: Spreadsheet,
  runAs: string,
  select: (schedule: ScheduleSettings, done: ScheduleRecord['done']) => DuePeriod[],
): DispatchReport {
  const started = clockNow();
  const { wb, settings } = openWorkbookWithSettings(ss);
  const schedule = scheduleOf(settings);
  const record = withDocumentLock(() => takeLease(ss, runAs, started));
  if (!record) return { ran: [], skipped: 'busy', runAs };
  const ctx: JobContext = {
    wb,
    settings,
    lang: settings.language,
    now: started,
    deadline: started + EXECUTION_LIMIT_MS - DEADLINE_MARGIN_MS,
    runAs,
    spreadsheetUrl: ss.getUrl(),
  };
  const ran: JobRun[] = [];
  try {
    for (const due of select(schedule, record.done)) ran.push({ ...due, ...runJob(due.job, ctx) });
  } finally {
    withDocumentLock(() => finish(ss, wb, ran, runAs));
  }
  return { ran, runAs };
}

export function scheduleOf(settings: Settings): ScheduleSettings {
  return { timeZone: settings.calendar.timeZone, digestHour: settings.digestHour };
}

/** Takes the lease unless another run holds it; returns the record as it was, or null. */
function takeLease(ss: Spreadsheet, runAs: string, at: number): ScheduleRecord | null {
  const record = readScheduleRecord(ss);
  if (record.lease && record.lease.until > at) return null;
  writeScheduleRecord(ss, { ...record, lease: { by: runAs, until: at + EXECUTION_LIMIT_MS } });
  return record;
}

/** One job: its outcome, or a failure (recorded as not done, so it runs again next time). */
function runJob(job: JobName, ctx: JobContext): JobOutcome & { error?: string } {
  if (clockNow() >= ctx.deadline) return { complete: false, summary: tServer(ctx.lang, 'jobs.deadline') };
  try {
    return JOBS[job](ctx);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { complete: false, summary: tServer(ctx.lang, 'jobs.failed', { detail }), error: detail };
  }
}

/** Records the completed periods, releases the lease, and writes one Events row per job run. */
function finish(ss: Spreadsheet, wb: Workbook, ran: readonly JobRun[], runAs: string): void {
  const record = readScheduleRecord(ss);
  const done = { ...record.done };
  for (const run of ran) {
    const last = done[run.job];
    if (run.complete && (last === undefined || last < run.period)) done[run.job] = run.period;
  }
  writeScheduleRecord(ss, { ...record, done, lease: null });
  if (ran.length === 0) return;
  const at = clockNow();
  appendEvents(
    eventsTable(wb),
    ran.map((run) => ({
      at,
      caseId: '-',
      type: 'job' as const,
      actor: runAs,
      from: '',
      to: '',
      note: jobNote(wb.lang, run),
      version: null,
      changes: null,
    })),
  );
}

export function jobLabel(lang: Lang, job: JobName): string {
  return tServer(lang, `jobs.${job}`);
}

/** "Daily digest 2026-11-24: …" and, when it did not complete, that it runs again. */
export function jobNote(lang: Lang, run: JobRun): string {
  const note = tServer(lang, 'jobs.note', { job: jobLabel(lang, run.job), period: run.period, summary: run.summary });
  return run.complete ? note : `${note} ${tServer(lang, 'jobs.again')}`;
}

/** What "Run now" returns: the job's outcome (nothing ran when the lead said no). */
export interface RunNowResult extends DispatchReport, JobOutcome {
  period: string;
}

/** "Run now" from the menu: the hourly job, as the lead who chose it. */
export function runHourly(): RunNowResult {
  return runNow('hourly');
}

/** "Run now": the daily digest for the latest day whose digest hour has come. */
export function runDaily(): RunNowResult {
  return runNow('daily');
}

/** "Run now": the weekly report for the latest week whose Monday digest hour has come. */
export function runWeekly(): RunNowResult {
  return runNow('weekly');
}

/** "Run now": the monthly summary for the latest month whose day-1 digest hour has come. */
export function runMonthly(): RunNowResult {
  return runNow('monthly');
}

/**
 * A lead runs one job now, for its latest due period, with the same bookkeeping as the trigger. A
 * period already done is said so, and run again for that period only if the lead says yes.
 */
function runNow(job: JobName): RunNowResult {
  return handleRequest(LEADS, (request) => {
    const { lang } = request;
    const ss = request.wb.ss;
    const period = latestDuePeriod(job, clockNow(), scheduleOf(request.settings));
    const last = readScheduleRecord(ss).done[job];
    const label = jobLabel(lang, job);
    if (job !== 'hourly' && last !== undefined && last >= period) {
      if (!confirm(lang, tServer(lang, 'jobs.alreadyDone', { job: label, period }))) {
        return { ran: [], runAs: request.email, period, complete: false, summary: '' };
      }
    }
    const report = dispatch(ss, request.email, () => [{ job, period }]);
    if (report.skipped === 'busy') throw new DomainError('conflict', [{ key: 'jobs.busy' }]);
    const run = report.ran[0];
    // A job that threw reaches the lead as the failure it was (its Events row is written).
    if (run?.error !== undefined) throw new Error(run.error);
    if (run) toast(ss, lang, jobNote(lang, run));
    return { ...report, period, complete: run?.complete ?? false, summary: run?.summary ?? '' };
  });
}
