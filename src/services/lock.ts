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
  try {
    const result = work();
    SpreadsheetApp.flush();
    return result;
  } finally {
    lock.releaseLock();
  }
}
