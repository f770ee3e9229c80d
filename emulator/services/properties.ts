/**
 * PropertiesService: three string-only key/value stores kept in env.state.properties.
 * Limits from https://developers.google.com/apps-script/guides/services/quotas: 9 KB a value and
 * 500 KB a store. A write that would break either throws and writes nothing.
 */
import type { ExecutionEnv } from '../core/env';
import { gasError } from '../core/errors';
import type { PropertyMap } from '../core/state';
import { PropertiesServiceStub, PropertiesStub } from '../generated/stubs';
import { NEEDS_LIMITED, storeUser, utf8Length } from '../core/shared';

export const PROPERTY_VALUE_LIMIT_BYTES = 9 * 1024;
export const PROPERTY_STORE_LIMIT_BYTES = 500 * 1024;

/** A store's size as the quota counts it: the UTF-8 bytes of every key and value. */
function storeSize(store: PropertyMap): number {
  let bytes = 0;
  for (const [key, value] of Object.entries(store)) bytes += utf8Length(key) + utf8Length(value);
  return bytes;
}

/** Throws, as Apps Script does, if `next` (the store after a write) breaks a limit. */
function checkLimits(next: PropertyMap, written: readonly string[]): void {
  for (const key of written) {
    if (utf8Length(next[key]!) > PROPERTY_VALUE_LIMIT_BYTES) throw gasError('Argument too large: value');
  }
  if (storeSize(next) > PROPERTY_STORE_LIMIT_BYTES) {
    throw gasError('You have exceeded the property storage quota. Please remove some properties and try again.');
  }
}

class FakeProperties extends PropertiesStub implements GoogleAppsScript.Properties.Properties {
  constructor(
    private readonly env: ExecutionEnv,
    /** Reads the store on every call: another Properties object may have replaced it. */
    private readonly store: () => PropertyMap,
    private readonly replace: (next: PropertyMap) => void,
  ) {
    super();
  }

  private read(member: string): PropertyMap {
    this.env.call(`Properties.${member}`, 'properties.read', NEEDS_LIMITED);
    return this.store();
  }

  private write(member: string, next: PropertyMap, written: readonly string[]): this {
    this.env.call(`Properties.${member}`, 'properties.write', NEEDS_LIMITED);
    checkLimits(next, written);
    this.replace(next);
    return this;
  }

  override getProperty(key: unknown): string | null {
    return this.read('getProperty')[String(key)] ?? null;
  }

  override getProperties(): Record<string, string> {
    return { ...this.read('getProperties') };
  }

  override getKeys(): string[] {
    return Object.keys(this.read('getKeys'));
  }

  override setProperty(key: unknown, value: unknown): this {
    const name = String(key);
    return this.write('setProperty', { ...this.store(), [name]: String(value) }, [name]);
  }

  override setProperties(properties: Record<string, unknown>, deleteAllOthers = false): this {
    const written = Object.entries(properties).map(([key, value]) => [key, String(value)] as const);
    const next = { ...(deleteAllOthers ? {} : this.store()), ...Object.fromEntries(written) };
    return this.write(
      'setProperties',
      next,
      written.map(([key]) => key),
    );
  }

  override deleteProperty(key: unknown): this {
    const next = { ...this.store() };
    delete next[String(key)];
    return this.write('deleteProperty', next, []);
  }

  override deleteAllProperties(): this {
    return this.write('deleteAllProperties', {}, []);
  }
}

class FakePropertiesService extends PropertiesServiceStub implements GoogleAppsScript.Properties.PropertiesService {
  constructor(private readonly env: ExecutionEnv) {
    super();
  }

  override getScriptProperties(): FakeProperties {
    const { env } = this;
    env.call('PropertiesService.getScriptProperties', 'local', NEEDS_LIMITED);
    const stores = env.state.properties;
    return new FakeProperties(
      env,
      () => stores.script,
      (next) => (stores.script = next),
    );
  }

  /** "When document properties are not available this method returns null" (no containing document). */
  override getDocumentProperties(): FakeProperties {
    const { env } = this;
    env.call('PropertiesService.getDocumentProperties', 'local', NEEDS_LIMITED);
    if (!env.documentContext) return null as unknown as FakeProperties;
    const stores = env.state.properties;
    return new FakeProperties(
      env,
      () => stores.document,
      (next) => (stores.document = next),
    );
  }

  override getUserProperties(): FakeProperties {
    const { env } = this;
    env.call('PropertiesService.getUserProperties', 'local', NEEDS_LIMITED);
    const stores = env.state.properties.user;
    const user = storeUser(env);
    return new FakeProperties(
      env,
      () => stores[user] ?? {},
      (next) => (stores[user] = next),
    );
  }
}

export function createPropertiesService(env: ExecutionEnv): GoogleAppsScript.Properties.PropertiesService {
  return new FakePropertiesService(env);
}
