/**
 * CacheService: script, document and per-user caches in env.state.cache, expiring on the virtual
 * clock. https://developers.google.com/apps-script/reference/cache/cache: keys up to 250
 * characters, values up to 100 KB, expiration 600 s by default and 21600 s (6 h) at most. A
 * negative or zero expiration is accepted as real Apps Script accepts it (the entry is gone at
 * once). The real cache may also evict early when full; the emulator never does, which is the
 * behaviour a test can rely on.
 */
import type { ExecutionEnv } from '../core/env';
import { gasError } from '../core/errors';
import type { CacheEntry } from '../core/state';
import { CacheServiceStub, CacheStub } from '../generated/stubs';
import { NEEDS_LIMITED, storeUser, utf8Length } from '../core/shared';

export const CACHE_KEY_LIMIT_CHARS = 250;
export const CACHE_VALUE_LIMIT_BYTES = 100 * 1024;
export const CACHE_DEFAULT_EXPIRATION_SECONDS = 600;
export const CACHE_MAX_EXPIRATION_SECONDS = 21600;

type CacheStore = Record<string, CacheEntry>;

function checkKey(key: string): void {
  if (key.length > CACHE_KEY_LIMIT_CHARS) throw gasError('Argument too large: key');
}

class FakeCache extends CacheStub implements GoogleAppsScript.Cache.Cache {
  constructor(
    private readonly env: ExecutionEnv,
    private readonly store: CacheStore,
  ) {
    super();
  }

  /** The live value of `key`; an expired entry is dropped from the state on the way. */
  private live(key: string): string | null {
    const entry = this.store[key];
    if (!entry) return null;
    if (entry.expiresAt <= this.env.clock.now()) {
      delete this.store[key];
      return null;
    }
    return entry.value;
  }

  /** Validates everything first so a bad entry in putAll writes nothing. */
  private putEntries(entries: ReadonlyArray<readonly [string, string]>, expirationInSeconds: unknown): void {
    const seconds = expirationInSeconds === undefined ? CACHE_DEFAULT_EXPIRATION_SECONDS : Number(expirationInSeconds);
    if (seconds > CACHE_MAX_EXPIRATION_SECONDS) throw gasError('Argument too large: expirationInSeconds');
    for (const [key, value] of entries) {
      checkKey(key);
      if (utf8Length(value) > CACHE_VALUE_LIMIT_BYTES) throw gasError('Argument too large: value');
    }
    const expiresAt = this.env.clock.now() + seconds * 1000;
    for (const [key, value] of entries) this.store[key] = { value, expiresAt };
  }

  override get(key: unknown): string | null {
    this.env.call('Cache.get', 'cache.read', NEEDS_LIMITED);
    const name = String(key);
    checkKey(name);
    return this.live(name);
  }

  override getAll(keys: unknown[]): Record<string, string> {
    this.env.call('Cache.getAll', 'cache.read', NEEDS_LIMITED);
    const found: Record<string, string> = {};
    for (const key of keys.map(String)) {
      checkKey(key);
      const value = this.live(key);
      if (value !== null) found[key] = value;
    }
    return found;
  }

  override put(key: unknown, value: unknown, expirationInSeconds?: unknown): void {
    this.env.call('Cache.put', 'cache.write', NEEDS_LIMITED);
    this.putEntries([[String(key), String(value)]], expirationInSeconds);
  }

  override putAll(values: Record<string, unknown>, expirationInSeconds?: unknown): void {
    this.env.call('Cache.putAll', 'cache.write', NEEDS_LIMITED);
    this.putEntries(
      Object.entries(values).map(([key, value]) => [key, String(value)] as const),
      expirationInSeconds,
    );
  }

  override remove(key: unknown): void {
    this.env.call('Cache.remove', 'cache.write', NEEDS_LIMITED);
    delete this.store[String(key)];
  }

  override removeAll(keys: unknown[]): void {
    this.env.call('Cache.removeAll', 'cache.write', NEEDS_LIMITED);
    for (const key of keys) delete this.store[String(key)];
  }
}

class FakeCacheService extends CacheServiceStub implements GoogleAppsScript.Cache.CacheService {
  constructor(private readonly env: ExecutionEnv) {
    super();
  }

  override getScriptCache(): FakeCache {
    this.env.call('CacheService.getScriptCache', 'local', NEEDS_LIMITED);
    return new FakeCache(this.env, this.env.state.cache.script);
  }

  /** "null if there is no containing document" (CacheService reference). */
  override getDocumentCache(): FakeCache {
    this.env.call('CacheService.getDocumentCache', 'local', NEEDS_LIMITED);
    if (!this.env.documentContext) return null as unknown as FakeCache;
    return new FakeCache(this.env, this.env.state.cache.document);
  }

  override getUserCache(): FakeCache {
    this.env.call('CacheService.getUserCache', 'local', NEEDS_LIMITED);
    const caches = this.env.state.cache.user;
    const user = storeUser(this.env);
    return new FakeCache(this.env, (caches[user] ??= {}));
  }
}

export function createCacheService(env: ExecutionEnv): GoogleAppsScript.Cache.CacheService {
  return new FakeCacheService(env);
}
