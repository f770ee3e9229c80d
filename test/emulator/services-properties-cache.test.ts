import { VirtualClock } from '../../emulator/core/clock';
import { createExecutionEnv, type ExecutionEnvOptions } from '../../emulator/core/execution';
import { createEmulatorState } from '../../emulator/core/state';
import { createServiceGlobals } from '../../emulator/services';

function run(options: ExecutionEnvOptions = {}) {
  const env = createExecutionEnv(options);
  return { env, ...createServiceGlobals(env) };
}

const KB = 1024;

describe('PropertiesService (https://developers.google.com/apps-script/reference/properties)', () => {
  test('stores every value as a string and answers null for a missing key', () => {
    const { PropertiesService } = run();
    const props = PropertiesService.getScriptProperties();
    props.setProperty('count', 5 as unknown as string);
    props.setProperties({ flag: true, when: null } as unknown as Record<string, string>);
    expect(props.getProperty('count')).toBe('5');
    expect(props.getProperty('flag')).toBe('true');
    expect(props.getProperty('when')).toBe('null');
    expect(props.getProperty('missing')).toBeNull();
    expect(props.getProperties()).toEqual({ count: '5', flag: 'true', when: 'null' });
    expect(props.getKeys().sort()).toEqual(['count', 'flag', 'when']);
  });

  test('script, document and user stores are separate; user properties belong to the user the script runs as', () => {
    const state = createEmulatorState({ now: 0 });
    const alice = run({ state, user: { email: 'alice@example.com' } });
    alice.PropertiesService.getScriptProperties().setProperty('k', 'script');
    alice.PropertiesService.getDocumentProperties().setProperty('k', 'document');
    alice.PropertiesService.getUserProperties().setProperty('k', 'alice');
    const bob = run({ state, id: 2, user: { email: 'bob@example.com' } });
    expect(bob.PropertiesService.getScriptProperties().getProperty('k')).toBe('script');
    expect(bob.PropertiesService.getDocumentProperties().getProperty('k')).toBe('document');
    expect(bob.PropertiesService.getUserProperties().getProperty('k')).toBeNull();
    // A trigger owned by Alice runs as Alice even where her email is hidden from the script.
    const trigger = run({ state, id: 3, user: { email: '' }, effectiveUser: 'alice@example.com' });
    expect(trigger.PropertiesService.getUserProperties().getProperty('k')).toBe('alice');
  });

  test('a value over 9 KB (UTF-8 bytes) throws "Argument too large: value" and writes nothing', () => {
    const { PropertiesService } = run();
    const props = PropertiesService.getDocumentProperties();
    props.setProperty('ascii', 'x'.repeat(9 * KB));
    // 4,700 Cyrillic letters are fewer than 9,216 characters but 9,400 bytes.
    expect(() => props.setProperty('cyrillic', 'ж'.repeat(4700))).toThrow('Argument too large: value');
    expect(() => props.setProperties({ a: 'ok', b: 'x'.repeat(9 * KB + 1) })).toThrow('Argument too large: value');
    expect(props.getKeys()).toEqual(['ascii']);
  });

  test('a store over 500 KB throws the property storage quota error and writes nothing', () => {
    const { PropertiesService } = run();
    const props = PropertiesService.getScriptProperties();
    // 62 entries of 8 KB are 508,214 bytes with their keys; one more passes 512,000.
    const eightKb = 'v'.repeat(8 * KB);
    for (let i = 0; i < 62; i++) props.setProperty(`key${String(i).padStart(2, '0')}`, eightKb);
    const quota = 'You have exceeded the property storage quota. Please remove some properties and try again.';
    expect(() => props.setProperty('one-more', eightKb)).toThrow(quota);
    expect(() => props.setProperties({ small: 'fits', big: eightKb })).toThrow(quota);
    expect(props.getKeys()).toHaveLength(62);
    expect(props.getProperty('small')).toBeNull();
    // Replacing a value does not count it twice.
    props.setProperty('key00', 'v'.repeat(9 * KB));
    expect(props.getProperty('key00')).toHaveLength(9 * KB);
  });

  test('setProperties(…, true) deletes all others; deleteProperty and deleteAllProperties', () => {
    const { PropertiesService } = run();
    const props = PropertiesService.getScriptProperties();
    props.setProperties({ a: '1', b: '2' });
    props.setProperties({ c: '3' }, true);
    expect(props.getProperties()).toEqual({ c: '3' });
    props.setProperties({ d: '4' }).deleteProperty('c');
    expect(props.getProperties()).toEqual({ d: '4' });
    props.deleteAllProperties();
    expect(props.getKeys()).toEqual([]);
  });

  test('is refused in AuthMode.NONE (an add-on onOpen in a document where it is not enabled)', () => {
    const { PropertiesService } = run({ authMode: 'NONE' });
    expect(() => PropertiesService.getDocumentProperties()).toThrow(
      /PropertiesService\.getDocumentProperties in AuthMode\.NONE/,
    );
    expect(() => run({ authMode: 'LIMITED' }).PropertiesService.getDocumentProperties()).not.toThrow();
  });

  test('each get and set is one metered call', () => {
    const { env, PropertiesService } = run();
    const props = PropertiesService.getScriptProperties();
    props.setProperty('a', '1');
    props.setProperties({ b: '2', c: '3' });
    props.getProperty('a');
    props.getProperties();
    const meter = env.meter.snapshot();
    expect(meter.byKind['properties.write']).toBe(2);
    expect(meter.byKind['properties.read']).toBe(2);
    expect(meter.calls['Properties.setProperty']).toBe(1);
  });
});

