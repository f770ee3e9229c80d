import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ALL_SCOPES_FOR_TESTS, createExecutionEnv, type ExecutionEnvOptions } from '../../emulator/core/execution';
import { NotModeledError } from '../../emulator/core/errors';
import { createServiceGlobals } from '../../emulator/services';
import { VirtualClock } from '../../emulator/core/clock';
import { createEmulatorState } from '../../emulator/core/state';

function run(options: ExecutionEnvOptions = {}) {
  const env = createExecutionEnv({ user: { email: 'agent@example.com' }, ...options });
  return { env, ...createServiceGlobals(env) };
}

const OVER_QUOTA = 'Service invoked too many times for one day: email.';
const addresses = (n: number) => Array.from({ length: n }, (_, i) => `client${i}@example.com`).join(',');

/**
 * Header value of an .eml: unfolds continuation lines and decodes RFC 2047 encoded-words (the
 * space between two adjacent encoded-words is not part of the text).
 */
function header(eml: string, name: string): string | undefined {
  const head = eml.split('\r\n\r\n')[0]!.replace(/\r\n /g, ' ');
  const line = head.split('\r\n').find((l) => l.startsWith(`${name}: `));
  return line
    ?.slice(name.length + 2)
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?B\?([^?]*)\?=/g, (_, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));
}

