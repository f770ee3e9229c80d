/**
 * What crosses to the person: every failure becomes an Error whose message they can act on, in
 * their language. The message starts with a tag the sidebar reads and strips — "[conflict]",
 * "[validation orderNo client]" — so it can offer a reload or mark the fields; a person reading it
 * in the Apps Script log sees the plain sentence after it.
 */
import { isDomainError, ServerRefusal, type DomainError, type Problem } from '../domain/errors';
import { tServer } from '../domain/i18n/server';
import { isMessageKey, t, type Lang } from '../domain/i18n';
import { isZoneMessageKey, tZone, type ZoneMessageKey } from '../domain/i18n/zones';

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
    else out[name] = value;
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
      const fieldKey = `field.${p.field}`;
      const label = isMessageKey(fieldKey)
        ? t(lang, fieldKey)
        : isZoneMessageKey(fieldKey)
          ? tZone(lang, fieldKey)
          : p.field;
      return `${label}: ${text}`;
    })
    .join(' ');
}

export function toUserError(error: unknown, lang: Lang): Error {
  if (error instanceof ServerRefusal) return new Error(`[${error.kind}] ${tServer(lang, error.key)}`);
  if (!isDomainError(error)) {
    // An Apps Script service failed (a quota, a timeout, a limit): say so in the person's words.
    const detail = error instanceof Error ? error.message : String(error);
    return new Error(`[error] ${t(lang, 'error.unexpected', { detail })}`);
  }
  const fields = [...new Set(error.problems.map((p) => p.field).filter(Boolean))];
  const tag = error.kind === 'validation' || error.kind === 'guard' ? [error.kind, ...fields].join(' ') : error.kind;
  return new Error(`[${tag}] ${describeProblems(error, lang)}`);
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