describe('CacheService (https://developers.google.com/apps-script/reference/cache/cache)', () => {
  test('an entry lives 600 s by default, on the virtual clock', () => {
    const { env, CacheService } = run();
    const cache = CacheService.getScriptCache();
    cache.put('k', 'v');
    env.clock.advance(599_000);
    expect(cache.get('k')).toBe('v');
    env.clock.advance(1_000);
    expect(cache.get('k')).toBeNull();
  });

  test('6 hours is the longest expiration; more throws', () => {
    const { env, CacheService } = run();
    const cache = CacheService.getDocumentCache()!;
    cache.put('six-hours', 'v', 21600);
    expect(() => cache.put('too-long', 'v', 21601)).toThrow('Argument too large: expirationInSeconds');
    expect(cache.get('too-long')).toBeNull();
    env.clock.advance(21600_000 - 1);
    expect(cache.get('six-hours')).toBe('v');
    env.clock.advance(1);
    expect(cache.get('six-hours')).toBeNull();
  });

  test('keys over 250 characters and values over 100 KB throw; a failed putAll writes nothing', () => {
    const { CacheService } = run();
    const cache = CacheService.getScriptCache();
    cache.put('k'.repeat(250), 'ok');
    expect(() => cache.put('k'.repeat(251), 'v')).toThrow('Argument too large: key');
    cache.put('max', 'x'.repeat(100 * KB));
    expect(() => cache.put('big', 'x'.repeat(100 * KB + 1))).toThrow('Argument too large: value');
    expect(() => cache.putAll({ fine: '1', big: 'ж'.repeat(60 * KB) })).toThrow('Argument too large: value');
    expect(cache.get('fine')).toBeNull();
  });

  test('getAll, putAll, remove, removeAll; values become strings', () => {
    const { CacheService } = run();
    const cache = CacheService.getScriptCache();
    cache.putAll({ a: 1, b: 2, c: 3 } as unknown as Record<string, string>, 60);
    expect(cache.getAll(['a', 'b', 'x'])).toEqual({ a: '1', b: '2' });
    cache.remove('a');
    cache.removeAll(['b']);
    expect(cache.getAll(['a', 'b', 'c'])).toEqual({ c: '3' });
  });

  test('a cached value outlives the execution (it is in the state) but user caches are per user', () => {
    const state = createEmulatorState({ now: 0 });
    const clock = new VirtualClock(0);
    run({ state, clock, user: { email: 'a@example.com' } })
      .CacheService.getUserCache()
      .put('k', 'a');
    run({ state, clock, user: { email: 'a@example.com' } })
      .CacheService.getScriptCache()
      .put('k', 'script');
    const later = run({ state, clock, id: 2, user: { email: 'b@example.com' } });
    expect(later.CacheService.getScriptCache().get('k')).toBe('script');
    expect(later.CacheService.getUserCache().get('k')).toBeNull();
    expect(
      run({ state, clock, id: 3, user: { email: 'a@example.com' } })
        .CacheService.getUserCache()
        .get('k'),
    ).toBe('a');
  });

  test('is metered as cache reads and writes, and refused in AuthMode.NONE', () => {
    const { env, CacheService } = run();
    const cache = CacheService.getScriptCache();
    cache.put('a', '1');
    cache.get('a');
    cache.getAll(['a']);
    expect(env.meter.snapshot().byKind).toMatchObject({ 'cache.write': 1, 'cache.read': 2 });
    expect(() => run({ authMode: 'NONE' }).CacheService.getScriptCache()).toThrow(/AuthMode\.NONE/);
  });
});
