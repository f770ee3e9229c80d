/**
 * JSON with dates: the emulator's state holds `Date`s (cell values, timestamps), which plain JSON
 * would flatten to strings. They are written as {"$date": "<ISO>"} and revived as `Date`s.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const DATE_KEY = '$date';

export function stringifyState(value: unknown): string {
  return JSON.stringify(
    value,
    function replacer(this: Record<string, unknown>, key: string, v: unknown) {
      // JSON.stringify calls Date#toJSON before the replacer sees the value; look at the raw one.
      const raw = this[key];
      if (raw instanceof Date) return { [DATE_KEY]: Number.isNaN(raw.getTime()) ? null : raw.toISOString() };
      return v;
    },
    1,
  );
}

export function parseState<T>(text: string): T {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1 && keys[0] === DATE_KEY) {
        const iso = (v as Record<string, unknown>)[DATE_KEY];
        return iso === null ? new Date(NaN) : new Date(String(iso));
      }
    }
    return v;
  }) as T;
}

/** Writes atomically (temp file + rename) so a crash never leaves half a workbook on disk. */
export function saveStateFile(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, stringifyState(value));
  renameSync(tmp, file);
}

export function loadStateFile<T>(file: string): T {
  return parseState<T>(readFileSync(file, 'utf8'));
}

/** A deep copy that keeps `Date`s (structuredClone does, and is fast enough for our sizes). */
export function cloneState<T>(value: T): T {
  return structuredClone(value);
}
