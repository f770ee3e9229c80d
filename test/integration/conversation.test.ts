/**
 * The conversation around a case through the built bundle (docs/product.md, Notes and messages):
 * notes and questions on the thread, client messages sent, who may write them, the Events rows
 * they leave, conflicts, and a cost that does not grow with the history.
 */
import type { Emulator } from '../../emulator/runtime';
import type { CaseView, NoteResult } from '../../src/server/contract';
import { failure } from '../support/failure';
import { AGENT, LEAD, OWNER, VIEWER, asPerson, registrationInput, setUpWorkbook } from '../support/workbook';

type Run = <T>(fn: string, args?: unknown[], user?: string) => T;

function runner(emulator: Emulator): Run {
  return <T>(fn: string, args: unknown[] = [], user = AGENT) => emulator.scriptRun<T>(fn, args, { user });
}

/** The Events tab's rows below the header, as values. */
function eventRows(emulator: Emulator): unknown[][] {
  return asPerson(emulator, (ss) => ss.getSheetByName('События')!.getDataRange().getValues().slice(1));
}

/** A case row's cells, as a person sees them. */
function caseRow(emulator: Emulator): unknown[] {
  return asPerson(emulator, (ss) => ss.getSheetByName('Кейсы')!.getRange(2, 1, 1, 43).getValues()[0]!);
}

const TYPE = 2;
const ACTOR = 3;
const NOTE = 6;
const VERSION = 7;
const CHANGES = 8;

