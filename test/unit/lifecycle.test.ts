import fc from 'fast-check';
import { newCase, validateRegistration, validateEdit, applyEdit, caseChanges } from '../../src/domain/case-input';
import { DomainError } from '../../src/domain/errors';
import {
  applyTransition,
  allowedTransitions,
  checkMayChange,
  guardProblems,
  mayChange,
  stepNeeds,
  TRANSITIONS,
  type Actor,
} from '../../src/domain/lifecycle';
import { CSAT, MAX_EVIDENCE, MAX_LONG_TEXT } from '../../src/domain/limits';
import { applyStep, parseStepCell, parseTransition } from '../../src/domain/transition-input';
import { STATUSES, type Case, type Status } from '../../src/domain/model';
import { defaultSettings, settingsProblems, type Settings } from '../../src/domain/settings';
import { slaState } from '../../src/domain/sla';

const msk = (iso: string) => Date.parse(`${iso}+03:00`);
const at = (ms: number) => new Date(ms).toISOString();

function settings(): Settings {
  const s = defaultSettings('ru', 'Europe/Moscow');
  s.team = [
    { email: 'lead@example.com', name: 'Lead', role: 'lead', team: '' },
    { email: 'agent@example.com', name: 'Agent', role: 'agent', team: '' },
    { email: 'prod@example.com', name: 'Owner', role: 'owner', team: '' },
  ];
  s.departments[0]!.owners = ['prod@example.com'];
  return s;
}

const lead: Actor = { email: 'lead@example.com', role: 'lead' };
const agent: Actor = { email: 'agent@example.com', role: 'agent' };
const owner: Actor = { email: 'prod@example.com', role: 'owner' };

function input(overrides: Record<string, unknown> = {}) {
  return {
    orderNo: 'K-1042',
    client: 'Айгерим Сапарова',
    contact: '+77015550102',
    channel: 'WhatsApp',
    source: 'Обращение клиента',
    kind: 'Повреждение',
    summary: 'Царапина на фасаде в день монтажа',
    evidence: ['https://drive.example.com/photo1'],
    criticality: 'B',
    ownerDept: 'Производство',
    ...overrides,
  };
}

function register(overrides: Record<string, unknown> = {}, now = msk('2026-11-23T10:00:00')): Case {
  const s = settings();
  return newCase(
    'ARB-2026-00001',
    validateRegistration(input(overrides), s, 'agent@example.com'),
    s,
    'agent@example.com',
    now,
  );
}

