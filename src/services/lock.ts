/**
 * Every write happens under the document lock: read, validate, write in one batch, flush, release.
 * Without the flush, pending writes could land after another execution took the lock.
 */
import { DomainError } from '../domain/errors';

/** How long a sidebar action waits for another execution to finish before telling the user. */
export const LOCK_WAIT_MS = 10_000;

export function withDocumentLock<T>(work: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) throw new DomainError('conflict', [{ key: 'error.busy' }]);
  return holding(lock, work);
}

/** Runs `work` under the document lock if it is free within a moment; otherwise skips it. */
export function tryWithDocumentLock(work: () => unknown, waitMs = 500): boolean {
  const lock = LockService.getDocumentLock();
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
