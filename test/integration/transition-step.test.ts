/**
 * A step is one call that happens whole or not at all: what it asks for (an owner to start work,
 * evidence to resolve an A case) is checked with the move and written with it, in one version of
 * the row, one Events row and one lock; any refusal leaves the workbook exactly as it was.
 */
import { stringifyState } from '../../emulator/core/persist';
import type { Emulator } from '../../emulator/runtime';
import type { CaseView } from '../../src/server/api';
import { failure } from '../support/failure';
import { AGENT, LEAD, OWNER, VIEWER, asPerson, registrationInput, setUpWorkbook } from '../support/workbook';

type Run = <T>(fn: string, args?: unknown[], user?: string) => T;

function runner(emulator: Emulator): Run {
  return <T>(fn: string, args: unknown[] = [], user = AGENT) => emulator.scriptRun<T>(fn, args, { user });
}

/** The case's row and the whole Events tab, as the cells hold them. */
function cells(emulator: Emulator, id: string): { row: unknown[]; events: unknown[][] } {
  return asPerson(emulator, (ss) => {
    const cases = ss.getSheetByName('Кейсы');
    const row = cases?.createTextFinder(id).matchEntireCell(true).findNext()?.getRow() ?? 0;
    return {
      row: cases?.getRange(row, 1, 1, cases.getLastColumn()).getValues()[0] ?? [],
      events: ss.getSheetByName('События')?.getDataRange().getValues() ?? [],
    };
  });
}

/** `act` fails with `message`, and neither the case's cells nor anything else in the workbook changed. */
function expectRefused(emulator: Emulator, id: string, act: () => unknown, message: RegExp): void {
  const before = cells(emulator, id);
  const state = stringifyState(emulator.state);
  expect(failure(act)).toMatch(message);
  expect(cells(emulator, id)).toEqual(before);
  expect(stringifyState(emulator.state)).toBe(state);
}

describe('a step that fails leaves the case and the Events tab as they were', () => {
  test('starting work without an owner, with a bad owner, from a stale version, by a caller who may not', () => {
    const emulator = setUpWorkbook();
    const run = runner(emulator);
    // The warehouse has no owners in Settings: nobody owns the case yet.
    let c = run<CaseView>('apiRegisterCase', [registrationInput({ ownerDept: 'Склад' })]);
    expect(c.ownerEmail).toBe('');
    const stale = c.version;
    c = run<CaseView>('apiRecordFirstResponse', [c.id, { version: c.version }]);
    const step = { to: 'in_progress', version: c.version };

    // The guard: the warehouse has no default owner and nobody was named.
    expectRefused(emulator, c.id, () => run('apiTransition', [c.id, step]), /^\[guard ownerEmail\]/);
    expectRefused(
      emulator,
      c.id,
      () => run('apiTransition', [c.id, { ...step, ownerDept: 'Склад', ownerEmail: 'не почта' }]),
      /^\[validation ownerEmail\].*«не почта» — не email/,
    );
    expectRefused(
      emulator,
      c.id,
      () => run('apiTransition', [c.id, { ...step, ownerDept: 'Бухгалтерия' }]),
      /^\[validation ownerDept\]/,
    );
    // Every problem of the body at once.
    expectRefused(
      emulator,
      c.id,
      () => run('apiTransition', [c.id, { to: 'in_progress', ownerEmail: 42, note: 7, csat: 9 }]),
      /^\[validation version note csat ownerEmail\]/,
    );
    expectRefused(
      emulator,
      c.id,
      () => run('apiTransition', [c.id, { ...step, version: stale, ownerEmail: 'sklad@example.com' }]),
      /^\[conflict\]/,
    );
    // An owner only resolves; a viewer moves nothing.
    expectRefused(
      emulator,
      c.id,
      () => run('apiTransition', [c.id, { ...step, ownerEmail: OWNER }], OWNER),
      /^\[forbidden\]/,
    );
    expectRefused(
      emulator,
      c.id,
      () => run('apiTransition', [c.id, { ...step, ownerEmail: 'sklad@example.com' }], VIEWER),
      /^\[forbidden\]/,
    );
    // A step takes only the case fields it asks for: evidence does not start work.
    expectRefused(
      emulator,
      c.id,
      () =>
        run('apiTransition', [
          c.id,
          { ...step, ownerEmail: 'sklad@example.com', evidence: ['https://drive.example.com/x'] },
        ]),
      /^\[validation evidence\] Фото и видео: Этот шаг не меняет это поле\./,
    );
  });

  test('resolving an A case: a bad evidence link, a missing resolution, another owner’s case', () => {
    const emulator = setUpWorkbook();
    const run = runner(emulator);
    let c = run<CaseView>('apiRegisterCase', [registrationInput({ criticality: 'A', evidence: [] })]);
    c = run<CaseView>('apiTransition', [c.id, { to: 'in_progress', version: c.version }]);
    const step = { to: 'resolved', version: c.version, resolution: 'Фасад заменён' };

    expectRefused(
      emulator,
      c.id,
      () => run('apiTransition', [c.id, { ...step, evidence: ['фото в WhatsApp'] }], OWNER),
      /^\[validation evidence\]/,
    );
    // The evidence is good but the resolution is missing: the link is not kept either.
    expectRefused(
      emulator,
      c.id,
      () =>
        run('apiTransition', [c.id, { ...step, resolution: ' ', evidence: ['https://drive.example.com/act'] }], OWNER),
      /^\[guard resolution\]/,
    );
    expectRefused(emulator, c.id, () => run('apiTransition', [c.id, step], OWNER), /^\[guard evidence\]/);
    // The owner of another department's case may not add evidence to it or resolve it.
    run('apiTransition', [c.id, { to: 'waiting_client', version: c.version }]);
    c = run<CaseView>('apiGetCase', [c.id]);
    c = run<CaseView>('apiTransition', [c.id, { to: 'in_progress', version: c.version }]);
    const other = run<CaseView>(
      'apiUpdateCase',
      [c.id, { version: c.version, ownerEmail: 'second@example.com' }],
      LEAD,
    );
    expectRefused(
      emulator,
      c.id,
      () =>
        run(
          'apiTransition',
          [c.id, { ...step, version: other.version, evidence: ['https://drive.example.com/act'] }],
          OWNER,
        ),
      /^\[forbidden\]/,
    );
  });
});

