// The escalation ladder, the stored clock moments and the notices due, as pure functions of a
// case, the settings and "now" (docs/product.md, Escalation).
import fc from 'fast-check';
import { newCase, validateRegistration } from '../../src/domain/case-input';
import { businessDayMinutes, escalationLevel, ladderLevel, lateness } from '../../src/domain/escalation';
import { applyTransition, type Actor } from '../../src/domain/lifecycle';
import { OPEN_STATUSES, STATUSES, type Case, type Criticality, type Status } from '../../src/domain/model';
import { dueNotices, noticeKey, type NoticeKind } from '../../src/domain/notices';
import { defaultSettings, type Settings } from '../../src/domain/settings';
import { clockMoments, dueResolution, slaState, withClockMoments } from '../../src/domain/sla';
import { registrationInput } from '../support/workbook';

const msk = (iso: string) => Date.parse(`${iso}+03:00`);
const MIN = 60_000;
const MONDAY_10 = msk('2026-11-23T10:00:00');
const lead: Actor = { email: 'lead@example.com', role: 'lead' };

function settings(): Settings {
  const s = defaultSettings('ru', 'Europe/Moscow');
  s.departments[0]!.owners = ['prod@example.com'];
  s.departments[0]!.head = 'Head@Example.com';
  s.escalation = { coo: 'coo@example.com', ceo: 'ceo@example.com' };
  return s;
}
const S = settings();

function register(criticality: Criticality, at = MONDAY_10, ownerEmail = 'prod@example.com'): Case {
  const fields = validateRegistration(
    registrationInput({ criticality, ownerDept: S.departments[0]!.name, ownerEmail, evidence: [] }),
    S,
    'agent@example.com',
  );
  return newCase('ARB-2026-00001', fields, S, 'agent@example.com', at);
}

const answered = (c: Case, at: number): Case => withClockMoments({ ...c, firstResponseAt: at }, S);
const kinds = (c: Case, now: number): NoticeKind[] => dueNotices(c, 2, S, now).map((n) => n.kind);
/** The level as the hourly job keeps it: stored, then raised at each of `times`. */
const climb = (c: Case, times: number[]): Case =>
  times.reduce((acc, t) => ({ ...acc, escalationLevel: escalationLevel(acc, S, t) }), c);

