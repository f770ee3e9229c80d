/**
 * A test-only entry: the server's public functions plus direct calls into two parts of the jobs,
 * so tests can hand delivery notices built for the case at hand (quota, a killed run, a lagging
 * index) and run the digest without the dispatcher's once-a-day bookkeeping. The same paths also
 * run through the real bundle (runScheduled, Run now) in hourly, notices and schedule tests.
 * Built by job-bundle.ts like build/Code.js.
 */
import type { DueNotice } from '../../src/domain/notices';
import { runDailyJob } from '../../src/server/jobs/daily';
import { runHourlyJob } from '../../src/server/jobs/hourly';
import { deliverNotices } from '../../src/server/jobs/deliver';
import type { JobContext } from '../../src/server/jobs/job';
import { openWorkbookWithSettings } from '../../src/sheets/workbook';
import { fallenDueRechecks } from '../../src/domain/growth-zone-lifecycle';
import { withDocumentLock } from '../../src/services/lock';
import { readGrowthZones, updateGrowthZones } from '../../src/sheets/zones-tab';

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

/** The monthly job's recheck sweep (growth-zone-lifecycle.ts fallenDueRechecks), as that job runs it. */
export function testSweepRechecks() {
  const ctx = context(5 * 60_000);
  return withDocumentLock(() => {
    const due = fallenDueRechecks(readGrowthZones(ctx.wb).zones, ctx.now);
    return updateGrowthZones(ctx.wb, due, ctx.runAs, ctx.now);
  });
}

/**
 * The hourly job (as the dispatcher runs it) while another person's call lands in between: the
 * call `fn(...args)` of the bundle runs, whole, just before the job first asks for the document
 * lock, as another execution holding the lock would when the job's wait for it ends. A job that
 * read the cases before taking the lock writes from that stale read (docs/product.md, Escalation).
 */
export function testHourlyAfterACallWhileWaiting(fn: string, args: unknown[]) {
  const service = LockService as unknown as Record<string, unknown>;
  const original = LockService.getDocumentLock.bind(LockService);
  let pending = true;
  service.getDocumentLock = () => {
    if (pending) {
      pending = false;
      (globalThis as unknown as Record<string, (...a: unknown[]) => unknown>)[fn]?.(...args);
    }
    return original();
  };
  try {
    return runHourlyJob(context(5 * 60_000));
  } finally {
    service.getDocumentLock = original;
  }
}

/**
 * Delivery while another execution holds the document lock for `busyMs` after each email is sent
 * (a person's long call): a wait for the lock shorter than that is refused, as Apps Script's
 * tryLock answers false when the wait runs out.
 */
export function testDeliverWhileTheLockIsBusy(notices: DueNotice[], busyMs: number) {
  const service = LockService as unknown as Record<string, unknown>;
  const mail = MailApp as unknown as Record<string, unknown>;
  const originalLock = LockService.getDocumentLock.bind(LockService);
  const originalSend = MailApp.sendEmail.bind(MailApp) as (options: unknown) => void;
  let busyUntil = 0;
  mail.sendEmail = (options: unknown) => {
    originalSend(options);
    busyUntil = Date.now() + busyMs;
  };
  service.getDocumentLock = () => {
    const lock = originalLock();
    const tryLock = lock.tryLock.bind(lock);
    return Object.assign(Object.create(lock) as GoogleAppsScript.Lock.Lock, {
      tryLock: (ms: number) => (Date.now() + ms < busyUntil ? false : tryLock(ms)),
      releaseLock: () => lock.releaseLock(),
      hasLock: () => lock.hasLock(),
    });
  };
  try {
    return deliverNotices(context(5 * 60_000), notices);
  } finally {
    service.getDocumentLock = originalLock;
    mail.sendEmail = originalSend;
  }
}
