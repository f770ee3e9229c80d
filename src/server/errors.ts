/**
 * What crosses to the person: every failure becomes an Error whose message they can act on, in
 * their language. The message starts with a tag the sidebar reads and strips — "[conflict]",
 * "[validation orderNo client]" — so it can offer a reload or mark the fields; a person reading it
 * in the Apps Script log sees the plain sentence after it. Nothing internal reaches them: a value
 * they sent is quoted as a short excerpt, a field by its name in their language, and a failure
 * that is not a refusal (a bug, a service down) as one sentence with a reference, its detail in
 * the log (docs/product.md, Integrity: what a person reads).
 */
import { isDomainError, ServerRefusal, type DomainError, type Problem } from '../domain/errors';
import { fieldLabel } from '../domain/field-label';
import { isMessageKey, t, type Lang } from '../domain/i18n';
import { isZoneMessageKey, tZone, type ZoneMessageKey } from '../domain/i18n/zones';
import { tServer } from '../domain/i18n/server';
import { excerpt } from '../domain/untrusted';

/** Parameters that quote what someone typed or sent. */
const QUOTED = new Set(['value', 'key', 'name', 'email', 'id']);
/** A message longer than this (every field of a settings object wrong) is cut. */
export const MAX_MESSAGE = 3000;

/** Status and role codes among a message's details are shown as the person's words for them. */
function localizeParams(params: Problem['params'], lang: Lang): Problem['params'] {
  if (!params) return params;
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    const statusKey = `status.${value}`;
    const roleKey = `role.${value}`;
    if ((name === 'from' || name === 'to' || name === 'status') && isMessageKey(statusKey))
      out[name] = t(lang, statusKey);
    else if (name === 'role' && isMessageKey(roleKey)) out[name] = t(lang, roleKey);
    else if (['zoneFrom', 'zoneTo', 'zoneStatus'].includes(name) && isZoneMessageKey(`zoneStatus.${value}`))
      out[name] = tZone(lang, `zoneStatus.${value}` as ZoneMessageKey);
    else if (typeof value === 'string' && QUOTED.has(name)) out[name] = excerpt(value);
    else out[name] = typeof value === 'number' || typeof value === 'string' ? value : '';
  }
  return out;
}

export function describeProblems(error: DomainError, lang: Lang): string {
  return error.problems
    .map((p) => {
      const params = localizeParams(p.params, lang);
      const text = isZoneMessageKey(p.key) ? tZone(lang, p.key, params) : t(lang, p.key, params);
      // A zone of growth's refusals are whole sentences: the field is for the sidebar to mark.
      if (!p.field || p.key.startsWith('zone.')) return text;
      return `${fieldLabel(p.field, lang) ?? tServer(lang, 'field.unnamed', { name: excerpt(p.field) })}: ${text}`;
    })
    .join(' ');
}

export function toUserError(error: unknown, lang: Lang): Error {
  if (error instanceof ServerRefusal) return new Error(`[${error.kind}] ${tServer(lang, error.key, error.params)}`);
  if (!isDomainError(error))
    return new Error(`[error] ${tServer(lang, 'error.unexpected', { ref: logUnexpected(error) })}`);
  // Only fields with a name (or a zone's own, which its form marks) go into the tag: never what was sent.
  const named = error.problems.filter(
    (p) => p.field && /^[\w.]+$/.test(p.field) && (p.key.startsWith('zone.') || fieldLabel(p.field, lang) !== null),
  );
  const fields = [...new Set(named.map((p) => p.field))];
  const tag = error.kind === 'validation' || error.kind === 'guard' ? [error.kind, ...fields].join(' ') : error.kind;
  return new Error(`[${tag}] ${excerpt(describeProblems(error, lang), MAX_MESSAGE)}`);
}

/**
 * Writes an unexpected failure whole to the execution's log (Apps Script's Executions page) under
 * a short reference, which the person's message gives so a lead can find it there.
 */
export function logUnexpected(error: unknown): string {
  const ref = Utilities.getUuid().slice(0, 8).toUpperCase();
  try {
    console.error(`Arbiter ${ref}:`, error instanceof Error ? (error.stack ?? error.message) : error);
  } catch {
    // A log that cannot take the value still has the reference.
  }
  return ref;
}

/** Runs an API body, turning domain failures into user errors. */
export function userFacing<T>(lang: () => Lang, body: () => T): T {
  try {
    return body();
  } catch (error) {
    throw toUserError(error, safeLang(lang));
  }
}

function safeLang(lang: () => Lang): Lang {
  try {
    return lang();
  } catch {
    return 'ru';
  }
}
