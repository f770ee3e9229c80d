/**
 * MailApp: sends into env.state.mail.sent and, when the emulator keeps an outbox folder, writes
 * each mail there as an .eml file. https://developers.google.com/apps-script/reference/mail/mail-app
 * The daily quota counts recipients (to + cc + bcc): 100 a day on a consumer account, 1,500 on
 * Workspace, per user, reset 24 hours after the first send; one message takes at most 50
 * recipients (https://developers.google.com/apps-script/guides/services/quotas).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkAuthorized, SCOPES, type ExecutionEnv, type Need } from '../core/env';
import { gasError, notModeled } from '../core/errors';
import { quotaWindow, useQuota, type SentMail } from '../core/state';
import { MailAppStub } from '../generated/stubs';
import { toEml } from './eml';
import { signatureMismatch } from '../core/shared';

export const DAILY_RECIPIENT_QUOTA = { consumer: 100, workspace: 1500 } as const;

const NEEDS_SEND_MAIL: Need = { mode: 'FULL', scopes: SCOPES.sendMail };
/** Deliberately loose: what a person would accept as an address, not the full RFC 5322 grammar. */
const ADDRESS = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

interface MailOptions {
  to?: unknown;
  cc?: unknown;
  bcc?: unknown;
  subject?: unknown;
  body?: unknown;
  htmlBody?: unknown;
  name?: unknown;
  replyTo?: unknown;
  noReply?: unknown;
  attachments?: unknown;
  inlineImages?: unknown;
}

/** "a@x.ru, Name <b@y.ru>" → the addresses; throws "Invalid email: …" for one that is not. */
function parseRecipients(list: unknown): string[] {
  if (list === undefined || list === null || list === '') return [];
  return String(list)
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const address = /<([^>]*)>\s*$/.exec(entry)?.[1]?.trim() ?? entry;
      if (!ADDRESS.test(address)) throw gasError(`Invalid email: ${entry}`);
      return address;
    });
}

/** "Email recipients per message": 50 on every account (the quotas page, Current limitations). */
export const RECIPIENTS_PER_MESSAGE = 50;

/** The four sendEmail overloads, as one options object. */
function normalize(args: unknown[]): MailOptions {
  const [first, second, third, fourth] = args;
  if (args.length === 1 && typeof first === 'object' && first !== null) return first as MailOptions;
  if (args.length === 3 || (args.length === 4 && typeof fourth === 'object' && fourth !== null)) {
    return { ...((fourth as MailOptions | undefined) ?? {}), to: first, subject: second, body: third };
  }
  if (args.length === 4 && typeof fourth === 'string')
    return { to: first, replyTo: second, subject: third, body: fourth };
  throw signatureMismatch('MailApp.sendEmail', args);
}

class FakeMailApp extends MailAppStub implements GoogleAppsScript.Mail.MailApp {
  constructor(private readonly env: ExecutionEnv) {
    super();
  }

  /** The quota is the sending user's, counted from their first send for 24 hours. */
  private remaining(): number {
    const { env } = this;
    const { used } = quotaWindow(env.state.mail.quota, env.effectiveUser, env.clock.now());
    return DAILY_RECIPIENT_QUOTA[env.config.accountKind] - used;
  }

  override getRemainingDailyQuota(): number {
    this.env.call('MailApp.getRemainingDailyQuota', 'local', NEEDS_SEND_MAIL);
    return this.remaining();
  }

  override sendEmail(...args: unknown[]): void {
    const { env } = this;
    // Authorization is checked first, as Apps Script does; the call is recorded on the meter only
    // once the mail is really sent, so emailsSent counts mails, not attempts.
    checkAuthorized(env, 'MailApp.sendEmail', NEEDS_SEND_MAIL);
    const options = normalize(args);
    if (options.attachments !== undefined) notModeled('MailApp.sendEmail attachments');
    if (options.inlineImages !== undefined) notModeled('MailApp.sendEmail inlineImages');
    const to = parseRecipients(options.to);
    const cc = parseRecipients(options.cc);
    const bcc = parseRecipients(options.bcc);
    const recipients = to.length + cc.length + bcc.length;
    if (recipients === 0) throw gasError('Failed to send email: no recipient');
    if (recipients > RECIPIENTS_PER_MESSAGE) throw gasError('Limit Exceeded: Email Recipients Per Message.');
    if (recipients > this.remaining()) throw gasError('Service invoked too many times for one day: email.');
    const { killAfterSent } = env.state.mail;
    if (killAfterSent !== undefined && env.state.mail.sent.length >= killAfterSent)
      throw gasError('Exceeded maximum execution time');

    env.call('MailApp.sendEmail', 'mail', NEEDS_SEND_MAIL);
    useQuota(env.state.mail.quota, env.effectiveUser, env.clock.now(), recipients);
    const mail: SentMail = {
      id: `mail-${String(env.serial()).padStart(6, '0')}`,
      sentAt: env.clock.now(),
      from: env.effectiveUser,
      to,
      cc,
      bcc,
      subject: String(options.subject ?? ''),
      body: String(options.body ?? ''),
      ...(options.htmlBody !== undefined && { htmlBody: String(options.htmlBody) }),
      ...(options.name !== undefined && { name: String(options.name) }),
      ...(options.replyTo !== undefined && { replyTo: parseRecipients(options.replyTo).join(', ') }),
      ...(options.noReply !== undefined && { noReply: Boolean(options.noReply) }),
    };
    if (env.config.outboxDir) mail.emlFile = writeEml(env.config.outboxDir, mail);
    env.state.mail.sent.push(mail);
  }
}

/** Writes `mail` to the outbox as <time>-<id>.eml, so a directory listing is in sending order. */
function writeEml(outboxDir: string, mail: SentMail): string {
  mkdirSync(outboxDir, { recursive: true });
  const stamp = new Date(mail.sentAt).toISOString().replace(/[:.]/g, '-');
  const file = path.join(outboxDir, `${stamp}-${mail.id}.eml`);
  writeFileSync(file, toEml(mail));
  return file;
}

export function createMailApp(env: ExecutionEnv): GoogleAppsScript.Mail.MailApp {
  return new FakeMailApp(env);
}
