import fc from 'fast-check';
import { DomainError, isDomainError } from '../../src/domain/errors';
import {
  addCalendarMonths,
  allowedZoneSteps,
  applyZoneStep,
  counts,
  effectiveStatus,
  fallenDueRechecks,
  newCsiEntry,
  newGrowthZone,
  parseCsiInput,
  parseGrowthZoneInput,
  parseIsoDate,
  parseZoneStep,
  ZONE_TRANSITIONS,
  type ZoneActor,
} from '../../src/domain/growth-zone-lifecycle';
import { managerSummary, monthAt } from '../../src/domain/growth-zone-summary';
import { ZONE_FINAL_STATUSES, ZONE_STATUSES, type GrowthZone, type ZoneStatus } from '../../src/domain/growth-zones';
import { defaultSettings } from '../../src/domain/settings';

const msk = (iso: string) => Date.parse(`${iso}+03:00`);
const TZ = 'Europe/Moscow';
const DAY = 86_400_000;
const T0 = msk('2026-11-23T10:00:00');

const LEAD: ZoneActor = { email: 'lead@example.com', role: 'lead' };
const AGENT: ZoneActor = { email: 'agent@example.com', role: 'agent' };
const TL: ZoneActor = { email: 'tl@example.com', role: 'team_leader' };
const OTHER_TL: ZoneActor = { email: 'tl2@example.com', role: 'team_leader' };
const VIEWER: ZoneActor = { email: 'viewer@example.com', role: 'viewer' };
const OWNER: ZoneActor = { email: 'prod@example.com', role: 'owner' };
const ACTORS = [LEAD, AGENT, TL, OTHER_TL, VIEWER, OWNER];

const settings = defaultSettings('ru', TZ);

function zone(overrides: Partial<GrowthZone> = {}): GrowthZone {
  return {
    ...newGrowthZone(
      'GZ-2026-00001',
      {
        manager: 'Иван',
        team: 'Продажи-1',
        teamLeaderEmail: 'TL@example.com',
        source: 'online_meeting',
        category: 'communication',
        standard: 'Приветствие',
        description: 'Не представился',
      },
      'agent@example.com',
      T0,
    ),
    ...overrides,
  };
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (isDomainError(error)) return error.problems.map((p) => (p.field ? `${p.field}:${p.key}` : p.key));
    throw error;
  }
  throw new Error('expected a refusal');
}

function kindOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.kind;
    throw error;
  }
  return 'ok';
}

describe('parseGrowthZoneInput', () => {
  test('every problem at once', () => {
    expect(
      problemsOf(() =>
        parseGrowthZoneInput(
          {
            manager: '',
            team: 5,
            teamLeaderEmail: 'nope',
            source: 'x',
            category: undefined,
            standard: 'a'.repeat(501),
            link: 'ftp://x',
            description: ' ',
          },
          settings,
        ),
      ),
    ).toEqual([
      'manager:input.required',
      'team:input.text',
      'teamLeaderEmail:input.email',
      'source:input.choice',
      'category:input.required',
      'standard:input.tooLong',
      'link:input.link',
      'description:input.required',
    ]);
    expect(problemsOf(() => parseGrowthZoneInput([], settings))).toEqual(['input.object']);
  });

  test('clean input: trimmed, email lower-cased, link optional', () => {
    expect(
      parseGrowthZoneInput(
        {
          manager: ' Иван ',
          team: 'Продажи-1',
          teamLeaderEmail: 'TL@Example.com',
          source: 'request',
          category: 'process',
          standard: 'S',
          description: 'D',
        },
        settings,
      ),
    ).toEqual({
      manager: 'Иван',
      team: 'Продажи-1',
      teamLeaderEmail: 'tl@example.com',
      source: 'request',
      category: 'process',
      standard: 'S',
      link: '',
      description: 'D',
    });
  });
});

describe('parseCsiInput', () => {
  const good = { at: '2026-11-20', manager: 'Иван', role: 'sales', comment: 'Грубил', score: 1 };
  test('a date alone is midnight in the workbook time zone; score on the CSAT scale', () => {
    const parsed = parseCsiInput(good, settings, T0);
    expect(parsed.atMs).toBe(msk('2026-11-20T00:00:00'));
    expect(newCsiEntry('CSI-2026-00001', parsed, 'Agent@example.com', T0)).toMatchObject({
      at: msk('2026-11-20T00:00:00'),
      loggedBy: 'agent@example.com',
      caseId: '',
      team: '',
    });
  });
  test('refusals', () => {
    expect(
      problemsOf(() => parseCsiInput({ ...good, at: '2026-11-25', score: 0, role: 'x', comment: '' }, settings, T0)),
    ).toEqual(['at:input.dateFuture', 'role:input.choice', 'comment:input.required', 'score:input.score']);
    expect(problemsOf(() => parseCsiInput({ ...good, at: '2026-02-30', score: 2.5 }, settings, T0))).toEqual([
      'at:input.date',
      'score:input.score',
    ]);
    // Up to a day ahead is allowed (a comment typed in another time zone).
    expect(() => parseCsiInput({ ...good, at: '2026-11-24T09:00:00+03:00' }, settings, T0)).not.toThrow();
  });
});