describe('notes on a case', () => {
  test('the agent, the lead and the case’s owner write on the thread; it shows in the case and in Events', () => {
    const emulator = setUpWorkbook();
    const run = runner(emulator);
    const c = run<CaseView>('apiRegisterCase', [registrationInput()]);
    const before = eventRows(emulator).length;

    const byOwner = run<NoteResult>('apiAddNote', [c.id, { text: '  Фасад заказан, будет в четверг  ' }], OWNER);
    expect(byOwner).toMatchObject({
      notified: false,
      note: { type: 'note', actor: OWNER, note: 'Фасад заказан, будет в четверг', version: 1 },
    });
    run('apiAddNote', [c.id, { text: 'Клиент просит позвонить после 18:00' }], AGENT);
    run('apiAddNote', [c.id, { text: '=HYPERLINK("http://evil")', version: 1 }], LEAD);

    const rows = eventRows(emulator).slice(before);
    expect(rows.map((r) => [r[TYPE], r[ACTOR], r[NOTE], r[VERSION], r[CHANGES]])).toEqual([
      ['note', OWNER, 'Фасад заказан, будет в четверг', 1, ''],
      ['note', AGENT, 'Клиент просит позвонить после 18:00', 1, ''],
      ['note', LEAD, '=HYPERLINK("http://evil")', 1, ''],
    ]);
    // A note changes nothing of the case: same version, same row.
    const view = run<CaseView>('apiGetCase', [c.id]);
    expect(view.version).toBe(1);
    expect(view.events?.filter((e) => e.type === 'note').map((e) => e.actor)).toEqual([OWNER, AGENT, LEAD]);
  });

  test('viewers, team leaders and another department’s owner may not; nothing is written', () => {
    const emulator = setUpWorkbook();
    const run = runner(emulator);
    const c = run<CaseView>('apiRegisterCase', [registrationInput({ ownerDept: 'Склад', ownerEmail: LEAD })]);
    const before = eventRows(emulator).length;
    expect(failure(() => run('apiAddNote', [c.id, { text: 'x' }], VIEWER))).toMatch(/^\[forbidden\]/);
    expect(failure(() => run('apiAddNote', [c.id, { text: 'x' }], OWNER))).toMatch(
      /^\[forbidden\] .*владелец этого кейса/,
    );
    expect(failure(() => run('apiAddNote', [c.id, { text: 'x' }], 'stranger@gmail.com'))).toMatch(/^\[forbidden\]/);
    expect(eventRows(emulator)).toHaveLength(before);
  });

  test('validation comes first, every problem at once; a stale version is a conflict; a finished case is a lead’s', () => {
    const emulator = setUpWorkbook();
    const run = runner(emulator);
    let c = run<CaseView>('apiRegisterCase', [registrationInput()]);
    const before = eventRows(emulator).length;
    expect(failure(() => run('apiAddNote', [c.id, { text: ' ', to: 'abc', version: 'x' }]))).toBe(
      '[validation version note noteTo] Версия: Версия кейса должна быть целым числом: обновите кейс и попробуйте снова. Комментарий: Обязательное поле. Кому вопрос: «abc» — не email.',
    );
    expect(failure(() => run('apiAddNote', [c.id, { text: 'x'.repeat(5001) }]))).toMatch(/^\[validation note\] .*5000/);
    expect(failure(() => run('apiAddNote', ['ARB-2026-00099', { text: 'x' }]))).toMatch(/^\[not_found\]/);
    c = run<CaseView>('apiTransition', [c.id, { to: 'in_progress', version: c.version }]);
    expect(failure(() => run('apiAddNote', [c.id, { text: 'x', version: 1 }]))).toMatch(/^\[conflict\]/);
    expect(eventRows(emulator)).toHaveLength(before + 1);
    c = run<CaseView>('apiTransition', [c.id, { to: 'cancelled', reason: 'дубль', version: c.version }], LEAD);
    expect(failure(() => run('apiAddNote', [c.id, { text: 'x' }]))).toMatch(/^\[forbidden\]/);
    expect(run<NoteResult>('apiAddNote', [c.id, { text: 'Отменён: дубль ARB-2026-00002' }], LEAD).note.type).toBe(
      'note',
    );
  });

  test('a question emails its addressee once, in their language, and is refused for someone off the case', () => {
    const emulator = setUpWorkbook();
    const run = runner(emulator);
    const c = run<CaseView>('apiRegisterCase', [registrationInput()]);
    const asked = run<NoteResult>('apiAddNote', [c.id, { text: 'Какой номер заказа у фурнитуры?', to: AGENT }], OWNER);
    expect(asked).toMatchObject({ notified: true, note: { type: 'question', addressee: AGENT } });
    const sent = emulator.state.mail.sent;
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: [AGENT], subject: `Арбитр: вопрос по кейсу ${c.id}` });
    expect(sent[0]?.body).toContain('Какой номер заказа у фурнитуры?');
    expect(sent[0]?.body).toContain('Олег Производство');
    const row = eventRows(emulator).at(-1)!;
    expect([row[TYPE], row[ACTOR], JSON.parse(String(row[CHANGES]))]).toEqual([
      'question',
      OWNER,
      { addressee: AGENT },
    ]);
    // Reading the case again sends nothing more.
    run('apiGetCase', [c.id]);
    expect(emulator.state.mail.sent).toHaveLength(1);

    const before = eventRows(emulator).length;
    expect(failure(() => run('apiAddNote', [c.id, { text: '?', to: VIEWER }], OWNER))).toMatch(
      /^\[validation noteTo\] .*не работает над этим кейсом/,
    );
    expect(failure(() => run('apiAddNote', [c.id, { text: '?', to: OWNER }], OWNER))).toMatch(/^\[validation noteTo\]/);
    expect(eventRows(emulator)).toHaveLength(before);
    expect(emulator.state.mail.sent).toHaveLength(1);
  });
});

