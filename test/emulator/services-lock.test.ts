import { VirtualClock } from '../../emulator/core/clock';
import { createExecutionEnv, createLockTable, type ExecutionEnvOptions } from '../../emulator/core/execution';
import { createServiceGlobals, releaseExecutionLocks } from '../../emulator/services';

function run(options: ExecutionEnvOptions = {}) {
  const env = createExecutionEnv(options);
  return { env, ...createServiceGlobals(env) };
}

const LOCK_TIMEOUT = 'Lock timeout: another process was holding the lock for too long.';

describe('LockService (https://developers.google.com/apps-script/reference/lock/lock)', () => {
  test('a free lock is taken at once; releaseLock lets it go', () => {
    const { env, LockService } = run({ id: 7 });
    const lock = LockService.getScriptLock();
    expect(lock.hasLock()).toBe(false);
    expect(lock.tryLock(1000)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    expect(env.locks.script).toEqual({ holder: 7 });
    lock.releaseLock();
    expect(lock.hasLock()).toBe(false);
    expect(env.locks.script).toBeNull();
  });

  test('tryLock returns false when another execution holds the lock past the timeout, after waiting it out', () => {
    const clock = new VirtualClock(1_000_000);
    const locks = createLockTable();
    locks.script = { holder: 'other', until: 1_010_000 };
    const { env, LockService } = run({ clock, locks });
    const before = env.meter.snapshot().estimatedMs;
    const lock = LockService.getScriptLock();
    expect(lock.tryLock(5000)).toBe(false);
    expect(lock.hasLock()).toBe(false);
    expect(clock.now()).toBe(1_005_000);
    expect(env.meter.snapshot().estimatedMs - before).toBe(5000);
    expect(locks.script).toEqual({ holder: 'other', until: 1_010_000 });
  });

  test('waitLock throws the Apps Script timeout error', () => {
    const locks = createLockTable();
    locks.document = { holder: 'other', until: Date.UTC(2030, 0, 1) };
    const { LockService } = run({ locks });
    expect(() => LockService.getDocumentLock().waitLock(30000)).toThrow(LOCK_TIMEOUT);
  });

  test('a holder that lets go within the timeout is waited for, and the wait is metered', () => {
    const clock = new VirtualClock(0);
    const locks = createLockTable();
    locks.script = { holder: 'other', until: 3000 };
    const { env, LockService } = run({ clock, locks, id: 4 });
    const before = env.meter.snapshot().estimatedMs;
    const lock = LockService.getScriptLock();
    lock.waitLock(10000);
    expect(lock.hasLock()).toBe(true);
    expect(clock.now()).toBe(3000);
    expect(env.meter.snapshot().estimatedMs - before).toBe(3000);
    expect(locks.script).toEqual({ holder: 4 });
  });

  test('releaseExecutionLocks frees what the ended execution held, and nothing else', () => {
    const clock = new VirtualClock(0);
    const locks = createLockTable();
    const first = run({ clock, locks, id: 1, user: { email: 'a@example.com' } });
    first.LockService.getScriptLock().waitLock(1000);
    first.LockService.getUserLock().waitLock(1000);
    locks.document = { holder: 'other', until: 60_000 };
    locks.user['b@example.com'] = { holder: 2 };

    const second = run({ clock, locks, id: 2, user: { email: 'b@example.com' } });
    expect(second.LockService.getScriptLock().tryLock(100)).toBe(false);

    releaseExecutionLocks(locks, 1);
    expect(locks).toEqual({
      script: null,
      document: { holder: 'other', until: 60_000 },
      user: { 'a@example.com': null, 'b@example.com': { holder: 2 } },
    });
    expect(second.LockService.getScriptLock().tryLock(0)).toBe(true);
  });

  test('user locks are per user', () => {
    const locks = createLockTable();
    run({ locks, id: 1, user: { email: 'a@example.com' } })
      .LockService.getUserLock()
      .waitLock(0);
    expect(
      run({ locks, id: 2, user: { email: 'b@example.com' } })
        .LockService.getUserLock()
        .tryLock(0),
    ).toBe(true);
    expect(
      run({ locks, id: 3, user: { email: 'a@example.com' } })
        .LockService.getUserLock()
        .tryLock(0),
    ).toBe(false);
  });

  test('is refused in AuthMode.NONE', () => {
    expect(() => run({ authMode: 'NONE' }).LockService.getScriptLock()).toThrow(
      /LockService\.getScriptLock in AuthMode\.NONE/,
    );
  });
});