describe('dates', () => {
  test('parseIsoDate', () => {
    expect(parseIsoDate('2026-11-25', TZ)).toBe(msk('2026-11-25T00:00:00'));
    expect(parseIsoDate('2026-11-25T15:30', TZ)).toBe(msk('2026-11-25T15:30:00'));
    expect(parseIsoDate('2026-11-25T15:30:00Z', TZ)).toBe(Date.parse('2026-11-25T15:30:00Z'));
    for (const bad of ['25.11.2026', '2026-13-01', '2026-02-29', 'tomorrow', 42, '2026-11-25T25:00']) {
      expect(parseIsoDate(bad, TZ)).toBeNull();
    }
  });
  test('a calendar month later, clamped to the month’s last day', () => {
    expect(addCalendarMonths(msk('2026-11-25T15:00:00'), 1, TZ)).toBe(msk('2026-12-25T15:00:00'));
    expect(addCalendarMonths(msk('2027-01-31T10:00:00'), 1, TZ)).toBe(msk('2027-02-28T10:00:00'));
    expect(addCalendarMonths(msk('2026-12-15T10:00:00'), 1, TZ)).toBe(msk('2027-01-15T10:00:00'));
  });
  test('parseZoneStep checks the shape', () => {
    expect(problemsOf(() => parseZoneStep({ to: 'nope', date: 'x', note: 5 }))).toEqual([
      'version:input.version',
      'to:input.status',
      'note:input.text',
      'date:input.date',
    ]);
  });
});

