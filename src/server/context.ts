/**
 * The request context of an API call: who calls, with what role, in which workbook and language.
 * Authorization happens here, on the server, for every call: the sidebar hides what a role may
 * not do, but only this check counts.
 */
import { DomainError } from '../domain/errors';
import { t, type Lang, type MessageKey } from '../domain/i18n';
import type { Role } from '../domain/model';
import { roleOf, type Settings } from '../domain/settings';
import { activeUserEmail } from '../services/session';
import { userFacing } from './errors';
import { openWorkbookWithSettings, type Workbook } from '../sheets/workbook';

export interface RequestContext {
  wb: Workbook;
  lang: Lang;
  settings: Settings;
  email: string;
  role: Role;
}

export const READERS: readonly Role[] = ['agent', 'lead', 'owner', 'team_leader', 'viewer'];
export const CASE_WORKERS: readonly Role[] = ['agent', 'lead'];
export const LEADS: readonly Role[] = ['lead'];

/** Opens the workbook and reads Settings (the language every message then speaks). */
export function openRequest(): Omit<RequestContext, 'role'> {
  const { wb, settings } = openWorkbookWithSettings();
  return { wb, lang: settings.language, settings, email: activeUserEmail() };
}

/** Checks that the caller has one of `roles`; says why not in the request's language. */
export function requireRole(
  request: Omit<RequestContext, 'role'>,
  roles: readonly Role[],
  /** Says why, instead of the generic sentence naming the roles. */
  refusal?: MessageKey,
): RequestContext {
  const { email, settings, lang } = request;
  if (!email) throw new DomainError('forbidden', [{ key: 'auth.noEmail' }]);
  const role = roleOf(settings, email);
  if (!role) throw new DomainError('forbidden', [{ key: 'auth.unknownUser', params: { email } }]);
  if (refusal && !roles.includes(role)) throw new DomainError('forbidden', [{ key: refusal }]);
  if (!roles.includes(role)) {
    throw new DomainError('forbidden', [
      {
        key: 'auth.role',
        params: { roles: roles.map((r) => t(lang, `role.${r}`)).join(', '), role: t(lang, `role.${role}`) },
      },
    ]);
  }
  return { ...request, role };
}

/**
 * Runs a sidebar call: opens the request, checks the caller's role, runs `body`; any failure
 * reaches the person as an Error in the workbook's language (see errors.ts).
 */
export function handleRequest<T>(
  roles: readonly Role[],
  body: (ctx: RequestContext) => T,
  /** Says why a caller without the role is refused (see requireRole). */
  refusal?: MessageKey,
): T {
  let lang: Lang = 'ru';
  return userFacing(
    () => lang,
    () => {
      const request = openRequest();
      lang = request.lang;
      return body(requireRole(request, roles, refusal));
    },
  );
}
