/**
 * A client message never promises a time that has passed (docs/product.md, Notes and messages:
 * promises), through the built bundle: the message says a new deadline is to be set, the agent
 * proposes one, a lead approves it for A and B (C takes it at once), each an Events row.
 */
import type { Emulator } from '../../emulator/runtime';
import type { CaseView, PromiseResult, RenderedTemplate } from '../../src/server/contract';
import { failure } from '../support/failure';
import { AGENT, LEAD, VIEWER, asPerson, msk, registrationInput, setUpWorkbook } from '../support/workbook';

type Run = <T>(fn: string, args?: unknown[], user?: string) => T;
const runner =
  (emulator: Emulator): Run =>
  <T>(fn: string, args: unknown[] = [], user = AGENT) =>
    emulator.scriptRun<T>(fn, args, { user });

const HOUR = 3_600_000;
/** The version of a case registered and answered. */
const V = 2;
const eventRows = (emulator: Emulator): unknown[][] =>
  asPerson(emulator, (ss) => ss.getSheetByName('События')!.getDataRange().getValues().slice(1));

/** A B case registered Monday 10:00 (due Wednesday 10:00), the clock moved to Wednesday 12:00. */
function overdueCase(criticality = 'B') {
  const emulator = setUpWorkbook();
  const run = runner(emulator);
  let c = run<CaseView>('apiRegisterCase', [registrationInput({ criticality })]);
  c = run<CaseView>('apiRecordFirstResponse', [c.id, { version: 1 }]);
  emulator.advanceClock(50 * HOUR);
  return { emulator, run, c };
}