describe('client messages sent', () => {
  test('copying or opening WhatsApp is one message row; counted as the first response it is one more row, once', () => {
    const emulator = setUpWorkbook();
    const run = runner(emulator);
    let c = run<CaseView>('apiRegisterCase', [registrationInput()]);
    const before = eventRows(emulator).length;
    const plain = run<CaseView>('apiRecordMessage', [c.id, { template: 'status_update', channel: 'copy' }]);
    expect(plain.version).toBe(1);
    expect(plain.firstResponseAt).toBeNull();

    c = run<CaseView>('apiRecordMessage', [
      c.id,
      { template: 'first_response', channel: 'whatsapp', firstResponse: true, version: 1 },
    ]);
    expect(c.version).toBe(2);
    expect(c.firstResponseAt).not.toBeNull();
    const rows = eventRows(emulator).slice(before);
    expect(rows.map((r) => [r[TYPE], r[VERSION]])).toEqual([
      ['message', 1],
      ['message', 1],
      ['first_response', 2],
    ]);
    expect(JSON.parse(String(rows[1]![CHANGES]))).toEqual({ template: 'first_response', channel: 'whatsapp' });
    expect(caseRow(emulator)).toContain(2);

    // A second "first response" is refused whole: no message row without its first response.
    expect(
      failure(() =>
        run('apiRecordMessage', [
          c.id,
          { template: 'status_update', channel: 'copy', firstResponse: true, version: 2 },
        ]),
      ),
    ).toMatch(/^\[guard\] Первый ответ по кейсу .* уже отмечен/);
    expect(
      failure(() =>
        run('apiRecordMessage', [
          c.id,
          { template: 'status_update', channel: 'copy', firstResponse: true, version: 1 },
        ]),
      ),
    ).toMatch(/^\[conflict\]/);
    expect(eventRows(emulator)).toHaveLength(before + 3);
    const view = run<CaseView>('apiGetCase', [c.id]);
    expect(view.events?.filter((e) => e.type === 'message').map((e) => e.channel)).toEqual(['copy', 'whatsapp']);
    expect(view.events?.filter((e) => e.type === 'first_response')).toHaveLength(1);
  });

  test('only agents and leads record messages; what they send is checked first', () => {
    const emulator = setUpWorkbook();
    const run = runner(emulator);
    const c = run<CaseView>('apiRegisterCase', [registrationInput()]);
    const before = eventRows(emulator).length;
    for (const user of [OWNER, VIEWER])
      expect(
        failure(() => run('apiRecordMessage', [c.id, { template: 'status_update', channel: 'copy' }], user)),
      ).toMatch(/^\[forbidden\]/);
    expect(failure(() => run('apiRecordMessage', [c.id, { template: 'nope', channel: 'fax' }]))).toMatch(
      /^\[validation template channel\]/,
    );
    expect(
      failure(() =>
        run('apiRecordMessage', [c.id, { template: 'status_update', channel: 'copy', firstResponse: true }]),
      ),
    ).toMatch(/^\[validation version\]/);
    expect(eventRows(emulator)).toHaveLength(before);
  });
});

describe('the conversation costs the same whatever the history', () => {
  test('a note, a question and a message sent cost the same with 3 cases or 120, and a long thread', () => {
    const costs = [3, 120].map((existing) => {
      const emulator = setUpWorkbook();
      const run = runner(emulator);
      for (let i = 0; i < existing; i++) {
        const other = run<CaseView>('apiRegisterCase', [registrationInput({ orderNo: `K-${i}` })]);
        run('apiAddNote', [other.id, { text: `заметка ${i}` }]);
      }
      const c = run<CaseView>('apiRegisterCase', [registrationInput()]);
      const note = emulator.run('apiAddNote', [c.id, { text: 'заметка' }], { user: AGENT });
      const question = emulator.run('apiAddNote', [c.id, { text: 'вопрос', to: AGENT }], { user: OWNER });
      const message = emulator.run('apiRecordMessage', [c.id, { template: 'status_update', channel: 'copy' }], {
        user: AGENT,
      });
      const first = emulator.run(
        'apiRecordMessage',
        [c.id, { template: 'status_update', channel: 'copy', firstResponse: true, version: 1 }],
        { user: AGENT },
      );
      return [note, question, message, first].map((r) => r.meter.totalCalls);
    });
    expect(costs[1]).toEqual(costs[0]);
  });
});