describe('the ladder at each threshold (B: first response 120 min, resolution 1440 min; one business day 720 min)', () => {
  const c = register('B');
  // Resolution due Wed 10:00 (Mon 660 + Tue 720 + Wed 60); half a target (720) later: Thu 10:00;
  // one business day (720) after that: Fri 10:00.
  const answeredCase = answered(c, msk('2026-11-23T11:00:00'));

  test('one business day is the longest open weekday', () => {
    expect(businessDayMinutes(S.calendar)).toBe(720);
  });

  test('first response: at risk at 75 % (11:30), late after 12:00 → level 1 and the owner’s notice', () => {
    expect(kinds(c, msk('2026-11-23T11:29:59'))).toEqual([]);
    expect(kinds(c, msk('2026-11-23T11:30:00'))).toEqual(['at_risk']);
    expect(dueNotices(c, 2, S, msk('2026-11-23T11:30:00'))[0]).toMatchObject({
      clock: 'first_response',
      recipients: ['prod@example.com'],
      minutesLate: 0,
      key: noticeKey(c.id, 0, 'at_risk'),
    });
    expect(ladderLevel(c, S, msk('2026-11-23T12:00:00'))).toBe(0);
    expect(ladderLevel(c, S, msk('2026-11-23T12:00:01'))).toBe(1);
    const late = dueNotices(c, 2, S, msk('2026-11-23T12:30:00'));
    expect(late.map((n) => [n.kind, n.clock, n.minutesLate])).toEqual([['overdue', 'first_response', 30]]);
  });

  test('a late first response never climbs past level 1', () => {
    expect(ladderLevel(c, S, msk('2026-11-24T20:00:00'))).toBe(1);
  });

  test('resolution: at risk Tue 16:00, late after Wed 10:00, level 2 at Thu 10:00, level 3 at Fri 10:00', () => {
    expect(kinds(answeredCase, msk('2026-11-24T15:59:00'))).toEqual([]);
    expect(kinds(answeredCase, msk('2026-11-24T16:00:00'))).toEqual(['at_risk']);
    expect(ladderLevel(answeredCase, S, msk('2026-11-25T10:00:00'))).toBe(0);
    expect(ladderLevel(answeredCase, S, msk('2026-11-25T10:01:00'))).toBe(1);
    expect(ladderLevel(answeredCase, S, msk('2026-11-26T09:59:00'))).toBe(1);
    expect(ladderLevel(answeredCase, S, msk('2026-11-26T10:00:00'))).toBe(2);
    expect(ladderLevel(answeredCase, S, msk('2026-11-27T09:59:00'))).toBe(2);
    expect(ladderLevel(answeredCase, S, msk('2026-11-27T10:00:00'))).toBe(3);
    const notices = dueNotices(answeredCase, 7, S, msk('2026-11-27T10:00:00'));
    expect(notices.map((n) => [n.kind, n.recipients, n.minutesLate, n.row])).toEqual([
      ['overdue', ['prod@example.com'], 1440, 7],
      ['head', ['head@example.com'], 1440, 7],
      ['executive', ['coo@example.com', 'ceo@example.com'], 1440, 7],
    ]);
  });

  test('criticality A late on resolution goes straight to level 3; late on first response only to level 1', () => {
    const a = register('A');
    expect(ladderLevel(a, S, msk('2026-11-23T10:31:00'))).toBe(1);
    const aAnswered = answered(a, msk('2026-11-23T10:10:00'));
    expect(ladderLevel(aAnswered, S, msk('2026-11-23T18:00:00'))).toBe(0);
    expect(ladderLevel(aAnswered, S, msk('2026-11-23T18:00:01'))).toBe(3);
    expect(kinds(aAnswered, msk('2026-11-23T18:05:00'))).toEqual(['overdue', 'head', 'executive']);
  });

  test('the stored level never goes down; a reopened case starts again from 0', () => {
    const escalated = climb(answeredCase, [msk('2026-11-26T10:00:00')]);
    expect(escalated.escalationLevel).toBe(2);
    const waiting = applyTransition(
      { ...escalated, status: 'in_progress' },
      { to: 'waiting_client' },
      lead,
      S,
      msk('2026-11-26T11:00:00'),
    );
    expect(ladderLevel(waiting, S, msk('2026-11-30T11:00:00'))).toBe(2);
    expect(escalationLevel(waiting, S, msk('2026-11-30T11:00:00'))).toBe(2);
    const resolved = { ...escalated, status: 'resolved' as Status, resolvedAt: msk('2026-11-26T12:00:00') };
    const reopened = applyTransition(resolved, { to: 'reopened' }, lead, S, msk('2026-11-26T13:00:00'));
    expect(reopened.escalationLevel).toBe(0);
    expect(reopened.reopenCount).toBe(1);
    expect(escalationLevel(reopened, S, msk('2026-11-26T13:00:00'))).toBe(0);
    // Its new resolution clock (Thu 13:00 + 1440) is due Sat 14:00: an hour later it is late again.
    const saturday = msk('2026-11-28T15:00:00');
    const notices = dueNotices(climb(reopened, [saturday]), 2, S, saturday);
    expect(notices.map((n) => n.key)).toEqual([`${c.id}/1/overdue`]);
  });

  test('the stored moments: amber from the earliest at-risk moment, red after the earliest owed due time', () => {
    expect(clockMoments(c, S)).toEqual({ atRiskAt: msk('2026-11-23T11:30:00'), nextDueAt: msk('2026-11-23T12:00:00') });
    expect(c.atRiskAt).toBe(msk('2026-11-23T11:30:00'));
    expect(clockMoments(answeredCase, S)).toEqual({
      atRiskAt: msk('2026-11-24T16:00:00'),
      nextDueAt: msk('2026-11-25T10:00:00'),
    });
    const closed = { ...answeredCase, status: 'closed' as Status };
    expect(clockMoments(closed, S)).toEqual({ atRiskAt: null, nextDueAt: null });
  });

  test('a case waiting for the client owes no resolution: nothing is due, its lateness stands still', () => {
    const inWork = { ...answeredCase, status: 'in_progress' as Status };
    const waiting = applyTransition(inWork, { to: 'waiting_client' }, lead, S, msk('2026-11-24T12:00:00'));
    expect(waiting.atRiskAt).toBeNull();
    expect(waiting.nextDueAt).toBeNull();
    expect(kinds(waiting, msk('2026-12-10T12:00:00'))).toEqual([]);
    const resumed = applyTransition(waiting, { to: 'in_progress' }, lead, S, msk('2026-11-26T12:00:00'));
    // Tue 12:00 → Thu 12:00 is 540 + 720 + 180 = 1440 business minutes waited: due moves to Fri 10:00.
    expect(resumed.nextDueAt).toBe(msk('2026-11-27T10:00:00'));
  });

  test('a case with no owner named notifies its department’s owners; nobody named means no recipient', () => {
    const noOwner = register('B', MONDAY_10, '');
    expect(dueNotices({ ...noOwner, ownerEmail: '' }, 2, S, msk('2026-11-23T11:45:00'))[0]?.recipients).toEqual([
      'prod@example.com',
    ]);
    const bare = { ...S, escalation: { coo: '', ceo: '' } };
    const a = answered(register('A'), msk('2026-11-23T10:10:00'));
    const executive = dueNotices(a, 2, bare, msk('2026-11-23T19:00:00')).find((n) => n.kind === 'executive');
    expect(executive?.recipients).toEqual([]);
  });
});

