/**
 * What arrives from outside (a browser's payload through google.script.run, a typed cell) is read
 * without trusting its type, and quoted back to a person only as a short, clean excerpt
 * (docs/product.md, Integrity: what a person reads). Never `String(x)` on a value that may be an
 * object: `{toString: 1}` throws, `{}` reads "[object Object]".
 */

/** How much of a value a message quotes. */
export const EXCERPT_LENGTH = 60;

/** Control characters, zero-width characters and direction marks: shown as spaces in a message. */
// eslint-disable-next-line no-control-regex -- control characters are what this removes
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** `text` as a message quotes it: invisible characters as spaces, at most `max` characters. */
export function excerpt(text: string, max: number = EXCERPT_LENGTH): string {
  const clean = text.replace(INVISIBLE, ' ');
  if (clean.length <= max) return clean;
  // Never half of a surrogate pair (an emoji) before the ellipsis.
  const cut = clean.slice(0, max - 1).replace(/[\ud800-\udbff]$/, '');
  return `${cut}…`;
}

/**
 * A value of any type as a message may quote it: text as its excerpt, numbers and flags as they
 * read; a list, an object or nothing as the empty string (a message then says what was expected).
 */
export function shown(value: unknown, max: number = EXCERPT_LENGTH): string {
  if (typeof value === 'string') return excerpt(value, max);
  if (typeof value === 'number') return Object.is(value, -0) ? '0' : `${value}`;
  if (typeof value === 'boolean' || typeof value === 'bigint') return `${value}`;
  return '';
}

/**
 * `input`'s own fields, when it is a plain object; null for a list, text, a number, null, or an
 * object that cannot be read (a getter that throws). The copy has no prototype, so a field named
 * `__proto__` or `toString` is just a field.
 */
export function recordOf(input: unknown): Record<string, unknown> | null {
  try {
    if (!input || typeof input !== 'object' || Array.isArray(input)) return null;
    const record = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(input)) record[key] = (input as Record<string, unknown>)[key];
    return record;
  } catch {
    return null;
  }
}
