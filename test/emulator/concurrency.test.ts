/**
 * The parallel mode of the emulator (docs/architecture.md, The emulator): executions run at the
 * same time on worker threads over one state, and LockService excludes for real. The facts about
 * locks are Apps Script's (https://developers.google.com/apps-script/reference/lock/lock): tryLock
 * answers false once the timeout has passed, waitLock throws "Lock timeout: another process was
 * holding the lock for too long.", a lock is released when its execution ends, and the script,
 * document and user locks are three different locks (the user lock per user).
 */
import { Emulator } from '../../emulator/runtime';
import { writeBundle } from '../support/bundles';

const LOCK_TIMEOUT = 'Lock timeout: another process was holding the lock for too long.';

const CODE = `
function props() { return PropertiesService.getScriptProperties(); }
function waitFor(key) {
  for (var i = 0; i < 1000 && !props().getProperty(key); i++) Utilities.sleep(10);
  if (!props().getProperty(key)) throw new Error('never saw ' + key);
}
function lockOf(kind) { return LockService['get' + kind + 'Lock'](); }
// Holds the lock until every key in 'until' is set (what the others signal), then ms more.
function hold(kind, until, ms, release) {
  var lock = lockOf(kind);
  lock.waitLock(5000);
  props().setProperty('held', 'yes');
  until.forEach(waitFor);
  Utilities.sleep(ms);
  if (release) lock.releaseLock();
  return lock.hasLock();
}
function tryWhileHeld(kind, ms, done) {
  waitFor('held');
  var lock = lockOf(kind);
  var start = Date.now();
  var got = lock.tryLock(ms);
  props().setProperty(done, 'yes');
  return { got: got, has: lock.hasLock(), waited: Date.now() - start };
}
function waitWhileHeld(kind, ms, done) {
  waitFor('held');
  props().setProperty('waiting', 'yes');
  var lock = lockOf(kind);
  var start = Date.now();
  try {
    lock.waitLock(ms);
    return { got: lock.hasLock(), waited: Date.now() - start };
  } catch (e) {
    return { error: e.message, has: lock.hasLock(), waited: Date.now() - start };
  } finally {
    props().setProperty(done, 'yes');
  }
}
function increment(kind) {
  var lock = kind ? lockOf(kind) : null;
  if (lock) lock.waitLock(30000);
  var n = Number(props().getProperty('n') || 0);
  Utilities.sleep(2);
  props().setProperty('n', String(n + 1));
  if (lock) lock.releaseLock();
}
function ping() { props().setProperty('ping', 'yes'); waitFor('pong'); return 'ping'; }
function pong() { waitFor('ping'); props().setProperty('pong', 'yes'); return 'pong'; }
`;

const buildDir = writeBundle(CODE);
const newEmulator = () => new Emulator({ buildDir });

describe('the parallel mode', () => {
  test('executions really run at the same time: each waits for what the other writes', async () => {
    const emulator = newEmulator();
    const results = await emulator.runParallel([{ functionName: 'ping' }, { functionName: 'pong' }], { workers: 2 });
    expect(results.map((r) => [r.ok, r.value, r.error])).toEqual([
      [true, 'ping', undefined],
      [true, 'pong', undefined],
    ]);
    // The executions are recorded, and the meter counted each one's calls on the owner thread.
    expect(emulator.executions.map((e) => e.functionName).sort()).toEqual(['ping', 'pong']);
    expect(results[0]?.meter.calls['Properties.setProperty']).toBe(1);
  });

  test('tryLock returns false while another execution holds the lock, after waiting its timeout', async () => {
    const emulator = newEmulator();
    const [holder, trier] = await emulator.runParallel(
      [
        { functionName: 'hold', args: ['Script', ['tried'], 0, true] },
        { functionName: 'tryWhileHeld', args: ['Script', 100, 'tried'] },
      ],
      { workers: 2 },
    );
    expect(holder?.ok).toBe(true);
    expect(trier?.value).toEqual({ got: false, has: false, waited: expect.any(Number) });
    expect((trier?.value as { waited: number }).waited).toBeGreaterThanOrEqual(100);
    expect(trier?.meter.estimatedMs).toBeGreaterThanOrEqual(100);
  });

  test("waitLock times out with Apps Script's message", async () => {
    const emulator = newEmulator();
    const [, waiter] = await emulator.runParallel(
      [
        { functionName: 'hold', args: ['Document', ['gave up'], 0, true] },
        { functionName: 'waitWhileHeld', args: ['Document', 100, 'gave up'] },
      ],
      { workers: 2 },
    );
    expect(waiter?.value).toEqual({ error: LOCK_TIMEOUT, has: false, waited: expect.any(Number) });
    expect((waiter?.value as { waited: number }).waited).toBeGreaterThanOrEqual(100);
  });

  test('waitLock really waits: it gets the lock when the holder releases it, or when its execution ends', async () => {
    const emulator = newEmulator();
    const [, afterRelease] = await emulator.runParallel(
      [
        { functionName: 'hold', args: ['Script', ['waiting'], 100, true] },
        { functionName: 'waitWhileHeld', args: ['Script', 10_000, 'done'] },
      ],
      { workers: 2 },
    );
    expect(afterRelease?.value).toEqual({ got: true, waited: expect.any(Number) });
    expect((afterRelease?.value as { waited: number }).waited).toBeLessThan(10_000);

    const second = newEmulator();
    const [holder, afterEnd] = await second.runParallel(
      [
        // Holds the lock and ends without releasing it: Apps Script releases it then.
        { functionName: 'hold', args: ['Script', ['waiting'], 100, false] },
        { functionName: 'waitWhileHeld', args: ['Script', 10_000, 'done'] },
      ],
      { workers: 2 },
    );
    expect(holder?.value).toBe(true);
    expect(afterEnd?.value).toEqual({ got: true, waited: expect.any(Number) });
  });

  test('the script, document and user locks are different locks; the user lock is per user', async () => {
    const emulator = newEmulator();
    const results = await emulator.runParallel(
      [
        { functionName: 'hold', args: ['User', ['t1', 't2', 't3'], 0, true], options: { user: 'a@example.com' } },
        { functionName: 'tryWhileHeld', args: ['Script', 0, 't1'], options: { user: 'b@example.com' } },
        { functionName: 'tryWhileHeld', args: ['User', 0, 't2'], options: { user: 'b@example.com' } },
        { functionName: 'tryWhileHeld', args: ['User', 50, 't3'], options: { user: 'a@example.com' } },
      ],
      { workers: 4 },
    );
    expect(results.map((r) => r.value ?? r.error)).toEqual([
      false, // hasLock() after releaseLock()
      { got: true, has: true, waited: expect.any(Number) },
      { got: true, has: true, waited: expect.any(Number) },
      { got: false, has: false, waited: expect.any(Number) },
    ]);
  });

  test('a read-modify-write under the lock loses nothing; with the lock switched off in the fake it loses updates', async () => {
    const runs = Array.from({ length: 40 }, () => ({ functionName: 'increment', args: ['Script'] }));
    const locked = newEmulator();
    const lockedResults = await locked.runParallel(runs, { workers: 4 });
    expect(lockedResults.every((r) => r.ok)).toBe(true);
    expect(locked.state.properties.script.n).toBe('40');

    const unlocked = newEmulator();
    await unlocked.runParallel(runs, { workers: 4, lock: false });
    expect(Number(unlocked.state.properties.script.n)).toBeLessThan(40);
  });
});
