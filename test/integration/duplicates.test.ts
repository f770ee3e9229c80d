/**
 * Duplicates and a client's other cases through the built bundle (docs/product.md, Finding
 * cases): the open cases a registration would duplicate are found before it is sent, refused
 * unless acknowledged, recorded when registered anew; what is new can be added to an open case.
 */
import { stringifyState } from '../../emulator/core/persist';
import type { Emulator } from '../../emulator/runtime';
import type { CaseMatch } from '../../src/server/contract';
import type { CaseView } from '../../src/server/api';
import { failure } from '../support/failure';
import { AGENT, LEAD, OWNER, VIEWER, registrationInput, setUpWorkbook } from '../support/workbook';

const run = <T>(emulator: Emulator, fn: string, args: unknown[] = [], user = AGENT) =>
  emulator.scriptRun<T>(fn, args, { user });

function eventsOf(emulator: Emulator, id: string) {
  return run<CaseView>(emulator, 'apiGetCase', [id], LEAD).events ?? [];
}

describe('open cases with the same order or phone', () => {
  const emulator = setUpWorkbook();
  const first = run<CaseView>(emulator, 'apiRegisterCase', [
    registrationInput({ orderNo: 'K-24872', contact: '+7 701 555 01 02' }),
  ]);
  const other = run<CaseView>(emulator, 'apiRegisterCase', [
    registrationInput({ orderNo: 'K-99', contact: '+7 705 000 00 01' }),
  ]);

  test('are found by the order (look-alike letters, spaces) and by the phone in any format', () => {
    const find = (query: Record<string, string>) => run<CaseMatch[]>(emulator, 'apiFindMatches', [query]);
    expect(find({ orderNo: ' к-24872 ' })).toEqual([expect.objectContaining({ id: first.id, by: ['order'] })]);
    expect(find({ contact: '8 701 555 0102' })).toEqual([expect.objectContaining({ id: first.id, by: ['contact'] })]);
    expect(find({ orderNo: 'K-24872', contact: '+77015550102' })[0]?.by).toEqual(['order', 'contact']);
    expect(find({ orderNo: 'K-1', contact: '+77779990000' })).toEqual([]);
    expect(find({})).toEqual([]);
  });

  test('a registration that does not acknowledge them is refused, naming them, and writes nothing', () => {
    const before = stringifyState(emulator.state);
    const message = failure(() =>
      run(emulator, 'apiRegisterCase', [registrationInput({ orderNo: 'K-5', contact: '8 (701) 555-01-02' })]),
    );
    expect(message).toMatch(/^\[guard\]/);
    expect(message).toContain(first.id);
    expect(message).toMatch(/Есть открытые кейсы с этим заказом или контактом/);
    expect(stringifyState(emulator.state)).toBe(before);
  });

  test('acknowledging another case is not acknowledging this one', () => {
    const message = failure(() =>
      run(emulator, 'apiRegisterCase', [
        registrationInput({ contact: '+77015550102', acknowledgedMatches: [other.id] }),
      ]),
    );
    expect(message).toContain(first.id);
    expect(
      failure(() => run(emulator, 'apiRegisterCase', [registrationInput({ acknowledgedMatches: 'all' })])),
    ).toMatch(/^\[validation\]/);
  });

  test('registered anew with them acknowledged: the created event names them', () => {
    const anew = run<CaseView>(emulator, 'apiRegisterCase', [
      registrationInput({ orderNo: 'K-24872', contact: '+77015550102', acknowledgedMatches: [first.id] }),
    ]);
    const created = eventsOf(emulator, anew.id)[0];
    expect(created?.type).toBe('created');
    expect(created?.note).toContain(first.id);
    expect(created?.note).toMatch(/Зарегистрирован отдельно/);
    const matching = () => run<CaseMatch[]>(emulator, 'apiFindMatches', [{ orderNo: 'K-24872' }]).map((m) => m.id);
    expect(matching()).toEqual([anew.id, first.id]);
    // A cancelled (or closed) case is no duplicate: only open ones are asked about.
    run(emulator, 'apiTransition', [anew.id, { to: 'cancelled', version: anew.version, reason: 'дубль' }], LEAD);
    expect(matching()).toEqual([first.id]);
  });

  test("the case screen's other cases: same phone or order, open or not, itself left out", () => {
    const others = run<CaseMatch[]>(emulator, 'apiClientCases', [first.id], VIEWER);
    expect(others.map((m) => m.id)).not.toContain(first.id);
    expect(others.map((m) => m.id)).not.toContain(other.id);
    expect(others.length).toBeGreaterThan(0);
    expect(failure(() => run(emulator, 'apiClientCases', ['ARB-2026-99999'], VIEWER))).toMatch(/^\[not_found\]/);
  });
});

