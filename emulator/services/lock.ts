/**
 * LockService over env.locks, which outlives an execution: a simulated concurrent execution holds a
 * lock as { holder: 'other', until }. In the sequential mode executions run one at a time, so waiting for
 * a lock means moving the virtual clock: to `until` when it comes within the timeout (the lock is
 * then taken), otherwise by the whole timeout (and the attempt fails). The wait is added to the
 * meter. https://developers.google.com/apps-script/reference/lock/lock
 */
import type { ExecutionEnv, LockHold, LockTable } from '../core/env';
import { gasError } from '../core/errors';
import { LockServiceStub, LockStub } from '../generated/stubs';
import { NEEDS_LIMITED, storeUser } from '../core/shared';

interface LockSlot {
  get(): LockHold | null;
  set(hold: LockHold | null): void;
}

export class FakeLock extends LockStub implements GoogleAppsScript.Lock.Lock {
  /** hasLock() is about this Lock object: true after it acquired the lock, until released. */
  private acquired = false;

  constructor(
    private readonly env: ExecutionEnv,
    private readonly slot: LockSlot,
  ) {
    super();
  }

  private holdsIt(): boolean {
    return this.acquired && (this.env.locks.off === true || this.slot.get()?.holder === this.env.id);
  }

  /**
   * Whether another execution holds the lock now. The parallel mode asks before a tryLock or
   * waitLock, and holds the answer back until it is false or the wait runs out
   * (emulator/parallel/owner.ts).
   */
  heldByAnother(): boolean {
    if (this.env.locks.off) return false;
    const hold = this.slot.get();
    return hold !== null && hold.holder !== this.env.id;
  }

  /** Waits up to `timeoutMs` of virtual time; true once this execution holds the lock. */
  private acquire(timeoutMs: unknown): boolean {
    const { env, slot } = this;
    // A negative timeout fails at once, even on a free lock (what Apps Script answers).
    if (Number(timeoutMs) < 0) return false;
    if (env.locks.off) return (this.acquired = true);
    const timeout = Number(timeoutMs) || 0;
    const hold = slot.get();
    const now = env.clock.now();
    let waited = 0;
    if (hold && hold.holder !== env.id) {
      // Another execution of this emulator still holding it is a runtime that forgot to release:
      // nobody will let go, so the wait runs out like a hold without an end.
      const freeAt = hold.holder === 'other' && hold.until !== undefined ? hold.until : Infinity;
      if (freeAt - now > timeout) {
        env.clock.advance(timeout);
        env.meter.addWait(timeout);
        return false;
      }
      waited = Math.max(0, freeAt - now);
    }
    env.clock.advance(waited);
    env.meter.addWait(waited);
    slot.set({ holder: env.id });
    this.acquired = true;
    return true;
  }

  override tryLock(timeoutInMillis: unknown): boolean {
    this.env.call('Lock.tryLock', 'local', NEEDS_LIMITED);
    return this.acquire(timeoutInMillis);
  }

  override waitLock(timeoutInMillis: unknown): void {
    this.env.call('Lock.waitLock', 'local', NEEDS_LIMITED);
    if (!this.acquire(timeoutInMillis)) {
      throw gasError('Lock timeout: another process was holding the lock for too long.');
    }
  }

  override hasLock(): boolean {
    this.env.call('Lock.hasLock', 'local', NEEDS_LIMITED);
    return this.holdsIt();
  }

  /** "This method has no effect if the lock has not been acquired." */
  override releaseLock(): void {
    this.env.call('Lock.releaseLock', 'local', NEEDS_LIMITED);
    if (this.holdsIt()) this.slot.set(null);
    this.acquired = false;
  }
}

class FakeLockService extends LockServiceStub implements GoogleAppsScript.Lock.LockService {
  constructor(private readonly env: ExecutionEnv) {
    super();
  }

  override getScriptLock(): FakeLock {
    this.env.call('LockService.getScriptLock', 'local', NEEDS_LIMITED);
    const locks = this.env.locks;
    return new FakeLock(this.env, { get: () => locks.script, set: (hold) => (locks.script = hold) });
  }

  /** "If this method is called outside of the context of a containing document … null is returned." */
  override getDocumentLock(): FakeLock {
    this.env.call('LockService.getDocumentLock', 'local', NEEDS_LIMITED);
    if (!this.env.documentContext) return null as unknown as FakeLock;
    const locks = this.env.locks;
    return new FakeLock(this.env, { get: () => locks.document, set: (hold) => (locks.document = hold) });
  }

  override getUserLock(): FakeLock {
    this.env.call('LockService.getUserLock', 'local', NEEDS_LIMITED);
    const users = this.env.locks.user;
    const user = storeUser(this.env);
    return new FakeLock(this.env, { get: () => users[user] ?? null, set: (hold) => (users[user] = hold) });
  }
}

export function createLockService(env: ExecutionEnv): GoogleAppsScript.Lock.LockService {
  return new FakeLockService(env);
}

/** Apps Script releases every lock an execution holds when it ends; the runtime calls this then. */
export function releaseExecutionLocks(locks: LockTable, executionId: number): void {
  const heldByIt = (hold: LockHold | null) => hold?.holder === executionId;
  if (heldByIt(locks.script)) locks.script = null;
  if (heldByIt(locks.document)) locks.document = null;
  for (const [user, hold] of Object.entries(locks.user)) if (heldByIt(hold)) locks.user[user] = null;
}
