/**
 * Delivery of escalation notices through a bundle built like build/Code.js, in the emulator: each
 * notice emailed once per case, level, cycle and recipient; the mail quota; a run killed half way;
 * hostile case text; each recipient's language. The notices are built here as the hourly sweep
 * will compute them (test/support/job-entry.ts calls deliverNotices directly).
 */
import type { SentMail } from '../../emulator/core/state';
import type { Emulator } from '../../emulator/runtime';
import type { DueNotice, NoticeKind } from '../../src/domain/notices';
import type { DeliveryOutcome } from '../../src/server/jobs/deliver';
import type { CaseView } from '../../src/server/api';
import { activeContent, parseHtml } from '../support/html';
import { jobBundleDir } from '../support/job-bundle';
import { AGENT, LEAD, OWNER, asPerson, registrationInput, setUpWorkbook } from '../support/workbook';

const DAY = 24 * 3_600_000;
const INDEX_TAB = 'arbiter.notices';

function workbook(): Emulator {
  return setUpWorkbook({ buildDir: jobBundleDir() });
}

function register(emulator: Emulator, overrides: Record<string, unknown> = {}): CaseView {
  return emulator.scriptRun<CaseView>('apiRegisterCase', [registrationInput(overrides)], { user: AGENT });
}

/** The notice the hourly sweep would compute for `c`, its row being the `n`-th case (row n + 1). */
function notice(
  c: CaseView,
  n: number,
  kind: NoticeKind,
  recipients: string[],
  options: { cycle?: number; minutesLate?: number } = {},
): DueNotice {
  const cycle = options.cycle ?? 0;
  return {
    key: `${c.id}/${cycle}/${kind}`,
    caseId: c.id,
    cycle,
    kind,
    recipients,
    minutesLate: kind === 'at_risk' ? 0 : (options.minutesLate ?? 90),
    dueAt: Date.parse(c.dueAt),
    clock: 'resolution',
    case: {
      id: c.id,
      orderNo: c.orderNo,
      client: c.client,
      summary: c.summary,
      criticality: c.criticality,
      status: c.status,
      ownerDept: c.ownerDept,
      ownerEmail: c.ownerEmail,
      agent: c.agent,
      dueAt: Date.parse(c.dueAt),
    },
    row: n + 1,
  };
}

function deliver(emulator: Emulator, notices: DueNotice[], deadlineMs?: number): DeliveryOutcome {
  return emulator.run<DeliveryOutcome>(
    'testDeliverNotices',
    deadlineMs === undefined ? [notices] : [notices, deadlineMs],
    {
      user: LEAD,
    },
  ).value;
}

const mails = (emulator: Emulator): SentMail[] => emulator.state.mail.sent;
const to = (emulator: Emulator): string[] => mails(emulator).flatMap((m) => m.to);

/** The Events tab's `notice` rows as [caseId, note]. */
function noticeRows(emulator: Emulator): string[][] {
  return asPerson(emulator, (ss) =>
    (ss.getSheetByName('События') as GoogleAppsScript.Spreadsheet.Sheet)
      .getDataRange()
      .getValues()
      .filter((row) => row[2] === 'notice')
      .map((row) => [String(row[1]), String(row[6])]),
  );
}

/** Leaves `left` recipients in the lead's daily quota (consumer account: 100 in 24 hours). */
function setQuotaLeft(emulator: Emulator, left: number): void {
  emulator.setMailQuotaUsed(LEAD, 100 - left);
}