describe('adding to an open case instead of registering a second one', () => {
  test('writes one Events row on that case only, saying what was added; the case is unchanged', () => {
    const emulator = setUpWorkbook();
    const target = run<CaseView>(emulator, 'apiRegisterCase', [registrationInput({ orderNo: 'K-7' })]);
    const bystander = run<CaseView>(emulator, 'apiRegisterCase', [registrationInput({ orderNo: 'K-8' })]);
    const result = run<{ id: string; note: string }>(emulator, 'apiAddToCase', [
      target.id,
      {
        summary: 'Клиентка прислала видео: не хватает ещё двух ручек',
        contact: '8 707 111 22 33',
        evidence: ['https://drive.example.com/video-2'],
      },
    ]);
    expect(result.id).toBe(target.id);
    const events = eventsOf(emulator, target.id);
    expect(events.map((e) => e.type)).toEqual(['created', 'added']);
    expect(events[1]?.note).toContain('не хватает ещё двух ручек');
    expect(events[1]?.note).toContain('+77071112233');
    expect(events[1]?.note).toContain('https://drive.example.com/video-2');
    expect(events[1]?.actor).toBe(AGENT);
    expect(eventsOf(emulator, bystander.id).map((e) => e.type)).toEqual(['created']);
    const after = run<CaseView>(emulator, 'apiGetCase', [target.id]);
    expect(after.version).toBe(target.version);
    expect(after.summary).toBe(target.summary);
    // No case was registered: the next id is the third.
    expect(run<CaseView>(emulator, 'apiRegisterCase', [registrationInput()]).id).toBe('ARB-2026-00003');
  });

  test('is refused with nothing written when the summary is missing, the case is closed or the person may not', () => {
    const emulator = setUpWorkbook();
    const c = run<CaseView>(emulator, 'apiRegisterCase', [registrationInput()]);
    const before = stringifyState(emulator.state);
    expect(failure(() => run(emulator, 'apiAddToCase', [c.id, { summary: ' ' }]))).toMatch(/^\[validation summary\]/);
    expect(
      failure(() => run(emulator, 'apiAddToCase', [c.id, { summary: 'x', evidence: ['javascript:alert(1)'] }])),
    ).toMatch(/^\[validation/);
    expect(failure(() => run(emulator, 'apiAddToCase', [c.id, { summary: 'x' }], OWNER))).toMatch(/^\[forbidden\]/);
    run(emulator, 'apiTransition', [c.id, { to: 'cancelled', version: c.version, reason: 'ошибка' }], LEAD);
    const cancelled = stringifyState(emulator.state);
    expect(failure(() => run(emulator, 'apiAddToCase', [c.id, { summary: 'x' }]))).toMatch(/^\[guard\]/);
    expect(stringifyState(emulator.state)).toBe(cancelled);
    expect(before).not.toBe(cancelled);
  });
});

describe('finding matches costs the same service calls with 10 cases or 200', () => {
  test('apiFindMatches, apiClientCases and a registration', () => {
    const costs = [10, 200].map((count) => {
      const emulator = setUpWorkbook();
      for (let i = 0; i < count; i++) run(emulator, 'apiRegisterCase', [registrationInput()]);
      const find = emulator.run('apiFindMatches', [{ orderNo: 'K-1042', contact: '+77015550102' }], { user: AGENT });
      const client = emulator.run('apiClientCases', ['ARB-2026-00001'], { user: AGENT });
      const register = emulator.run('apiRegisterCase', [registrationInput()], { user: AGENT });
      return [find.meter.totalCalls, client.meter.totalCalls, register.meter.totalCalls];
    });
    expect(costs[1]).toEqual(costs[0]);
  });
});