describe('properties', () => {
  const NOV_1 = msk('2026-11-01T00:00:00');
  const RANGE = 40 * 24 * 60 * MIN;

  /** Any case its clocks could describe: open or not, answered or not, waiting or not, any stored level. */
  const caseArb = fc
    .record({
      criticality: fc.constantFrom<Criticality>('A', 'B', 'C'),
      created: fc.integer({ min: 0, max: RANGE }),
      answerAfter: fc.option(fc.integer({ min: 0, max: 5 * 24 * 60 }), { nil: null }),
      status: fc.constantFrom<Status>(...STATUSES),
      waitAfter: fc.option(fc.integer({ min: 0, max: 10 * 24 * 60 }), { nil: null }),
      paused: fc.integer({ min: 0, max: 3000 }),
      level: fc.integer({ min: 0, max: 3 }),
      reopens: fc.integer({ min: 0, max: 3 }),
    })
    .map((r): Case => {
      const created = NOV_1 + r.created;
      const base = register(r.criticality, created);
      const waiting = r.status === 'waiting_client' && r.waitAfter !== null;
      const c: Case = {
        ...base,
        status: r.status === 'waiting_client' && !waiting ? 'in_progress' : r.status,
        firstResponseAt: r.answerAfter === null ? null : created + r.answerAfter * MIN,
        waitingSince: waiting ? created + (r.waitAfter as number) * MIN : null,
        pausedMinutes: r.paused,
        dueAt: dueResolution(S, created, r.criticality, r.paused),
        escalationLevel: r.level,
        reopenCount: r.reopens,
      };
      return withClockMoments(c, S);
    });
  const moment = fc.integer({ min: 0, max: RANGE + 30 * 24 * 60 * MIN }).map((m) => NOV_1 + m);
  /** The case's last recorded moment: "now" is never before what already happened to it. */
  const written = (c: Case) => Math.max(c.createdAt, c.firstResponseAt ?? 0, c.waitingSince ?? 0);
  const later = fc.integer({ min: 0, max: 20 * 24 * 60 * MIN });

  test('levels only rise with time, and never fall below the stored one', () => {
    fc.assert(
      fc.property(caseArb, moment, moment, (c, a, b) => {
        const [t1, t2] = a <= b ? [a, b] : [b, a];
        expect(ladderLevel(c, S, t1)).toBeLessThanOrEqual(ladderLevel(c, S, t2));
        expect(escalationLevel(c, S, t1)).toBeGreaterThanOrEqual(c.escalationLevel);
      }),
      { numRuns: 150 },
    );
  });

  test('the stored moments say what the SLA clocks say at every moment, with no write in between', () => {
    fc.assert(
      fc.property(caseArb, later, (c, after) => {
        const now = written(c) + after;
        const sla = slaState(c, S, now);
        expect(c.nextDueAt !== null && now > c.nextDueAt).toBe(sla.overdue);
        expect(c.atRiskAt !== null && now >= c.atRiskAt).toBe(sla.atRisk || sla.overdue);
      }),
      { numRuns: 200 },
    );
  });

  test('a case that is not open owes no notice and no moment', () => {
    fc.assert(
      fc.property(caseArb, moment, (c, now) => {
        fc.pre(!OPEN_STATUSES.includes(c.status));
        expect(dueNotices(c, 2, S, now)).toEqual([]);
        expect([c.atRiskAt, c.nextDueAt]).toEqual([null, null]);
        expect(ladderLevel(c, S, now)).toBe(0);
      }),
      { numRuns: 100 },
    );
  });

  test('a waiting case’s resolution clock is paused: its lateness does not move', () => {
    fc.assert(
      fc.property(caseArb, moment, moment, (c, a, b) => {
        fc.pre(c.waitingSince !== null && OPEN_STATUSES.includes(c.status));
        const [x, y] = [lateness(c, S.calendar, a), lateness(c, S.calendar, b)];
        expect([x.resolutionLate, x.resolutionMinutesLate]).toEqual([y.resolutionLate, y.resolutionMinutesLate]);
      }),
      { numRuns: 100 },
    );
  });

  test('notices: one per kind, keyed by case, cycle and kind; each level brings the ones below it', () => {
    fc.assert(
      fc.property(caseArb, moment, (c, now) => {
        const notices = dueNotices(c, 5, S, now);
        const level = escalationLevel(c, S, now);
        const expected: NoticeKind[] = (['overdue', 'head', 'executive'] as const).slice(0, level);
        const got = notices.map((n) => n.kind);
        if (!OPEN_STATUSES.includes(c.status)) expect(got).toEqual([]);
        else if (level > 0) expect(got).toEqual(expected);
        else expect(got).toEqual(slaState(c, S, now).atRisk ? ['at_risk'] : []);
        for (const n of notices) {
          expect(n.key).toBe(noticeKey(c.id, c.reopenCount, n.kind));
          expect(n.cycle).toBe(c.reopenCount);
          expect(n.minutesLate).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 200 },
    );
  });
});
