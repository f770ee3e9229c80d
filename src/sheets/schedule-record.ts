/**
 * The schedule's record, kept in the workbook itself as developer metadata on the spreadsheet:
 * who holds the triggers, the last period each job completed, and the run in progress. It lives
 * in the spreadsheet because every execution that needs it can reach it there — the trigger in a
 * published add-on (which has no document properties, and opens the spreadsheet by id), a lead's
 * "Run now" (a different person: user properties would not be shared), and the sidebar — and a
 * copy of the workbook carries it along (docs/architecture.md, Adding a job). One read and at most
 * one write per run, whatever the number of cases.
 */
import { JOB_NAMES, type CompletedPeriods } from '../domain/schedule';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const SCHEDULE_METADATA_KEY = 'arbiter.schedule';

export interface TriggerHolder {
  email: string;
  installedAt: number;
  /** Unique ids of the holder's hourly, edit and change triggers ('' when not installed yet). */
  timeTrigger: string;
  editTrigger: string;
  changeTrigger: string;
}

export interface ScheduleRecord {
  holder: TriggerHolder | null;
  done: CompletedPeriods;
  /** A run in progress: another run waits for it to end, or for `until` (the execution limit). */
  lease: { by: string; until: number } | null;
}

const EMPTY: ScheduleRecord = { holder: null, done: {}, lease: null };

function metadataOf(ss: Spreadsheet): GoogleAppsScript.Spreadsheet.DeveloperMetadata | null {
  return ss.createDeveloperMetadataFinder().withKey(SCHEDULE_METADATA_KEY).find()[0] ?? null;
}

/** The record, or an empty one; a damaged value reads as empty (it is rewritten at the next run). */
export function readScheduleRecord(ss: Spreadsheet): ScheduleRecord {
  const text = metadataOf(ss)?.getValue();
  if (!text) return { ...EMPTY, done: {} };
  try {
    return parseRecord(JSON.parse(text) as unknown);
  } catch {
    return { ...EMPTY, done: {} };
  }
}

function parseRecord(raw: unknown): ScheduleRecord {
  const o = (raw ?? {}) as Record<string, unknown>;
  const holder = o.holder as Record<string, unknown> | null | undefined;
  const doneRaw = (o.done ?? {}) as Record<string, unknown>;
  const lease = o.lease as Record<string, unknown> | null | undefined;
  const done: CompletedPeriods = {};
  for (const job of JOB_NAMES) if (typeof doneRaw[job] === 'string') done[job] = doneRaw[job];
  return {
    holder:
      holder && typeof holder.email === 'string'
        ? {
            email: holder.email,
            installedAt: Number(holder.installedAt) || 0,
            timeTrigger: String(holder.timeTrigger ?? ''),
            editTrigger: String(holder.editTrigger ?? ''),
            changeTrigger: String(holder.changeTrigger ?? ''),
          }
        : null,
    done,
    lease: lease && typeof lease.by === 'string' ? { by: lease.by, until: Number(lease.until) || 0 } : null,
  };
}

export function writeScheduleRecord(ss: Spreadsheet, record: ScheduleRecord): void {
  const value = JSON.stringify(record);
  const existing = metadataOf(ss);
  // PROJECT: only Arbiter's own script sees it, not other add-ons on the same spreadsheet.
  if (existing) existing.setValue(value);
  else ss.addDeveloperMetadata(SCHEDULE_METADATA_KEY, value, SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
}
