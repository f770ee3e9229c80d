/**
 * What every scheduled job receives and returns (docs/architecture.md, Adding a job). The
 * dispatcher opens the workbook (by id: in an add-on's time trigger there may be no active
 * spreadsheet), reads Settings once, and hands each job this context (jobs/dispatch.ts). Two runs
 * never overlap (the dispatcher's lease); a job takes the document lock only around its own writes
 * (`withDocumentLock`, which falls back to the script lock where there is no document lock).
 */
import type { Lang } from '../../domain/i18n';
import type { Ms } from '../../domain/model';
import type { Settings } from '../../domain/settings';
import type { Workbook } from '../../sheets/workbook';

export interface JobContext {
  wb: Workbook;
  settings: Settings;
  lang: Lang;
  /** The time the run started (the virtual clock in the emulator). */
  now: Ms;
  /** The run stops cleanly before this moment and leaves the rest for the next run. */
  deadline: Ms;
  /** Who the execution runs as: the trigger's installer, or the lead who chose "Run now". */
  runAs: string;
  /** The spreadsheet's URL, for links in emails. */
  spreadsheetUrl: string;
}

export interface JobOutcome {
  /** False when the job stopped before the deadline with work left: the next run goes on. */
  complete: boolean;
  /** One line for the Events tab and the sandbox's drawer: what the run did. */
  summary: string;
}

/** The longest a job waits for the lock: Apps Script caps a wait at 5 minutes. */
const MAX_JOB_LOCK_WAIT_MS = 5 * 60_000;

/**
 * How long a job waits for the document lock: up to the end of its run (the deadline leaves 90 s
 * before Apps Script's limit), at least a person's 10 s. Nobody waits on a job's answer, so a busy
 * moment delays it rather than fails it; above all an email already sent is never left unrecorded
 * (the next run would send it again) for want of the lock.
 */
export function jobLockWait(ctx: JobContext, at: Ms): number {
  return Math.min(MAX_JOB_LOCK_WAIT_MS, Math.max(10_000, ctx.deadline + 60_000 - at));
}
