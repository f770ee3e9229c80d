/**
 * Every write happens under the document lock: read, validate, write in one batch, flush, release.
 * Without the flush, pending writes could land after another execution took the lock.
 */
import { DomainError } from '../domain/errors';

/** How long a sidebar action waits for another execution to finish before telling the user. */
export const LOCK_WAIT_MS = 10_000;

/**
 * The document lock; where there is none — a published add-on's time trigger, where
 * getDocumentLock() returns null (docs/architecture.md, Adding a job) — the script lock, the one
 * lock every execution of the script shares.
 */
function documentLock(): GoogleAppsScript.Lock.Lock {
  return (LockService.getDocumentLock() as GoogleAppsScript.Lock.Lock | null) ?? LockService.getScriptLock();
}

/** Runs `work` under the document lock, waiting for it at most `waitMs` (a person's call: 10 s). */
export function withDocumentLock<T>(work: () => T, waitMs = LOCK_WAIT_MS): T {
  const lock = documentLock();
  if (!lock.tryLock(waitMs)) throw new DomainError('conflict', [{ key: 'error.busy' }]);
  return holding(lock, work);
}

/** Runs `work` under the document lock if it is free within a moment; otherwise skips it. */
export function tryWithDocumentLock(work: () => unknown, waitMs = 500): boolean {
  const lock = documentLock();
  if (!lock.tryLock(waitMs)) return false;
  holding(lock, work);
  return true;
}

function holding<T>(lock: GoogleAppsScript.Lock.Lock, work: () => T): T {
  try {
    const result = work();
    SpreadsheetApp.flush();
    return result;
  } finally {
    lock.releaseLock();
  }
}