describe('the lifecycle', () => {
  const step = (z: GrowthZone, to: ZoneStatus, actor: ZoneActor, now: number, extra = {}) =>
    applyZoneStep(z, { to, ...extra }, actor, now, TZ).zone;

  test('communication: schedule (a date), hold, recheck a month later, passed', () => {
    let z = zone();
    expect(allowedZoneSteps(z, AGENT, T0)).toEqual(['briefing_scheduled']);
    expect(allowedZoneSteps(z, TL, T0)).toEqual(['briefing_scheduled', 'appealed']);
    expect(allowedZoneSteps(z, LEAD, T0)).toEqual(['briefing_scheduled', 'appealed']);
    for (const reader of [VIEWER, OWNER, OTHER_TL]) expect(allowedZoneSteps(z, reader, T0)).toEqual([]);
    expect(problemsOf(() => step(z, 'briefing_held', LEAD, T0))).toEqual(['zone.scheduleFirst']);
    expect(problemsOf(() => step(z, 'briefing_scheduled', TL, T0))).toEqual(['date:zone.date']);
    expect(problemsOf(() => step(z, 'briefing_scheduled', TL, T0, { date: '2026-11-01' }))).toEqual([
      'date:zone.dateBeforeLogged',
    ]);
    z = step(z, 'briefing_scheduled', TL, T0, { date: '2026-11-25T15:00' });
    expect(z).toMatchObject({ status: 'briefing_scheduled', version: 2, briefingAt: msk('2026-11-25T15:00:00') });
    expect(problemsOf(() => step(z, 'briefing_held', AGENT, T0, { processAnswer: 'x' }))).toEqual([
      'processAnswer:input.notForStep',
    ]);
    expect(problemsOf(() => step(z, 'briefing_held', AGENT, T0, { date: '2026-12-01' }))).toEqual([
      'date:zone.heldInFuture',
    ]);
    const held = msk('2026-11-25T15:00:00');
    z = step(z, 'briefing_held', AGENT, held);
    expect(z).toMatchObject({ status: 'briefing_held', briefingHeldAt: held, recheckAt: msk('2026-12-25T15:00:00') });
    expect(allowedZoneSteps(z, AGENT, held)).toEqual([]);
    expect(problemsOf(() => step(z, 'passed', AGENT, held + DAY))).toEqual(['zone.recheckNotDue']);
    expect(fallenDueRechecks([z], msk('2026-12-25T14:59:59'))).toEqual([]);
    const [due] = fallenDueRechecks([z], msk('2026-12-25T15:00:00'));
    expect(due).toMatchObject({ status: 'recheck_due', version: z.version + 1 });
    expect(allowedZoneSteps(due as GrowthZone, AGENT, msk('2026-12-26T00:00:00'))).toEqual(['passed', 'repeated']);
    expect(kindOf(() => step(due as GrowthZone, 'passed', TL, msk('2026-12-26T00:00:00')))).toBe('forbidden');
    const done = step(due as GrowthZone, 'repeated', AGENT, msk('2026-12-26T00:00:00'));
    expect(done).toMatchObject({ status: 'repeated', closedAt: msk('2026-12-26T00:00:00') });
    expect(problemsOf(() => step(done, 'appealed', LEAD, msk('2026-12-27T00:00:00'), { reason: 'x' }))).toEqual([
      'zone.final',
    ]);
  });

  test('a recheck whose month has come may be recorded straight from briefing held', () => {
    const z = step(zone({ status: 'briefing_scheduled', briefingAt: T0 }), 'briefing_held', LEAD, T0);
    expect(allowedZoneSteps(z, AGENT, msk('2026-12-23T10:00:00'))).toEqual(['passed', 'repeated']);
    expect(step(z, 'passed', AGENT, msk('2026-12-23T10:00:00')).status).toBe('passed');
  });

  test('process error: the answer from the team leader or a CS lead, and never closed without it', () => {
    const z = zone({ category: 'process' });
    expect(allowedZoneSteps(z, AGENT, T0)).toEqual(['briefing_scheduled']);
    expect(allowedZoneSteps(z, TL, T0)).toEqual(['briefing_scheduled', 'briefing_held', 'appealed']);
    expect(problemsOf(() => step(z, 'briefing_held', TL, T0))).toEqual(['processAnswer:zone.processAnswer']);
    expect(kindOf(() => step(z, 'briefing_held', AGENT, T0, { processAnswer: 'x' }))).toBe('forbidden');
    expect(kindOf(() => step(z, 'briefing_held', OTHER_TL, T0, { processAnswer: 'x' }))).toBe('forbidden');
    const held = step(z, 'briefing_held', TL, T0, { processAnswer: ' ЭЦП: новая инструкция ' });
    expect(held.processAnswer).toBe('ЭЦП: новая инструкция');
    // An answer removed by hand: the entry cannot close.
    const blank = { ...held, processAnswer: '', status: 'recheck_due' as const };
    expect(allowedZoneSteps(blank, AGENT, msk('2027-01-01T00:00:00'))).toEqual([]);
    expect(problemsOf(() => step(blank, 'passed', AGENT, msk('2027-01-01T00:00:00')))).toEqual([
      'processAnswer:zone.processAnswerMissing',
    ]);
  });

  test('appeal: a reason; only a CS lead decides; accepted stops counting; rejected goes on from where it was', () => {
    const z = step(zone(), 'briefing_scheduled', AGENT, T0, { date: '2026-11-25' });
    expect(problemsOf(() => step(z, 'appealed', TL, T0))).toEqual(['reason:zone.appealReason']);
    expect(kindOf(() => step(z, 'appealed', AGENT, T0, { reason: 'x' }))).toBe('forbidden');
    const appealed = step(z, 'appealed', TL, T0, { reason: 'не тот менеджер' });
    expect(appealed).toMatchObject({
      status: 'appealed',
      appealedFrom: 'briefing_scheduled',
      appealReason: 'не тот менеджер',
    });
    expect(counts(appealed)).toBe(true);
    expect(allowedZoneSteps(appealed, TL, T0)).toEqual([]);
    expect(allowedZoneSteps(appealed, LEAD, T0)).toEqual(['accepted', 'rejected']);
    expect(problemsOf(() => step(appealed, 'accepted', LEAD, T0))).toEqual(['reason:zone.decisionReason']);
    expect(kindOf(() => step(appealed, 'rejected', TL, T0, { reason: 'x' }))).toBe('forbidden');
    const accepted = step(appealed, 'accepted', LEAD, T0, { reason: 'верно' });
    expect(accepted).toMatchObject({ status: 'accepted', closedAt: T0, decisionReason: 'верно' });
    expect(counts(accepted)).toBe(false);
    const rejected = step(appealed, 'rejected', LEAD, T0, { reason: 'ошибка видна' });
    expect(effectiveStatus(rejected)).toBe('briefing_scheduled');
    expect(allowedZoneSteps(rejected, LEAD, T0)).toEqual(['briefing_scheduled', 'briefing_held']);
    expect(step(rejected, 'briefing_held', AGENT, T0).status).toBe('briefing_held');
  });

  test('a rejected appeal from briefing held falls due for its recheck', () => {
    const held = step(
      step(zone(), 'briefing_scheduled', AGENT, T0, { date: '2026-11-23' }),
      'briefing_held',
      AGENT,
      T0,
    );
    const rejected = step(step(held, 'appealed', LEAD, T0, { reason: 'a' }), 'rejected', LEAD, T0, { reason: 'b' });
    expect(fallenDueRechecks([rejected], msk('2026-12-23T10:00:00')).map((z) => z.status)).toEqual(['recheck_due']);
  });

  test('a stale version is a conflict; recheck_due is not a person’s step', () => {
    expect(
      kindOf(() => applyZoneStep(zone(), { to: 'briefing_scheduled', date: '2026-11-25', version: 2 }, AGENT, T0)),
    ).toBe('conflict');
    expect(problemsOf(() => step(zone(), 'recheck_due', LEAD, T0))).toEqual(['zone.recheckByJob']);
  });

  test('property: random steps stay in the table, never close a process error without an answer, version +1 each', () => {
    const stepArb = fc.record({
      to: fc.constantFrom(...ZONE_STATUSES),
      actor: fc.constantFrom(...ACTORS),
      days: fc.integer({ min: 0, max: 40 }),
      date: fc.option(fc.constantFrom('2026-11-20', '2026-11-25', '2027-03-01', 'bad'), { nil: undefined }),
      reason: fc.option(fc.constantFrom('', 'причина'), { nil: undefined }),
      processAnswer: fc.option(fc.constantFrom('', 'ответ'), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.constantFrom('communication' as const, 'process' as const),
        fc.array(stepArb, { maxLength: 25 }),
        (category, steps) => {
          let z = zone({ category });
          let now = T0;
          for (const s of steps) {
            now += s.days * DAY;
            const swept = fallenDueRechecks([z], now)[0];
            if (swept) {
              expect(swept.version).toBe(z.version + 1);
              z = swept;
            }
            const before = z;
            const allowed = allowedZoneSteps(z, s.actor, now);
            let next: GrowthZone;
            try {
              const body = { to: s.to, date: s.date, reason: s.reason, processAnswer: s.processAnswer };
              next = applyZoneStep(z, body, s.actor, now, TZ).zone;
            } catch (error) {
              if (!isDomainError(error)) throw error;
              continue;
            }
            // A step taken was in the table from where the entry stood, and open to that actor.
            expect(ZONE_TRANSITIONS[effectiveStatus(before)]).toContain(s.to);
            expect(allowed).toContain(s.to);
            expect(ZONE_FINAL_STATUSES).not.toContain(before.status);
            expect(next.version).toBe(before.version + 1);
            expect(ZONE_STATUSES).toContain(next.status);
            if (category === 'process' && (next.status === 'passed' || next.status === 'repeated'))
              expect(next.processAnswer).not.toBe('');
            if (next.status === 'accepted') expect(counts(next)).toBe(false);
            z = next;
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('managerSummary', () => {
  const month = monthAt(T0, TZ);
  test('the month in the workbook time zone', () => {
    expect(month).toEqual({ start: msk('2026-11-01T00:00:00'), end: msk('2026-12-01T00:00:00'), label: '2026-11' });
  });

  test('per manager: logged this month that count, repeats this month, open, CSI; an accepted appeal does not count', () => {
    const zones: GrowthZone[] = [
      zone({ id: 'GZ-2026-00001' }),
      zone({ id: 'GZ-2026-00002', manager: ' иван ' }),
      zone({ id: 'GZ-2026-00003', status: 'accepted', closedAt: T0 }),
      zone({ id: 'GZ-2026-00004', status: 'repeated', loggedAt: msk('2026-10-01T10:00:00'), closedAt: T0 }),
      zone({
        id: 'GZ-2026-00005',
        status: 'passed',
        loggedAt: msk('2026-10-01T10:00:00'),
        closedAt: msk('2026-10-30T10:00:00'),
      }),
      zone({ id: 'GZ-2026-00006', team: 'Продажи-2', manager: 'Анна', status: 'appealed' }),
    ];
    const csi = [
      newCsiEntry(
        'CSI-2026-00001',
        {
          ...parseCsiInput(
            { at: '2026-11-02', manager: 'Пётр', role: 'sales', team: 'Продажи-1', comment: 'c', score: 1 },
            settings,
            T0,
          ),
        },
        'a@x.com',
        T0,
      ),
      newCsiEntry(
        'CSI-2026-00002',
        {
          ...parseCsiInput(
            { at: '2026-10-31', manager: 'Иван', role: 'sales', team: 'Продажи-1', comment: 'c', score: 1 },
            settings,
            T0,
          ),
        },
        'a@x.com',
        T0,
      ),
    ];
    expect(managerSummary(zones, csi, month)).toEqual([
      { team: 'Продажи-1', manager: 'Иван', logged: 2, repeats: 1, open: 2, csi: 0 },
      { team: 'Продажи-1', manager: 'Пётр', logged: 0, repeats: 0, open: 0, csi: 1 },
      { team: 'Продажи-2', manager: 'Анна', logged: 1, repeats: 0, open: 1, csi: 0 },
    ]);
    expect(managerSummary(zones, csi, month, 'продажи-2').map((r) => r.manager)).toEqual(['Анна']);
    expect(managerSummary([], [], month)).toEqual([]);
  });
});