function problemKeys(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.problems.map((p) => p.key);
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('registration', () => {
  test('due times on the default calendar, owner from the department, agent defaults to the caller', () => {
    const c = register();
    // B: first response 120 business minutes, resolution 1440 (Mon 10:00 + 1440 = 11:00 + 720 (Tue) ... ).
    expect(at(c.dueFirstResponseAt)).toBe(at(msk('2026-11-23T12:00:00')));
    // Monday 10:00–21:00 = 660, Tuesday 720 → 1380, Wednesday 09:00 + 60 = 10:00.
    expect(at(c.dueAt)).toBe(at(msk('2026-11-25T10:00:00')));
    expect(c.ownerEmail).toBe('prod@example.com');
    expect(c.agent).toBe('agent@example.com');
    expect(c.status).toBe('new');
  });

  test('a case registered at night starts counting at the morning opening', () => {
    const c = register({ criticality: 'A' }, msk('2026-11-23T23:10:00'));
    expect(at(c.dueFirstResponseAt)).toBe(at(msk('2026-11-24T09:30:00')));
    expect(at(c.dueAt)).toBe(at(msk('2026-11-24T17:00:00')));
  });

  test('every bad field is reported at once, by field', () => {
    const s = settings();
    let problems: Array<{ key: string; field?: string }> = [];
    try {
      validateRegistration(
        {
          orderNo: '',
          client: 'x',
          contact: 'x',
          channel: 'Pigeon',
          source: 'Обращение клиента',
          kind: 'Брак',
          summary: ' ',
          criticality: 'D',
          ownerDept: 'Производство',
          ownerEmail: 'not-an-email',
          evidence: ['ftp://x'],
        },
        s,
        'agent@example.com',
      );
    } catch (e) {
      problems = (e as DomainError).problems;
    }
    expect(problems.map((p) => `${p.field}:${p.key}`)).toEqual([
      'criticality:input.criticality',
      'orderNo:input.required',
      'channel:input.oneOf',
      'summary:input.required',
      'evidence:input.link',
      'ownerEmail:input.email',
    ]);
  });

  test('not an object', () => {
    expect(problemKeys(() => validateRegistration(null, settings(), 'a@b.c'))).toEqual(['input.object']);
  });
});

describe('transitions and guards', () => {
  const s = settings();
  test('the full path with hand-computed due times and the waiting pause', () => {
    let c = register();
    c = applyTransition(c, { to: 'in_progress' }, agent, s, msk('2026-11-23T10:30:00'));
    c = applyTransition(c, { to: 'waiting_client' }, agent, s, msk('2026-11-23T11:00:00'));
    expect(c.waitingSince).toBe(msk('2026-11-23T11:00:00'));
    // Waiting from Mon 11:00 to Mon 20:00 (540 minutes) pushes the due time by 540 business minutes.
    c = applyTransition(c, { to: 'in_progress' }, agent, s, msk('2026-11-23T20:00:00'));
    expect(c.pausedMinutes).toBe(540);
    // Wed 10:00 + 540: 660 left on Wednesday → 19:00.
    expect(at(c.dueAt)).toBe(at(msk('2026-11-25T19:00:00')));
    c = applyTransition(c, { to: 'resolved', resolution: 'Фасад заменён' }, owner, s, msk('2026-11-24T15:00:00'));
    expect(c.resolvedAt).toBe(msk('2026-11-24T15:00:00'));
    c = applyTransition(
      c,
      { to: 'closed', rootCause: 'Повреждение при монтаже', prevention: 'Проверка фасадов до выезда', csat: 5, nps: 9 },
      agent,
      s,
      msk('2026-11-24T16:00:00'),
    );
    expect(c).toMatchObject({ status: 'closed', csat: 5, nps: 9, version: 6 });
  });

  test('waiting for the client pauses the clock: never overdue while waiting', () => {
    let c = register();
    c = applyTransition(c, { to: 'in_progress' }, agent, s, msk('2026-11-23T10:30:00'));
    c = applyTransition(c, { to: 'waiting_client' }, agent, s, msk('2026-11-23T11:00:00'));
    expect(slaState({ ...c, firstResponseAt: msk('2026-11-23T10:40:00') }, s, msk('2026-12-10T12:00:00')).overdue).toBe(
      false,
    );
  });

  test('in progress needs an owner department and email', () => {
    const c = { ...register(), ownerEmail: '', ownerDept: '' };
    expect(problemKeys(() => applyTransition(c, { to: 'in_progress' }, agent, s, Date.now()))).toEqual([
      'guard.ownerDept',
      'guard.ownerEmail',
    ]);
  });

  test('resolved needs the resolution, and for A an evidence link', () => {
    const c = applyTransition(
      register({ criticality: 'A', evidence: [] }),
      { to: 'in_progress' },
      agent,
      s,
      msk('2026-11-23T10:10:00'),
    );
    expect(problemKeys(() => applyTransition(c, { to: 'resolved' }, agent, s, msk('2026-11-23T11:00:00')))).toEqual([
      'guard.resolution',
      'guard.evidenceA',
    ]);
  });

  test('closed needs a root cause from the taxonomy and, for A and B, prevention', () => {
    let c = applyTransition(register(), { to: 'in_progress' }, agent, s, msk('2026-11-23T10:10:00'));
    c = applyTransition(c, { to: 'resolved', resolution: 'done' }, agent, s, msk('2026-11-23T11:00:00'));
    expect(problemKeys(() => applyTransition(c, { to: 'closed' }, agent, s, msk('2026-11-23T12:00:00')))).toEqual([
      'guard.rootCause',
      'guard.prevention',
    ]);
    expect(
      problemKeys(() => applyTransition(c, { to: 'closed', rootCause: 'Луна', prevention: 'x' }, agent, s, 0)),
    ).toEqual(['guard.rootCauseUnknown']);
    expect(
      problemKeys(() =>
        applyTransition(
          c,
          { to: 'closed', rootCause: 'Ошибка поставщика', prevention: 'x', csat: 7, nps: -1 },
          agent,
          s,
          0,
        ),
      ),
    ).toEqual(['guard.csat', 'guard.nps']);
    const cCase = { ...c, criticality: 'C' as const };
    expect(applyTransition(cCase, { to: 'closed', rootCause: 'Ошибка поставщика' }, agent, s, 0).status).toBe('closed');
  });

  test('reopening restarts the resolution clock and counts', () => {
    let c = applyTransition(register(), { to: 'in_progress' }, agent, s, msk('2026-11-23T10:10:00'));
    c = applyTransition(c, { to: 'resolved', resolution: 'done' }, agent, s, msk('2026-11-23T11:00:00'));
    c = applyTransition(c, { to: 'reopened' }, lead, s, msk('2026-11-24T09:00:00'));
    expect(c).toMatchObject({ reopenCount: 1, resolvedAt: null, resolutionStartAt: msk('2026-11-24T09:00:00') });
    // 1440 from Tue 09:00: Tuesday 720, Wednesday 720 → Wednesday 21:00.
    expect(at(c.dueAt)).toBe(at(msk('2026-11-25T21:00:00')));
    expect(applyTransition(c, { to: 'in_progress' }, agent, s, msk('2026-11-24T10:00:00')).status).toBe('in_progress');
  });

  test('cancelling needs a reason and a lead', () => {
    const c = register();
    expect(problemKeys(() => applyTransition(c, { to: 'cancelled' }, lead, s, 0))).toEqual(['guard.reason']);
    expect(problemKeys(() => applyTransition(c, { to: 'cancelled', reason: 'дубль' }, agent, s, 0))).toEqual([
      'auth.transition',
    ]);
    expect(applyTransition(c, { to: 'cancelled', reason: 'дубль' }, lead, s, 5).cancelledAt).toBe(5);
  });

  test('an owner takes their own new or reopened case in work and reports its resolution, nothing else', () => {
    const fresh = register();
    expect(allowedTransitions(fresh, owner)).toEqual(['in_progress']);
    const c = applyTransition(fresh, { to: 'in_progress' }, owner, s, 0);
    expect(c).toMatchObject({ status: 'in_progress', updatedBy: 'prod@example.com' });
    expect(allowedTransitions(c, owner)).toEqual(['resolved']);
    expect(allowedTransitions({ ...c, status: 'waiting_client' }, owner)).toEqual([]);
    expect(allowedTransitions({ ...c, status: 'reopened' }, owner)).toEqual(['in_progress']);
    expect(allowedTransitions({ ...c, ownerEmail: 'other@example.com' }, owner)).toEqual([]);
    expect(allowedTransitions({ ...fresh, ownerEmail: 'other@example.com' }, owner)).toEqual([]);
    expect(allowedTransitions(c, { email: 'v@example.com', role: 'viewer' })).toEqual([]);
  });

  test('whatever the status and case, an owner moves only their own case, only to in progress or resolved', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STATUSES), fc.constantFrom(...STATUSES), fc.boolean(), (from, to, own) => {
        const c: Case = { ...register(), status: from, ownerEmail: own ? 'PROD@example.com' : 'other@example.com' };
        let moved: Case | null = null;
        try {
          moved = applyTransition(c, { to, resolution: 'r' }, owner, s, msk('2026-11-24T10:00:00'));
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
        }
        const expected =
          own &&
          ((to === 'in_progress' && (from === 'new' || from === 'reopened')) ||
            (to === 'resolved' && from === 'in_progress'));
        expect(moved !== null).toBe(expected);
        // What an owner may do is a subset of what an agent may do.
        if (moved) expect(allowedTransitions(c, agent)).toContain(to);
      }),
    );
  });

  test('no status can be skipped: only the listed transitions are allowed', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STATUSES), fc.constantFrom(...STATUSES), (from: Status, to: Status) => {
        const c: Case = { ...register(), status: from, evidence: ['https://x.example/1'] };
        const full = { to, resolution: 'r', rootCause: 'Ошибка поставщика', prevention: 'p', reason: 'r' };
        let moved: boolean;
        try {
          applyTransition(c, full, lead, s, msk('2026-11-24T10:00:00'));
          moved = true;
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
          moved = false;
        }
        expect(moved).toBe(TRANSITIONS[from].includes(to));
      }),
    );
  });
});