describe('escalation notices, delivered once', () => {
  test('a notice is emailed once: a second run with the same notices sends nothing', () => {
    const emulator = workbook();
    const c = register(emulator);
    const due = [notice(c, 1, 'overdue', [OWNER])];

    expect(deliver(emulator, due)).toMatchObject({ sent: 1, held: 0, complete: true });
    expect(to(emulator)).toEqual([OWNER]);
    expect(noticeRows(emulator)).toEqual([[c.id, `${c.id}/0/overdue → ${OWNER}`]]);

    expect(deliver(emulator, due)).toMatchObject({ sent: 0, complete: true });
    expect(to(emulator)).toEqual([OWNER]);
  });

  test('one email per recipient per run, listing every case that newly needs them, most late first', () => {
    const emulator = workbook();
    const a = register(emulator, { client: 'Первый' });
    const b = register(emulator, { client: 'Второй' });
    deliver(emulator, [
      notice(a, 1, 'overdue', [OWNER], { minutesLate: 30 }),
      notice(b, 2, 'overdue', [OWNER], { minutesLate: 300 }),
      notice(a, 1, 'at_risk', [OWNER]),
    ]);
    expect(mails(emulator)).toHaveLength(1);
    const [mail] = mails(emulator) as [SentMail];
    expect(mail.subject).toContain('3');
    expect(mail.body.indexOf(b.id)).toBeLessThan(mail.body.indexOf(a.id));
    expect(mail.body).toContain('5 ч 00 мин');
    // The row link: the Cases tab's gid and the case's row.
    const links = parseHtml(mail.htmlBody ?? '')
      .filter((e) => e.tagName === 'a')
      .map((e) => e.attrs.find((x) => x.name === 'href')?.value);
    const gid = asPerson(emulator, (ss) => ss.getSheetByName('Кейсы')?.getSheetId());
    expect(links).toContain(
      `https://docs.google.com/spreadsheets/d/${emulator.state.spreadsheet.id}/edit#gid=${gid}&range=A3`,
    );
  });

  test("a reopened case's notices go again: a new cycle is a new notice", () => {
    const emulator = workbook();
    const c = register(emulator);
    deliver(emulator, [notice(c, 1, 'overdue', [OWNER])]);
    deliver(emulator, [notice(c, 1, 'overdue', [OWNER]), notice(c, 1, 'overdue', [OWNER], { cycle: 1 })]);
    expect(to(emulator)).toEqual([OWNER, OWNER]);
    expect(noticeRows(emulator).map(([, note]) => note)).toEqual([
      `${c.id}/0/overdue → ${OWNER}`,
      `${c.id}/1/overdue → ${OWNER}`,
    ]);
  });

  test('quota for 3 with 10 emails pending: 3 now, 7 at later runs, one held-back notice to the lead that day', () => {
    const emulator = workbook();
    const c = register(emulator);
    const owners = Array.from({ length: 10 }, (_, i) => `owner${i}@example.com`);
    // Owner i is i hours late: the latest go first.
    const due = owners.map((o, i) => ({
      ...notice(c, 1, 'overdue', [o], { minutesLate: 60 * (i + 1) }),
      key: `${c.id}/0/overdue-${i}`,
    }));
    // Three for the notices and one for the lead's held-back notice.
    setQuotaLeft(emulator, 4);
    expect(deliver(emulator, due)).toMatchObject({ sent: 4, held: 7, complete: false });
    expect(to(emulator)).toEqual([LEAD, 'owner9@example.com', 'owner8@example.com', 'owner7@example.com']);
    const held = mails(emulator)[0] as SentMail;
    expect(held.subject).toBe('Арбитр: письма об эскалации задержаны');
    expect(held.body).toContain('7 писем');

    // Later the same day, with quota for 2 more: the lead is not told again.
    setQuotaLeft(emulator, 2);
    expect(deliver(emulator, due)).toMatchObject({ sent: 2, held: 5, complete: false });
    expect(to(emulator).slice(4)).toEqual(['owner6@example.com', 'owner5@example.com']);

    // The next day the quota is back: the rest go, every owner exactly once.
    emulator.advanceClock(DAY);
    expect(deliver(emulator, due)).toMatchObject({ sent: 5, held: 0, complete: true });
    expect([...to(emulator)].sort()).toEqual([LEAD, ...owners].sort());
  });

  test('a run killed after two emails, run again, sends no duplicate and skips nothing', () => {
    const emulator = workbook();
    const c = register(emulator);
    const owners = Array.from({ length: 6 }, (_, i) => `owner${i}@example.com`);
    const due = owners.map((o, i) => ({ ...notice(c, 1, 'head', [o]), key: `${c.id}/0/head-${i}` }));
    emulator.state.mail.killAfterSent = 2;
    const killed = emulator.execute('testDeliverNotices', [due], { user: LEAD });
    expect(killed.ok).toBe(false);
    expect(killed.error).toMatch(/Exceeded maximum execution time/);
    expect(mails(emulator)).toHaveLength(2);
    expect(noticeRows(emulator)).toHaveLength(2);

    delete emulator.state.mail.killAfterSent;
    expect(deliver(emulator, due)).toMatchObject({ sent: 4, complete: true });
    expect([...to(emulator)].sort()).toEqual(owners);
  });

  test('an email sent while a person holds the lock is recorded once it is free, and never sent again', () => {
    const emulator = workbook();
    const c = register(emulator);
    const owners = Array.from({ length: 3 }, (_, i) => `owner${i}@example.com`);
    const due = owners.map((o, i) => ({ ...notice(c, 1, 'head', [o]), key: `${c.id}/0/head-${i}` }));
    // After each email someone holds the lock for 30 s, longer than a person's call waits.
    const busy = emulator.execute('testDeliverWhileTheLockIsBusy', [due, 30_000], { user: LEAD });
    expect(busy.error ?? 'ok').toBe('ok');
    expect(noticeRows(emulator)).toHaveLength(mails(emulator).length);

    deliver(emulator, due);
    expect([...to(emulator)].sort()).toEqual(owners);
    expect(noticeRows(emulator)).toHaveLength(3);
  });

  test('a run that stops at its deadline leaves the rest for the next run', () => {
    const emulator = workbook();
    const c = register(emulator);
    const due = [notice(c, 1, 'overdue', [OWNER]), notice(c, 1, 'head', ['head@example.com'])];
    expect(deliver(emulator, due, 0)).toMatchObject({ sent: 0, held: 2, complete: false });
    expect(deliver(emulator, due)).toMatchObject({ sent: 2, complete: true });
  });

  test('the index is repaired from Events: lagging (a run died between the two) or gone', () => {
    const emulator = workbook();
    const c = register(emulator);
    const due = [notice(c, 1, 'overdue', [OWNER]), notice(c, 1, 'head', ['head@example.com'])];
    deliver(emulator, due);
    expect(mails(emulator)).toHaveLength(2);

    // The index lost its last entry, as if the run died after the Events rows.
    asPerson(emulator, (ss) => {
      const index = ss.getSheetByName(INDEX_TAB) as GoogleAppsScript.Spreadsheet.Sheet;
      index.deleteRow(index.getLastRow());
    });
    deliver(emulator, due);
    expect(mails(emulator)).toHaveLength(2);

    // The index tab deleted: rebuilt from Events.
    asPerson(emulator, (ss) => ss.deleteSheet(ss.getSheetByName(INDEX_TAB) as GoogleAppsScript.Spreadsheet.Sheet));
    deliver(emulator, due);
    expect(mails(emulator)).toHaveLength(2);

    // An index that names a record Events does not hold at that row: rebuilt, nothing skipped.
    asPerson(emulator, (ss) => {
      const index = ss.getSheetByName(INDEX_TAB) as GoogleAppsScript.Spreadsheet.Sheet;
      index.getRange(index.getLastRow(), 1).setValue('forged');
    });
    deliver(emulator, [...due, notice(c, 1, 'executive', ['coo@example.com'])]);
    expect(to(emulator)).toEqual(['head@example.com', OWNER, 'coo@example.com']);
    const index = asPerson(emulator, (ss) => ss.getSheetByName(INDEX_TAB)?.getDataRange().getValues());
    expect(index?.slice(1).map(([note]) => note)).toEqual(noticeRows(emulator).map(([, note]) => note));
  });

  test('a notice nobody is named for is reported to the leads once', () => {
    const emulator = workbook();
    const c = register(emulator);
    const due = [notice(c, 1, 'head', [])];
    deliver(emulator, due);
    deliver(emulator, due);
    expect(to(emulator)).toEqual([LEAD]);
    expect(mails(emulator)[0]?.body).toContain('Некого уведомить');
    expect(mails(emulator)[0]?.body).toContain(c.id);
  });

  test('hostile case text stays text: the email parses with nothing active from it', () => {
    const emulator = workbook();
    const cases = [
      register(emulator, { client: '<script>alert(1)</script>', summary: '<img src=x onerror=alert(1)>' }),
      register(emulator, { client: '"><a href="javascript:alert(1)">x</a>', summary: "'><svg onload=alert(1)>" }),
    ];
    deliver(
      emulator,
      cases.map((c, i) => notice(c, i + 1, 'overdue', [OWNER])),
    );
    const [mail] = mails(emulator) as [SentMail];
    expect(activeContent(mail.htmlBody ?? '')).toEqual([]);
    expect(mail.body).toContain('<script>alert(1)</script>');
    expect(mail.htmlBody).toContain('&#60;script&#62;');
  });

  test("each recipient gets their language; people not on the team get the workbook's", () => {
    const emulator = workbook();
    const settings = emulator.scriptRun<{ team: Array<Record<string, unknown>> }>('apiGetSettings', [], { user: LEAD });
    const member = settings.team.find((m) => m.email === OWNER) as Record<string, unknown>;
    member.language = 'en';
    emulator.scriptRun('apiSaveSettings', [settings], { user: LEAD });

    const c = register(emulator);
    deliver(emulator, [notice(c, 1, 'overdue', [OWNER]), notice(c, 1, 'head', ['head@example.com'])]);
    const byTo = new Map(mails(emulator).map((m) => [m.to[0], m]));
    expect(byTo.get(OWNER)?.subject).toBe('Arbiter: cases that need you — 1');
    expect(byTo.get(OWNER)?.htmlBody).toContain('lang="en"');
    expect(byTo.get('head@example.com')?.subject).toBe('Арбитр: кейсов ждут вас — 1');
  });

  test('a run with nothing new reads a constant amount, however long Events grows', () => {
    const emulator = workbook();
    const c = register(emulator);
    const due = [notice(c, 1, 'overdue', [OWNER])];
    deliver(emulator, due);
    const quiet = () => emulator.run('testDeliverNotices', [due], { user: LEAD }).meter;
    const before = quiet();
    for (let i = 0; i < 5; i++) register(emulator);
    const after = quiet();
    expect(after.byKind['sheets.read']).toBe(before.byKind['sheets.read']);
    expect(after.byKind['sheets.write'] ?? 0).toBe(0);
  });
});