describe('the department owner works their own case', () => {
  test('takes it in work from new, asks the agent, and reports it resolved; one Events row each', () => {
    const emulator = setUpWorkbook();
    const run = runner(emulator);
    let c = run<CaseView>('apiRegisterCase', [registrationInput()]);
    expect(run<CaseView>('apiGetCase', [c.id], OWNER).transitions).toEqual(['in_progress']);
    const before = eventRows(emulator).length;
    c = run<CaseView>('apiTransition', [c.id, { to: 'in_progress', version: c.version }], OWNER);
    expect(c).toMatchObject({ status: 'in_progress', updatedBy: OWNER, transitions: ['resolved'] });
    run('apiAddNote', [c.id, { text: 'Нужен ли монтажник на замену?', to: AGENT }], OWNER);
    expect(failure(() => run('apiTransition', [c.id, { to: 'waiting_client', version: c.version }], OWNER))).toMatch(
      /^\[forbidden\]/,
    );
    c = run<CaseView>(
      'apiTransition',
      [c.id, { to: 'resolved', resolution: 'Фасад заменён', version: c.version }],
      OWNER,
    );
    expect(
      eventRows(emulator)
        .slice(before)
        .map((r) => [r[TYPE], r[ACTOR]]),
    ).toEqual([
      ['status', OWNER],
      ['question', OWNER],
      ['status', OWNER],
    ]);
  });

  test('another department’s owner may not take it', () => {
    const emulator = setUpWorkbook();
    const run = runner(emulator);
    const c = run<CaseView>('apiRegisterCase', [registrationInput({ ownerDept: 'Склад', ownerEmail: LEAD })]);
    expect(run<CaseView>('apiGetCase', [c.id], OWNER).transitions).toEqual([]);
    expect(failure(() => run('apiTransition', [c.id, { to: 'in_progress', version: 1 }], OWNER))).toMatch(
      /^\[forbidden\]/,
    );
  });
});

describe('the record reads as what happened', () => {
  test('an edit’s Events row holds what it set; the case’s timeline shows it old → new', () => {
    const emulator = setUpWorkbook();
    const run = runner(emulator);
    const c = run<CaseView>('apiRegisterCase', [registrationInput({ criticality: 'B' })]);
    emulator.advanceClock(3_600_000);
    // Before saving, the case says what each criticality would do now (the edit form shows it).
    const effects = run<CaseView>('apiGetCase', [c.id]).criticalityEffects;
    expect(effects?.A).toEqual({
      dueFirstResponseAt: '2026-11-23T07:30:00.000Z',
      dueAt: '2026-11-23T15:00:00.000Z',
      overdueSince: '2026-11-23T07:30:00.000Z',
    });
    expect(effects?.B).toEqual({ dueFirstResponseAt: c.dueFirstResponseAt, dueAt: c.dueAt, overdueSince: null });
    run('apiUpdateCase', [c.id, { version: 1, criticality: 'A', summary: 'Царапина и скол', ownerEmail: LEAD }]);
    const view = run<CaseView>('apiGetCase', [c.id]);
    const edit = view.events?.find((e) => e.type === 'updated');
    expect(edit?.changed).toEqual([
      { field: 'criticality', before: 'B', after: 'A' },
      { field: 'summary', before: 'Царапина на фасаде в день монтажа, не хватает фурнитуры', after: 'Царапина и скол' },
      { field: 'ownerEmail', before: OWNER, after: LEAD },
      { field: 'dueFirstResponseAt', before: c.dueFirstResponseAt, after: view.dueFirstResponseAt },
      { field: 'dueAt', before: c.dueAt, after: view.dueAt },
    ]);
    expect(view.events?.find((e) => e.type === 'created')?.changed).toBeUndefined();
  });

  test('the Events tab reads times: the moment cell is a date to the second, the changes’ moments are local times', () => {
    const emulator = setUpWorkbook();
    const run = runner(emulator);
    run<CaseView>('apiRegisterCase', [registrationInput()]);
    const { display, format, changes } = asPerson(emulator, (ss) => {
      const sheet = ss.getSheetByName('События')!;
      const last = sheet.getLastRow();
      return {
        display: sheet.getRange(last, 1).getDisplayValue(),
        format: sheet.getRange(last, 1).getNumberFormat(),
        changes: String(sheet.getRange(last, 9).getValue()),
      };
    });
    expect(format).toBe('dd.mm.yyyy hh:mm:ss');
    expect(display).toBe('23.11.2026 10:00:00');
    expect(changes).toContain('"createdAt":"2026-11-23T10:00:00+03:00"');
    expect(changes).toContain('"dueAt":"2026-11-25T10:00:00+03:00"');
    expect(changes).not.toMatch(/\d{13}/);
  });
});