describe('a step that goes through is one version, one Events row and one lock', () => {
  test('starting work with a new department: its default owner takes the case in the same step', () => {
    const emulator = setUpWorkbook();
    const run = runner(emulator);
    const c = run<CaseView>('apiRegisterCase', [registrationInput({ ownerDept: 'Склад' })]);
    const before = cells(emulator, c.id);

    const result = emulator.run<CaseView>(
      'apiTransition',
      [c.id, { to: 'in_progress', version: c.version, ownerDept: 'Производство', note: 'берём' }],
      { user: AGENT },
    );
    expect(result.value).toMatchObject({
      status: 'in_progress',
      ownerDept: 'Производство',
      ownerEmail: OWNER,
      version: c.version + 1,
    });
    expect(result.meter.calls['LockService.getDocumentLock']).toBe(1);
    expect(result.meter.calls['Lock.tryLock']).toBe(1);

    const after = cells(emulator, c.id);
    expect(after.events).toHaveLength(before.events.length + 1);
    expect(after.events.slice(0, -1)).toEqual(before.events);
    const [, caseId, type, actor, from, to, note, version, changes] = after.events.at(-1) ?? [];
    expect([caseId, type, actor, from, to, note, version]).toEqual([
      c.id,
      'status',
      AGENT,
      'new',
      'in_progress',
      'берём',
      c.version + 1,
    ]);
    expect(JSON.parse(String(changes))).toMatchObject({
      status: 'in_progress',
      ownerDept: 'Производство',
      ownerEmail: OWNER,
      version: c.version + 1,
    });
    expect(after.row).toContain('Производство');
    expect(after.row).toContain(OWNER);
  });

  test('the owner resolves their A case with the evidence link in the same step', () => {
    const emulator = setUpWorkbook();
    const run = runner(emulator);
    let c = run<CaseView>('apiRegisterCase', [registrationInput({ criticality: 'A', evidence: [] })]);
    c = run<CaseView>('apiTransition', [c.id, { to: 'in_progress', version: c.version }]);
    const before = cells(emulator, c.id);
    const result = emulator.run<CaseView>(
      'apiTransition',
      [
        c.id,
        {
          to: 'resolved',
          version: c.version,
          resolution: 'Фасад заменён',
          evidence: ['https://drive.example.com/act'],
        },
      ],
      { user: OWNER },
    );
    expect(result.value).toMatchObject({ status: 'resolved', evidence: ['https://drive.example.com/act'] });
    expect(result.meter.calls['Lock.tryLock']).toBe(1);
    const after = cells(emulator, c.id);
    expect(after.events).toHaveLength(before.events.length + 1);
    expect(JSON.parse(String(after.events.at(-1)?.[8]))).toMatchObject({
      status: 'resolved',
      resolution: 'Фасад заменён',
      evidence: ['https://drive.example.com/act'],
    });
  });
});