describe('a step: what it asks for, its body, the cells it reads', () => {
  const s = settings();

  test('stepNeeds: each step asks for what its guard reads, and marks what it cannot go without', () => {
    const b = register();
    const needs = (c: Case, to: Status) => stepNeeds(c, to).map((n) => `${n.field}${n.required ? '*' : ''}`);
    expect(needs(b, 'in_progress')).toEqual([]);
    expect(needs({ ...b, ownerEmail: '' }, 'in_progress')).toEqual(['ownerDept*', 'ownerEmail*']);
    expect(needs(b, 'waiting_client')).toEqual([]);
    expect(needs(b, 'resolved')).toEqual(['resolution*']);
    expect(needs({ ...b, criticality: 'A', evidence: [] }, 'resolved')).toEqual(['resolution*', 'evidence*']);
    expect(needs({ ...b, criticality: 'A' }, 'resolved')).toEqual(['resolution*']);
    expect(needs(b, 'closed')).toEqual(['rootCause*', 'prevention*', 'csat', 'nps']);
    expect(needs({ ...b, criticality: 'C' }, 'closed')).toEqual(['rootCause*', 'csat', 'nps']);
    expect(needs(b, 'cancelled')).toEqual(['reason*']);
    expect(needs(b, 'reopened')).toEqual(['note']);
  });

  test('the guard never asks for a field the step does not ask for, and refuses every required one left empty', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STATUSES),
        fc.constantFrom('A', 'B', 'C'),
        fc.boolean(),
        fc.boolean(),
        (to: Status, criticality, owner, evidence) => {
          const c: Case = {
            ...register(),
            criticality: criticality as Case['criticality'],
            ownerEmail: owner ? 'prod@example.com' : '',
            evidence: evidence ? ['https://x.example/1'] : [],
          };
          const asked = stepNeeds(c, to);
          const fields = guardProblems(c, { to }, s).map((p) => p.field);
          expect(fields.every((f) => asked.some((n) => n.field === f))).toBe(true);
          const required = asked.filter((n) => n.required).map((n) => n.field);
          expect(fields.sort()).toEqual(required.filter((f) => f !== 'ownerDept').sort());
        },
      ),
    );
  });

  test('parseTransition: a typed body, or every problem at once', () => {
    expect(parseTransition({ to: 'in_progress', version: 3, ownerEmail: ' Sklad@Example.com ', junk: 1 }, s)).toEqual({
      to: 'in_progress',
      version: 3,
      ownerEmail: 'sklad@example.com',
      csat: null,
      nps: null,
    });
    const error = (() => {
      try {
        parseTransition(
          {
            to: 'done',
            version: '2',
            note: 5,
            reason: 'x'.repeat(MAX_LONG_TEXT + 1),
            csat: 6,
            nps: '7',
            evidence: ['x'],
          },
          s,
        );
      } catch (e) {
        return e as DomainError;
      }
      throw new Error('expected a refusal');
    })();
    expect(error.kind).toBe('validation');
    expect(error.problems.map((p) => `${p.field}:${p.key}`)).toEqual([
      'version:input.versionNumber',
      'to:input.status',
      'note:input.text',
      'reason:input.tooLong',
      'csat:guard.csat',
      'nps:guard.nps',
      'evidence:input.link',
    ]);
    expect(error.problems.find((p) => p.field === 'csat')?.params).toEqual({ min: CSAT.min, max: CSAT.max });
    expect(problemKeys(() => parseTransition([], s))).toEqual(['input.object']);
  });

  test('applyStep: the owner a step names and the move are one version', () => {
    const c = { ...register(), ownerDept: 'Склад', ownerEmail: '' };
    const moved = applyStep(c, { to: 'in_progress', ownerDept: 'Производство' }, agent, s, 7);
    expect(moved).toMatchObject({ status: 'in_progress', ownerEmail: 'prod@example.com', version: c.version + 1 });
    expect(problemKeys(() => applyStep(c, { to: 'in_progress', ownerDept: 'Склад' }, agent, s, 7))).toEqual([
      'guard.ownerEmail',
    ]);
    // A step changes only the case fields it asks for.
    expect(problemKeys(() => applyStep(register(), { to: 'in_progress', ownerDept: 'Склад' }, agent, s, 7))).toEqual([
      'input.notForStep',
    ]);
  });

  test('applyStep: an owner adds evidence only to their own case, when resolving it', () => {
    const c = applyTransition(register({ criticality: 'A', evidence: [] }), { to: 'in_progress' }, agent, s, 1);
    const step = { to: 'resolved' as const, resolution: 'Заменили', evidence: ['https://x.example/act'] };
    expect(applyStep(c, step, owner, s, 2)).toMatchObject({ status: 'resolved', evidence: ['https://x.example/act'] });
    expect(problemKeys(() => applyStep({ ...c, ownerEmail: 'other@example.com' }, step, owner, s, 2))).toEqual([
      'auth.transition',
    ]);
    const full = { ...c, evidence: Array.from({ length: MAX_EVIDENCE }, (_, i) => `ftp://x/${i}`) };
    expect(problemKeys(() => applyStep(full, step, agent, s, 2))).toContain('input.tooMany');
  });

  test('a finished case is changed only by a lead', () => {
    const closed = { ...register(), status: 'closed' as const };
    expect([mayChange(closed, 'lead'), mayChange(closed, 'agent'), mayChange(register(), 'agent')]).toEqual([
      true,
      false,
      true,
    ]);
    expect(problemKeys(() => checkMayChange(closed, 'agent'))).toEqual(['case.closedForEdit']);
  });

  test('a step field typed into its cell is checked as in a step', () => {
    expect(parseStepCell('rootCause', ' Ошибка поставщика ', s)).toBe('Ошибка поставщика');
    expect(parseStepCell('csat', '4', s)).toBe(4);
    expect(parseStepCell('nps', '', s)).toBeNull();
    expect(problemKeys(() => parseStepCell('csat', '6', s))).toEqual(['guard.csat']);
    expect(problemKeys(() => parseStepCell('nps', '2.5', s))).toEqual(['guard.nps']);
    expect(problemKeys(() => parseStepCell('rootCause', 'Луна', s))).toEqual(['guard.rootCauseUnknown']);
    expect(problemKeys(() => parseStepCell('cancelReason', 'x'.repeat(MAX_LONG_TEXT + 1), s))).toEqual([
      'input.tooLong',
    ]);
  });
});