describe('MailApp (https://developers.google.com/apps-script/reference/mail/mail-app)', () => {
  test('sendEmail(recipient, subject, body) sends from the user the script runs as', () => {
    const { env, MailApp } = run({ effectiveUser: 'owner@example.com' });
    MailApp.sendEmail('a@example.com, B <b@example.com>', 'Case 17', 'Overdue');
    expect(env.state.mail.sent).toEqual([
      expect.objectContaining({
        from: 'owner@example.com',
        to: ['a@example.com', 'b@example.com'],
        cc: [],
        bcc: [],
        subject: 'Case 17',
        body: 'Overdue',
        sentAt: env.clock.now(),
      }),
    ]);
  });

  test('the options and message-object overloads, and (to, replyTo, subject, body)', () => {
    const { env, MailApp } = run();
    MailApp.sendEmail('a@example.com', 'S1', 'B1', { htmlBody: '<b>B1</b>', name: 'Arbiter', cc: 'c@example.com' });
    MailApp.sendEmail({
      to: 'd@example.com',
      subject: 'S2',
      body: 'B2',
      bcc: 'e@example.com',
      replyTo: 'r@example.com',
    });
    MailApp.sendEmail('f@example.com', 'reply@example.com', 'S3', 'B3');
    const [first, second, third] = env.state.mail.sent;
    expect(first).toMatchObject({ htmlBody: '<b>B1</b>', name: 'Arbiter', cc: ['c@example.com'] });
    expect(second).toMatchObject({ to: ['d@example.com'], bcc: ['e@example.com'], replyTo: 'r@example.com' });
    expect(third).toMatchObject({ to: ['f@example.com'], replyTo: 'reply@example.com', subject: 'S3', body: 'B3' });
  });

  test('the consumer quota is 100 recipients a day, counting cc and bcc; over it throws and sends nothing', () => {
    const { env, MailApp } = run({ config: { accountKind: 'consumer' } });
    expect(MailApp.getRemainingDailyQuota()).toBe(100);
    MailApp.sendEmail(addresses(50), 'Digest', 'text');
    MailApp.sendEmail(addresses(47), 'Digest', 'text');
    MailApp.sendEmail({ to: 'x@example.com', subject: 'One', body: '' });
    expect(MailApp.getRemainingDailyQuota()).toBe(2);
    expect(() =>
      MailApp.sendEmail('y@example.com', 'Three', 'text', { cc: 'c@example.com', bcc: 'b@example.com' }),
    ).toThrow(OVER_QUOTA);
    expect(env.state.mail.sent).toHaveLength(3);
    expect(MailApp.getRemainingDailyQuota()).toBe(2);
    MailApp.sendEmail('y@example.com', 'Two', 'text', { cc: 'c@example.com' });
    expect(MailApp.getRemainingDailyQuota()).toBe(0);
    env.clock.advance(24 * 3600_000);
    expect(MailApp.getRemainingDailyQuota()).toBe(100);
  });

  test('a Workspace account has 1,500 recipients a day', () => {
    const { MailApp } = run({ config: { accountKind: 'workspace' } });
    for (let i = 0; i < 3; i++) MailApp.sendEmail(addresses(50), 'Digest', 'text');
    expect(MailApp.getRemainingDailyQuota()).toBe(1350);
  });

  test("one message takes at most 50 recipients (to, cc and bcc together): 51 throws Apps Script's message and sends nothing", () => {
    const { env, MailApp } = run({ config: { accountKind: 'workspace' } });
    MailApp.sendEmail(addresses(50), 'Fifty', 'text');
    expect(() => MailApp.sendEmail(addresses(51), 'Fifty-one', 'text')).toThrow(
      'Limit Exceeded: Email Recipients Per Message.',
    );
    expect(() =>
      MailApp.sendEmail({ to: addresses(40), cc: 'c@example.com', bcc: addresses(10), subject: 'S', body: 'B' }),
    ).toThrow('Limit Exceeded: Email Recipients Per Message.');
    expect(env.state.mail.sent).toHaveLength(1);
    expect(MailApp.getRemainingDailyQuota()).toBe(1450);
  });

  test('the quota resets 24 hours after the first send of the window, not at midnight', () => {
    // Quotas page: "Quotas are per user and reset 24 hours after the first request."
    const clock = new VirtualClock(Date.UTC(2026, 10, 23, 20, 0, 0));
    const { MailApp } = run({ clock });
    MailApp.sendEmail(addresses(50), 'Evening', 'text');
    clock.advance(6 * 3600_000); // 02:00 the next day, past UTC midnight
    expect(MailApp.getRemainingDailyQuota()).toBe(50);
    MailApp.sendEmail(addresses(10), 'Night', 'text');
    clock.advance(18 * 3600_000 - 1); // a millisecond before 24 hours from the first send
    expect(MailApp.getRemainingDailyQuota()).toBe(40);
    clock.advance(1);
    expect(MailApp.getRemainingDailyQuota()).toBe(100);
  });

  test("the quota is per user: what one person sent leaves another's whole", () => {
    const state = createEmulatorState({ now: Date.UTC(2026, 10, 23, 7, 0, 0) });
    run({ state, effectiveUser: 'lead@example.com' }).MailApp.sendEmail(addresses(50), 'S', 'B');
    expect(run({ state, effectiveUser: 'lead@example.com' }).MailApp.getRemainingDailyQuota()).toBe(50);
    expect(run({ state, effectiveUser: 'other@example.com' }).MailApp.getRemainingDailyQuota()).toBe(100);
  });

  test('an invalid address throws "Invalid email: …" and no recipient throws; nothing is sent', () => {
    const { env, MailApp } = run();
    expect(() => MailApp.sendEmail('ok@example.com, not-an-address', 'S', 'B')).toThrow(
      'Invalid email: not-an-address',
    );
    expect(() => MailApp.sendEmail({ to: '', subject: 'S', body: 'B' })).toThrow('Failed to send email: no recipient');
    expect(env.state.mail.sent).toEqual([]);
    expect(env.meter.snapshot().emailsSent).toBe(0);
  });

  test('without the send_mail scope in the manifest, or below AuthMode.FULL, sendEmail is refused', () => {
    const noMailScope = run({ scopes: ALL_SCOPES_FOR_TESTS.filter((s) => !s.endsWith('script.send_mail')) });
    expect(() => noMailScope.MailApp.sendEmail('a@example.com', 'S', 'B')).toThrow(
      /^Specified permissions are not sufficient to call MailApp\.sendEmail\. Required permissions: \(https:\/\/www\.googleapis\.com\/auth\/script\.send_mail/,
    );
    expect(noMailScope.env.state.mail.sent).toEqual([]);
    const limited = run({ authMode: 'LIMITED' });
    expect(() => limited.MailApp.sendEmail('a@example.com', 'S', 'B')).toThrow(/AuthMode\.LIMITED/);
  });

  test('each mail is one metered mail call', () => {
    const { env, MailApp } = run();
    MailApp.sendEmail('a@example.com', 'S', 'B');
    MailApp.sendEmail('a@example.com,b@example.com', 'S', 'B');
    expect(() => MailApp.sendEmail('bad', 'S', 'B')).toThrow();
    const meter = env.meter.snapshot();
    expect(meter.emailsSent).toBe(2);
    expect(meter.calls['MailApp.sendEmail']).toBe(2);
  });

  test('attachments are not modeled and say so', () => {
    const { MailApp } = run();
    expect(() => MailApp.sendEmail('a@example.com', 'S', 'B', { attachments: [] })).toThrow(NotModeledError);
  });
});

describe('the outbox: each mail as an RFC 5322 .eml file', () => {
  let outbox: string;
  beforeEach(() => {
    outbox = mkdtempSync(path.join(tmpdir(), 'arbiter-outbox-'));
  });
  afterEach(() => rmSync(outbox, { recursive: true, force: true }));

  test('a Cyrillic subject and body survive encoding; an HTML body makes it multipart/alternative', () => {
    const { env, MailApp } = run({ config: { outboxDir: outbox }, effectiveUser: 'lead@example.com' });
    const subject = 'Просрочено: обращение №17 — брак фасада, клиент ждёт ответа уже третий день';
    MailApp.sendEmail('owner@example.com', subject, 'Срок ответа истёк.\nНужно решение.', {
      htmlBody: '<p>Срок ответа <b>истёк</b>.</p>',
      name: 'Арбитр',
      cc: 'head@example.com',
    });
    const [file] = readdirSync(outbox);
    expect(env.state.mail.sent[0]!.emlFile).toBe(path.join(outbox, file!));
    const eml = readFileSync(path.join(outbox, file!), 'utf8');

    expect(header(eml, 'Subject')).toBe(subject);
    expect(eml.split('\r\n').every((line) => line.length <= 998)).toBe(true);
    for (const line of eml.split('\r\n\r\n')[0]!.split('\r\n')) expect(line).toMatch(/^[\x20-\x7e]*$/);
    expect(header(eml, 'From')).toBe('Арбитр <lead@example.com>');
    expect(header(eml, 'To')).toBe('owner@example.com');
    expect(header(eml, 'Cc')).toBe('head@example.com');
    expect(header(eml, 'MIME-Version')).toBe('1.0');
    expect(header(eml, 'Date')).toBe(new Date(env.clock.now()).toUTCString().replace('GMT', '+0000'));

    const boundary = /boundary="([^"]+)"/.exec(header(eml, 'Content-Type') ?? '')?.[1];
    expect(header(eml, 'Content-Type')).toMatch(/^multipart\/alternative;/);
    const parts = eml.split(`--${boundary}`).slice(1, -1);
    const decoded = parts.map((part) => {
      const [head, ...body] = part.replace(/^\r\n/, '').split('\r\n\r\n');
      expect(head).toMatch(/Content-Transfer-Encoding: base64/);
      return { type: /Content-Type: ([^;]+)/.exec(head!)?.[1], text: Buffer.from(body.join(''), 'base64').toString() };
    });
    expect(decoded).toEqual([
      { type: 'text/plain', text: 'Срок ответа истёк.\r\nНужно решение.' },
      { type: 'text/html', text: '<p>Срок ответа <b>истёк</b>.</p>' },
    ]);
  });

  test('a plain ASCII mail stays readable: one text/plain part, 7bit', () => {
    const { MailApp } = run({ config: { outboxDir: outbox } });
    MailApp.sendEmail('a@example.com', 'Daily digest', 'Nothing overdue.');
    const eml = readFileSync(path.join(outbox, readdirSync(outbox)[0]!), 'utf8');
    expect(header(eml, 'Subject')).toBe('Daily digest');
    expect(header(eml, 'Content-Type')).toBe('text/plain; charset=UTF-8');
    expect(eml.endsWith('\r\n\r\nNothing overdue.\r\n')).toBe(true);
  });
});