describe('notices through the real hourly job', () => {
  const at = (iso: string) => Date.parse(`${iso}+03:00`);
  const hourly = (emulator: Emulator, when: string) => {
    emulator.advanceTo(at(when));
    return emulator.run<{ complete: boolean; summary: string }>('runHourly', [], { user: LEAD }).value;
  };

  test('each threshold emails once, however many times the hour runs; a level with nobody named goes to the lead', () => {
    const emulator = setUpWorkbook(); // the real build/Code.js
    // Monday 10:00, B: first response due 12:00, at risk from 11:30.
    const b = register(emulator);
    hourly(emulator, '2026-11-23T11:00:00');
    expect(mails(emulator)).toEqual([]);

    hourly(emulator, '2026-11-23T11:45:00');
    hourly(emulator, '2026-11-23T11:50:00');
    expect(to(emulator)).toEqual([OWNER]);
    expect(mails(emulator)[0]?.body).toContain('Под угрозой');

    hourly(emulator, '2026-11-23T12:30:00');
    const outcome = hourly(emulator, '2026-11-23T12:40:00');
    expect(outcome.summary).toMatch(/нового нет/);
    expect(to(emulator)).toEqual([OWNER, OWNER]);
    expect(mails(emulator)[1]?.body).toContain('Первый ответ просрочен на 30 мин');

    // An A case late on its resolution is at level 3 at once: its owner hears of it, and the lead
    // of the two levels Settings name nobody for (no department head, no COO or CEO), once.
    const a = register(emulator, { criticality: 'A' }); // resolution due 20:40
    emulator.scriptRun('apiRecordFirstResponse', [a.id, { version: a.version }], { user: AGENT });
    hourly(emulator, '2026-11-23T20:45:00');
    hourly(emulator, '2026-11-23T20:50:00');
    expect(to(emulator)).toEqual([OWNER, OWNER, LEAD, OWNER]);
    expect(mails(emulator)[2]?.body).toContain('Некого уведомить');
    expect(noticeRows(emulator).map(([, note]) => note)).toEqual([
      `${b.id}/0/at_risk → ${OWNER}`,
      `${b.id}/0/overdue → ${OWNER}`,
      `${a.id}/0/executive → ${LEAD} (no recipient in Settings)`,
      `${a.id}/0/head → ${LEAD} (no recipient in Settings)`,
      `${a.id}/0/overdue → ${OWNER}`,
    ]);
  });
});