describe('SLA state', () => {
  const s = settings();
  test('first response overdue, at risk at 75 %', () => {
    const c = register(); // B: first response due Mon 12:00 (120 min from 10:00)
    expect(slaState(c, s, msk('2026-11-23T11:29:00'))).toMatchObject({ overdue: false, atRisk: false });
    expect(slaState(c, s, msk('2026-11-23T11:30:00'))).toMatchObject({ overdue: false, atRisk: true });
    expect(slaState(c, s, msk('2026-11-23T12:00:01'))).toMatchObject({ overdue: true, firstResponseOverdue: true });
    expect(slaState({ ...c, firstResponseAt: msk('2026-11-23T11:00:00') }, s, msk('2026-11-23T12:30:00')).overdue).toBe(
      false,
    );
  });

  test('resolution overdue after the due time; closed cases are never overdue', () => {
    const c = { ...register(), firstResponseAt: msk('2026-11-23T10:05:00') };
    expect(slaState(c, s, msk('2026-11-25T10:00:01'))).toMatchObject({ resolutionOverdue: true, overdue: true });
    expect(slaState({ ...c, status: 'closed' }, s, msk('2026-11-30T10:00:00')).overdue).toBe(false);
  });
});

describe('edits', () => {
  const s = settings();
  test('a new criticality moves both due times; unknown fields are refused', () => {
    const c = register();
    const edited = applyEdit(
      c,
      validateEdit({ criticality: 'A', version: 1 }, s),
      s,
      'lead@example.com',
      msk('2026-11-23T10:20:00'),
    );
    expect(at(edited.dueFirstResponseAt)).toBe(at(msk('2026-11-23T10:30:00')));
    expect(at(edited.dueAt)).toBe(at(msk('2026-11-23T18:00:00')));
    expect(Object.keys(caseChanges(c, edited)).sort()).toEqual([
      'atRiskAt',
      'criticality',
      'dueAt',
      'dueFirstResponseAt',
      'nextDueAt',
      'updatedAt',
      'updatedBy',
      'version',
    ]);
    expect(problemKeys(() => validateEdit({ status: 'closed' }, s))).toEqual(['input.notEditable']);
  });
});

describe('settings validation', () => {
  test('defaults need a lead before they can be saved', () => {
    const s = defaultSettings('en', 'Europe/Moscow');
    expect(settingsProblems(s).map((p) => p.key)).toEqual(['settings.noLead']);
    s.team.push({ email: 'lead@example.com', name: 'L', role: 'lead', team: '' });
    expect(settingsProblems(s)).toEqual([]);
  });

  test('problems name their field', () => {
    const s = settings();
    s.sla.resolution.A = 5000;
    s.departments[1]!.owners = ['bad'];
    s.team.push({ email: 'LEAD@example.com', name: 'dup', role: 'lead', team: '' });
    expect(settingsProblems(s).map((p) => `${p.field}:${p.key}`)).toEqual([
      'sla.resolution:settings.slaOrder',
      'departments.1.owners.0:settings.email',
      'team.3.email:settings.duplicate',
    ]);
  });
});
