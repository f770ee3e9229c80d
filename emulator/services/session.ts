/**
 * Session: who runs the script and in which locale and time zone.
 * https://developers.google.com/apps-script/reference/base/session
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SCOPES, type ExecutionEnv, type Need } from '../core/env';
import { SessionStub, UserStub } from '../generated/stubs';
import { NEEDS_NOTHING } from '../core/shared';

/** getActiveUser/getEffectiveUser need the userinfo.email scope (reference page, "Authorization"). */
const NEEDS_USER_EMAIL: Need = { mode: 'LIMITED', scopes: SCOPES.userEmail };

/**
 * The script's time zone: the manifest's `timeZone` (build/appsscript.json). It is also the zone
 * clock triggers use unless built with inTimezone(). A build without a manifest (unit tests)
 * falls back to the spreadsheet's zone.
 */
export function scriptTimeZone(env: ExecutionEnv): string {
  try {
    const manifest = JSON.parse(readFileSync(path.join(env.config.buildDir, 'appsscript.json'), 'utf8')) as {
      timeZone?: unknown;
    };
    if (typeof manifest.timeZone === 'string' && manifest.timeZone) return manifest.timeZone;
  } catch {
    // No manifest: fall through.
  }
  return env.state.spreadsheet.timeZone;
}

/** A User as event objects and Session carry it. */
export class FakeUser extends UserStub implements GoogleAppsScript.Base.User {
  constructor(private readonly email: string) {
    super();
  }

  override getEmail(): string {
    return this.email;
  }
}

class FakeSession extends SessionStub implements GoogleAppsScript.Base.Session {
  constructor(private readonly env: ExecutionEnv) {
    super();
  }

  /** The email is '' where Apps Script hides it; the runtime decides that when it builds env.user. */
  override getActiveUser(): FakeUser {
    this.env.call('Session.getActiveUser', 'local', NEEDS_USER_EMAIL);
    return new FakeUser(this.env.user.email);
  }

  override getEffectiveUser(): FakeUser {
    this.env.call('Session.getEffectiveUser', 'local', NEEDS_USER_EMAIL);
    return new FakeUser(this.env.effectiveUser);
  }

  override getActiveUserLocale(): string {
    this.env.call('Session.getActiveUserLocale', 'local', NEEDS_NOTHING);
    return this.env.user.locale;
  }

  override getScriptTimeZone(): string {
    this.env.call('Session.getScriptTimeZone', 'local', NEEDS_NOTHING);
    return scriptTimeZone(this.env);
  }

  /**
   * A key that identifies the active user to this script without revealing the email: stable
   * per user and script, as the real one is for 30 days.
   */
  override getTemporaryActiveUserKey(): string {
    this.env.call('Session.getTemporaryActiveUserKey', 'local', NEEDS_NOTHING);
    const identity = this.env.user.email || this.env.effectiveUser;
    return createHash('sha256').update(`arbiter-emulator:${identity}`).digest('base64url').slice(0, 43);
  }
}

export function createSession(env: ExecutionEnv): GoogleAppsScript.Base.Session {
  return new FakeSession(env);
}
