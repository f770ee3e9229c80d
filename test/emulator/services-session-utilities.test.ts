import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { VirtualClock } from '../../emulator/core/clock';
import { ALL_SCOPES_FOR_TESTS, createExecutionEnv, type ExecutionEnvOptions } from '../../emulator/core/execution';
import { NotModeledError } from '../../emulator/core/errors';
import { createServiceGlobals } from '../../emulator/services';

function run(options: ExecutionEnvOptions = {}) {
  const env = createExecutionEnv({ config: { buildDir: '/nonexistent-build' }, ...options });
  return { env, ...createServiceGlobals(env) };
}

/** Monday 2026-11-23 07:05:09.007 UTC = 10:05 in Moscow, 02:05 EST in New York. */
const INSTANT = new Date(Date.UTC(2026, 10, 23, 7, 5, 9, 7));

describe('Session (https://developers.google.com/apps-script/reference/base/session)', () => {
  test('active and effective user, locale', () => {
    const { Session } = run({ user: { email: 'agent@example.com', locale: 'en' }, effectiveUser: 'owner@example.com' });
    expect(Session.getActiveUser().getEmail()).toBe('agent@example.com');
    expect(Session.getEffectiveUser().getEmail()).toBe('owner@example.com');
    expect(Session.getActiveUserLocale()).toBe('en');
    expect(
      run({ user: { email: '' } })
        .Session.getActiveUser()
        .getEmail(),
    ).toBe('');
  });

  test('getActiveUser needs the userinfo.email scope and at least LIMITED; the locale needs nothing', () => {
    const noEmail = run({ scopes: ALL_SCOPES_FOR_TESTS.filter((s) => !s.endsWith('userinfo.email')) });
    expect(() => noEmail.Session.getActiveUser()).toThrow(
      'Specified permissions are not sufficient to call Session.getActiveUser. Required permissions: https://www.googleapis.com/auth/userinfo.email',
    );
    expect(() => noEmail.Session.getEffectiveUser()).toThrow(/Session\.getEffectiveUser/);
    const none = run({ authMode: 'NONE' });
    expect(() => none.Session.getActiveUser()).toThrow(/AuthMode\.NONE/);
    expect(none.Session.getActiveUserLocale()).toBe('ru');
  });

  test('the script time zone is the manifest’s, else the spreadsheet’s', () => {
    const buildDir = mkdtempSync(path.join(tmpdir(), 'arbiter-build-'));
    try {
      writeFileSync(path.join(buildDir, 'appsscript.json'), JSON.stringify({ timeZone: 'Asia/Almaty' }));
      expect(run({ config: { buildDir } }).Session.getScriptTimeZone()).toBe('Asia/Almaty');
    } finally {
      rmSync(buildDir, { recursive: true, force: true });
    }
    expect(run().Session.getScriptTimeZone()).toBe('Europe/Moscow');
  });

  test('the temporary user key is stable per user and differs between users', () => {
    const key = (email: string) => run({ user: { email } }).Session.getTemporaryActiveUserKey();
    expect(key('a@example.com')).toBe(key('a@example.com'));
    expect(key('a@example.com')).not.toBe(key('b@example.com'));
    expect(key('a@example.com')).not.toContain('a@example.com');
  });
});

describe('Utilities.formatDate: Java SimpleDateFormat in a time zone', () => {
  const { Utilities } = run();
  const cases: Array<[string, string, string]> = [
    ["yyyy-MM-dd'T'HH:mm:ss.SSSXXX", 'Europe/Moscow', '2026-11-23T10:05:09.007+03:00'],
    ['EEE, d MMM yyyy h:mm a', 'Europe/Moscow', 'Mon, 23 Nov 2026 10:05 AM'],
    ['EEEE d MMMM yy', 'Europe/Moscow', 'Monday 23 November 26'],
    ['dd.MM.yyyy HH:mm Z', 'America/New_York', '23.11.2026 02:05 -0500'],
    ['hh:mm a z', 'America/New_York', '02:05 AM EST'],
    ['H:m:s S', 'UTC', '7:5:9 7'],
    ['yyyy-MM-dd HH:mm X', 'UTC', '2026-11-23 07:05 Z'],
    ['u D', 'Europe/Moscow', '1 327'],
    ["'Week' ''yy", 'Europe/Moscow', "Week '26"],
    ['HH:mm XX', 'GMT+5', '12:05 +0500'],
    ['HH:mm', 'GMT-03:30', '03:35'],
  ];
  test.each(cases)('%s in %s', (pattern, zone, expected) => {
    expect(Utilities.formatDate(INSTANT, zone, pattern)).toBe(expected);
  });

  test('a summer date in New York is EDT', () => {
    expect(Utilities.formatDate(new Date(Date.UTC(2026, 6, 1, 12)), 'America/New_York', 'HH:mm z XXX')).toBe(
      '08:00 EDT -04:00',
    );
  });

  test('bad arguments fail as in Apps Script', () => {
    expect(() => Utilities.formatDate('2026-11-23' as unknown as Date, 'UTC', 'yyyy')).toThrow(
      "The parameters (String,String,String) don't match the method signature for Utilities.formatDate.",
    );
    expect(() => Utilities.formatDate(INSTANT, 'UTC', 'yyyy qq')).toThrow("Illegal pattern character 'q'");
    expect(() => Utilities.formatDate(INSTANT, 'UTC', 'ww')).toThrow(NotModeledError);
  });
});

