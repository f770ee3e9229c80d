/** Small pieces every service fake uses. */
import type { ExecutionEnv, Need } from './env';
import { gasError } from './errors';

/** The least authorization of members that need no OAuth scope. */
export const NEEDS_NOTHING: Need = { mode: 'NONE' };
export const NEEDS_LIMITED: Need = { mode: 'LIMITED' };

/** How Apps Script names an argument's type in a signature error. */
function javaTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Date) return 'Date';
  if (Array.isArray(value)) return 'Object[]';
  switch (typeof value) {
    case 'string':
      return 'String';
    case 'boolean':
      return 'Boolean';
    case 'number':
      return 'number';
    case 'undefined':
      return 'undefined';
    default:
      return 'Object';
  }
}

/** "The parameters (String,number) don't match the method signature for Utilities.formatDate." */
export function signatureMismatch(member: string, args: readonly unknown[]): Error {
  return gasError(
    `The parameters (${args.map(javaTypeName).join(',')}) don't match the method signature for ${member}.`,
  );
}

export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * The user a per-user store (user properties, user cache, user lock) belongs to: the one the
 * script runs as. In an installable trigger that is the trigger's owner, even where Apps Script
 * hides the active user's email ('').
 */
export function storeUser(env: ExecutionEnv): string {
  return env.effectiveUser || env.user.email;
}
