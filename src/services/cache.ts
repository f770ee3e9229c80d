/**
 * The document cache, for what every call needs and rarely changes (the parsed Settings): one
 * cache read (a few ms) instead of several spreadsheet round trips.
 */

function documentCache(): GoogleAppsScript.Cache.Cache | null {
  return CacheService.getDocumentCache();
}

export function getCachedJson<T>(key: string): T | null {
  const text = documentCache()?.get(key);
  if (!text) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

/** Best effort: a value the cache refuses (over 100 KB) is simply not cached. */
export function putCachedJson(key: string, value: unknown, seconds: number): void {
  try {
    documentCache()?.put(key, JSON.stringify(value), seconds);
  } catch {
    removeCached(key);
  }
}

export function removeCached(key: string): void {
  documentCache()?.remove(key);
}