describe('a deadline that has passed is never promised', () => {
  test('an A or B case: the agent proposes, the message says it waits, a lead approves, and it is the new deadline', () => {
    const { emulator, run, c } = overdueCase('B');
    const before = run<RenderedTemplate>('apiRenderTemplate', [c.id, 'first_response']);
    expect(before.deadline).toBe('passed');
    expect(before.text).toContain('[новый срок: назначьте его в Арбитре]');
    expect(before.text).not.toContain('25.11.2026 10:00');

    const rows = eventRows(emulator).length;
    const proposed = run<PromiseResult>('apiSetPromise', [c.id, { at: '2026-11-26T19:00:00+03:00', version: V }]);
    expect(proposed).toMatchObject({
      version: V,
      dueAt: c.dueAt,
      pendingPromise: { at: msk('2026-11-26T19:00:00'), by: AGENT },
    });
    const proposal = eventRows(emulator).slice(rows);
    expect(proposal.map((r) => [r[2], r[7], JSON.parse(String(r[8]))])).toEqual([
      ['promise_proposed', V, { promisedAt: '2026-11-26T19:00:00+03:00' }],
    ]);
    const waiting = run<RenderedTemplate>('apiRenderTemplate', [c.id, 'status_update']);
    expect(waiting).toMatchObject({ deadline: 'pending' });
    expect(waiting.text).toContain('[новый срок ждёт одобрения руководителя]');
    expect(run<CaseView & { pendingPromise: unknown }>('apiGetCase', [c.id]).pendingPromise).toMatchObject({
      by: AGENT,
    });

    expect(failure(() => run('apiDecidePromise', [c.id, { approve: true, version: V }]))).toMatch(/^\[forbidden\]/);
    const approved = run<PromiseResult>('apiDecidePromise', [c.id, { approve: true, version: V }], LEAD);
    expect(approved).toMatchObject({
      version: V + 1,
      dueAt: msk('2026-11-26T19:00:00'),
      overdue: false,
      pendingPromise: null,
    });
    const after = run<RenderedTemplate>('apiRenderTemplate', [c.id, 'first_response']);
    expect(after.deadline).toBe('promised');
    expect(after.text).toContain('26.11.2026 19:00');
    const view = run<CaseView>('apiGetCase', [c.id]);
    expect(view.events?.find((e) => e.type === 'promise')).toMatchObject({
      actor: LEAD,
      note: AGENT,
      changed: [{ field: 'dueAt', before: c.dueAt, after: msk('2026-11-26T19:00:00') }],
    });
    expect(failure(() => run('apiDecidePromise', [c.id, { approve: true, version: V + 1 }], LEAD))).toMatch(
      /^\[guard\] По кейсу .* нет нового срока/,
    );
  });

  test('a C case takes the agent’s new deadline at once; a lead’s too, for any criticality', () => {
    // C: 2,400 business minutes from Monday 10:00 is Thursday; a week later it has passed.
    const { emulator, run, c } = overdueCase('C');
    emulator.advanceClock(5 * 24 * HOUR);
    const result = run<PromiseResult>('apiSetPromise', [c.id, { at: '2026-12-01T12:00:00+03:00', version: V }], AGENT);
    expect(result).toMatchObject({ version: V + 1, dueAt: msk('2026-12-01T12:00:00'), pendingPromise: null });
    expect(eventRows(emulator).at(-1)?.[2]).toBe('promise');
    const b = overdueCase('A');
    const byLead = b.run<PromiseResult>(
      'apiSetPromise',
      [b.c.id, { at: '2026-11-27T12:00:00+03:00', version: V }],
      LEAD,
    );
    expect(byLead).toMatchObject({ version: V + 1, dueAt: msk('2026-11-27T12:00:00'), pendingPromise: null });
  });

  test('a declined proposal leaves the deadline; the agent proposes again', () => {
    const { emulator, run, c } = overdueCase('A');
    run('apiSetPromise', [c.id, { at: '2026-11-26T19:00:00+03:00', version: V }]);
    const declined = run<PromiseResult>('apiDecidePromise', [c.id, { approve: false, version: V }], LEAD);
    expect(declined).toMatchObject({ version: V, dueAt: c.dueAt, pendingPromise: null });
    expect(eventRows(emulator).at(-1)?.[2]).toBe('promise_declined');
    expect(run<RenderedTemplate>('apiRenderTemplate', [c.id, 'first_response']).deadline).toBe('passed');
  });

  test('refusals: checked first, nothing written', () => {
    const { emulator, run, c } = overdueCase('B');
    const rows = eventRows(emulator).length;
    expect(failure(() => run('apiSetPromise', [c.id, { at: '2026-11-20T10:00:00+03:00', version: V }]))).toMatch(
      /^\[validation promiseAt\] Новый срок: Новый срок должен быть в будущем/,
    );
    expect(failure(() => run('apiSetPromise', [c.id, { at: 'завтра', version: 'x' }]))).toMatch(
      /^\[validation version promiseAt\]/,
    );
    expect(failure(() => run('apiSetPromise', [c.id, { at: '2027-11-26T19:00:00+03:00', version: V }]))).toMatch(/90/);
    expect(failure(() => run('apiSetPromise', [c.id, { at: '2026-11-26T19:00:00+03:00', version: 7 }]))).toMatch(
      /^\[conflict\]/,
    );
    expect(
      failure(() => run('apiSetPromise', [c.id, { at: '2026-11-26T19:00:00+03:00', version: V }], VIEWER)),
    ).toMatch(/^\[forbidden\]/);
    expect(failure(() => run('apiDecidePromise', [c.id, { approve: 'yes', version: V }], LEAD))).toMatch(
      /^\[validation approve\] Решение руководителя: /,
    );
    expect(eventRows(emulator)).toHaveLength(rows);

    const fresh = runner(setUpWorkbook());
    const d = fresh<CaseView>('apiRegisterCase', [registrationInput()]);
    expect(failure(() => fresh('apiSetPromise', [d.id, { at: '2026-11-26T19:00:00+03:00', version: 1 }]))).toMatch(
      /^\[guard\] Срок кейса .* ещё не прошёл/,
    );
  });
});

describe('a new deadline costs the same whatever the history', () => {
  test('propose, approve and render with 3 cases or 100', () => {
    const costs = [3, 100].map((existing) => {
      const emulator = setUpWorkbook();
      const run = runner(emulator);
      for (let i = 0; i < existing; i++) run('apiRegisterCase', [registrationInput({ orderNo: `K-${i}` })]);
      const c = run<CaseView>('apiRegisterCase', [registrationInput()]);
      emulator.advanceClock(50 * HOUR);
      const render = emulator.run('apiRenderTemplate', [c.id, 'first_response'], { user: AGENT });
      const propose = emulator.run('apiSetPromise', [c.id, { at: '2026-11-26T19:00:00+03:00', version: 1 }], {
        user: AGENT,
      });
      const approve = emulator.run('apiDecidePromise', [c.id, { approve: true, version: 1 }], { user: LEAD });
      return [render, propose, approve].map((r) => r.meter.totalCalls);
    });
    expect(costs[1]).toEqual(costs[0]);
  });
});
