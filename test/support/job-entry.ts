/**
 * A test-only entry: the server's public functions plus direct calls into the jobs' parts, so
 * delivery and the digest run inside the emulator as the bundle runs them, before the hourly
 * sweep and the dispatcher that will call them exist. Built by job-bundle.ts like build/Code.js.
 */
import type { DueNotice } from '../../src/domain/notices';
import { runDailyJob } from '../../src/server/jobs/daily';
import { deliverNotices } from '../../src/server/jobs/deliver';
import type { JobContext } from '../../src/server/jobs/job';
import { openWorkbookWithSettings } from '../../src/sheets/workbook';

export * from '../../src/server/index';

function context(deadlineMs: number): JobContext {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const { wb, settings } = openWorkbookWithSettings(ss);
  const now = Date.now();
  return {
    wb,
    settings,
    lang: settings.language,
    now,
    deadline: now + deadlineMs,
    runAs: Session.getEffectiveUser().getEmail(),
    spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${ss.getId()}/edit`,
  };
}

export function testDeliverNotices(notices: DueNotice[], deadlineMs = 5 * 60_000) {
  return deliverNotices(context(deadlineMs), notices);
}

export function testRunDaily() {
  return runDailyJob(context(5 * 60_000));
}
