/**
 * What crosses to the person: every failure becomes an Error whose message they can act on, in
 * their language. The message starts with a tag the sidebar reads and strips — "[conflict]",
 * "[validation orderNo client]" — so it can offer a reload or mark the fields; a person reading it
 * in the Apps Script log sees the plain sentence after it.
 */
import { isDomainError, type DomainError } from '../domain/errors';
import { isMessageKey, t, type Lang } from '../domain/i18n';

export function describeProblems(error: DomainError, lang: Lang): string {
  return error.problems
    .map((p) => {
      const text = t(lang, p.key, p.params);
      if (!p.field) return text;
      const fieldKey = `field.${p.field}`;
      return `${isMessageKey(fieldKey) ? t(lang, fieldKey) : p.field}: ${text}`;
    })
    .join(' ');
}

export function toUserError(error: unknown, lang: Lang): Error {
  if (!isDomainError(error)) return error instanceof Error ? error : new Error(String(error));
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
