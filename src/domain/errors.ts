/**
 * Failures the user can act on. The domain names the problem with a message key and its details;
 * the server turns it into text in the user's language (i18n). `kind` lets the API and the
 * sidebar react: a conflict offers to reload, a validation problem points at a field.
 */
import type { MessageKey } from './i18n';
import type { ServerMessageKey } from './i18n/server';

export type ProblemKind = 'validation' | 'conflict' | 'forbidden' | 'not_found' | 'guard';

export interface Problem {
  key: MessageKey;
  params?: Record<string, string | number>;
  /** The input field or Settings cell the problem is about, when there is one. */
  field?: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly problems: Problem[],
  ) {
    super(problems.map((p) => p.key).join('; '));
    this.name = 'DomainError';
  }
}

export function fail(kind: ProblemKind, key: MessageKey, params?: Problem['params'], field?: string): never {
  throw new DomainError(kind, [{ key, ...(params ? { params } : {}), ...(field ? { field } : {}) }]);
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError || (error instanceof Error && error.name === 'DomainError');
}

/**
 * A refusal worded in the server's catalog (i18n/server.ts): one the sidebar never words itself,
 * so its text stays out of the sidebar's bundle.
 */
export class ServerRefusal extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly key: ServerMessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
    this.name = 'ServerRefusal';
  }
}