describe('Utilities (https://developers.google.com/apps-script/reference/utilities/utilities)', () => {
  test('computeDigest returns signed Java bytes', () => {
    const { Utilities } = run();
    const sha256 = Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, 'abc');
    const hex = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(sha256).toEqual(hex.match(/../g)!.map((h) => ((parseInt(h, 16) + 128) % 256) - 128));
    expect(sha256.slice(0, 4)).toEqual([-70, 120, 22, -65]);
    const md5 = Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, []);
    expect(Buffer.from(md5.map((b) => b & 0xff)).toString('hex')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(() => Utilities.computeDigest(Utilities.DigestAlgorithm.MD2, 'abc')).toThrow(NotModeledError);
  });

  test('computeHmacSha256Signature: text with a charset, or bytes with a byte key (RFC 4231 case 2)', () => {
    const { Utilities } = run();
    const hex = (bytes: number[]) => Buffer.from(bytes.map((b) => b & 0xff)).toString('hex');
    const expected = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
    expect(hex(Utilities.computeHmacSha256Signature('what do ya want for nothing?', 'Jefe'))).toBe(expected);
    const bytes = (text: string) => [...Buffer.from(text)].map((b) => (b > 127 ? b - 256 : b));
    expect(hex(Utilities.computeHmacSha256Signature(bytes('what do ya want for nothing?'), bytes('Jefe')))).toBe(
      expected,
    );
    const utf8 = Utilities.computeHmacSha256Signature('Привет', 'ключ', Utilities.Charset.UTF_8);
    expect(utf8).not.toEqual(Utilities.computeHmacSha256Signature('Привет', 'ключ'));
    expect(() => Utilities.computeHmacSha256Signature('text', [1, 2] as unknown as string)).toThrow();
  });

  test('base64 in UTF-8, web-safe alphabet, decoding to signed bytes', () => {
    const { Utilities } = run();
    expect(Utilities.base64Encode('Привет')).toBe('0J/RgNC40LLQtdGC');
    expect(Utilities.base64EncodeWebSafe('Привет')).toBe('0J_RgNC40LLQtdGC');
    expect(Utilities.base64Encode([-1, 0, 65])).toBe('/wBB');
    expect(Utilities.base64Decode('/wBB')).toEqual([-1, 0, 65]);
    expect(Utilities.base64DecodeWebSafe('_wBB')).toEqual([-1, 0, 65]);
    expect(Utilities.base64Encode('Ж', Utilities.Charset.US_ASCII)).toBe('Pw==');
  });

  test('getUuid is a version-4 UUID, different each call, the same sequence on every run', () => {
    const sequence = () => {
      const { Utilities } = run();
      return [Utilities.getUuid(), Utilities.getUuid()];
    };
    const [first, second] = sequence();
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first).not.toBe(second);
    expect(sequence()).toEqual([first, second]);
  });

  test('sleep passes virtual time and counts it; more than 5 minutes throws', () => {
    const clock = new VirtualClock(0);
    const { env, Utilities } = run({ clock });
    const before = env.meter.snapshot().estimatedMs;
    Utilities.sleep(1500);
    expect(clock.now()).toBe(1500);
    expect(env.meter.snapshot().estimatedMs - before).toBe(1500);
    expect(() => Utilities.sleep(300_001)).toThrow('Argument too large: milliseconds');
    expect(clock.now()).toBe(1500);
  });

  test('newBlob holds bytes, a content type and a name', () => {
    const { Utilities } = run();
    const blob = Utilities.newBlob('Отчёт', 'text/plain', 'report.txt');
    expect(blob.getDataAsString()).toBe('Отчёт');
    expect(blob.getBytes()).toHaveLength(10);
    expect([blob.getContentType(), blob.getName()]).toEqual(['text/plain', 'report.txt']);
    expect(blob.setName('r.txt').getName()).toBe('r.txt');
  });

  test('Utilities and Logger run in-process: metered as local calls, no round trips, allowed in NONE', () => {
    const { env, Utilities, Logger } = run({ authMode: 'NONE' });
    Utilities.formatDate(INSTANT, 'UTC', 'yyyy');
    Logger.log('x');
    const meter = env.meter.snapshot();
    expect(meter.byKind.local).toBe(2);
    expect(meter.roundTrips).toBe(0);
  });

  test('an unmodeled member throws an error that names it', () => {
    const { Utilities } = run();
    expect(() => Utilities.formatString('%s', 'x')).toThrow(
      'Utilities.formatString is not modeled by the Arbiter emulator; model it in emulator/ before using it',
    );
  });
});

describe('Logger and console (https://developers.google.com/apps-script/guides/logging)', () => {
  test('Logger.log replaces %s placeholders; getLog and clear cover Logger only', () => {
    const { env, Logger, console } = run();
    Logger.log('Case %s is %s', 'A-17', 'overdue').log({ id: 17 });
    console.log('not in getLog');
    expect(Logger.getLog()).toBe('Case A-17 is overdue\n{ id: 17 }');
    Logger.clear();
    expect(Logger.getLog()).toBe('');
    expect(env.output.logs.map((entry) => entry.message)).toEqual([
      'Case A-17 is overdue',
      '{ id: 17 }',
      'not in getLog',
    ]);
  });

  test('console levels and timers on the virtual clock', () => {
    const clock = new VirtualClock(1000);
    const { env, console, Utilities } = run({ clock });
    console.info('%d cases', 3);
    console.warn('slow');
    console.error('failed: %s', 'quota');
    console.time('sync');
    Utilities.sleep(250);
    console.timeEnd('sync');
    expect(env.output.logs).toEqual([
      { level: 'info', at: 1000, message: '3 cases' },
      { level: 'warn', at: 1000, message: 'slow' },
      { level: 'error', at: 1000, message: 'failed: quota' },
      { level: 'info', at: 1250, message: 'sync: 250ms' },
    ]);
  });
});
