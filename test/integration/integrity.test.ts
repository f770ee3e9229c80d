// The Events log is tamper-evident (docs/product.md, Integrity): a forged row is put back and
// reported, and a restore applies only history whose chain holds.
import type { CaseView } from '../../src/server/api';
import { AGENT, LEAD, asPerson, registrationInput, setUpWorkbook } from '../support/workbook';

type Emulator = ReturnType<typeof setUpWorkbook>;

const EVENTS = 'События';
const CASES = 'Кейсы';

function register(emulator: Emulator): CaseView {
  return emulator.scriptRun<CaseView>('apiRegisterCase', [registrationInput()], { user: AGENT });
}

function inProgress(emulator: Emulator): CaseView {
  const c = register(emulator);
  return emulator.scriptRun<CaseView>('apiTransition', [c.id, { to: 'in_progress', version: c.version }], {
    user: AGENT,
  });
}

function eventsRows(emulator: Emulator): unknown[][] {
  return asPerson(emulator, (ss) => ss.getSheetByName(EVENTS)?.getDataRange().getValues() ?? []);
}

/** The A1 address of the `changes` cell of the last Events row of `caseId`, and what it holds. */
function lastChangesCell(emulator: Emulator, caseId: string): { a1: string; json: string } {
  const rows = eventsRows(emulator);
  const header = rows[0] as string[];
  const column = header.indexOf('Изменения (JSON)');
  const caseColumn = header.indexOf('Кейс');
  let last = -1;
  rows.forEach((r, i) => {
    if (i > 0 && r[caseColumn] === caseId && String(r[column])) last = i;
  });
  return { a1: `${String.fromCharCode(65 + column)}${last + 1}`, json: String(rows[last]?.[column]) };
}

function forged(json: string): string {
  return JSON.stringify({ ...JSON.parse(json), status: 'closed', rootCause: 'Придумано', prevention: 'x' });
}

/** The Cases tab's id column, row by row. */
function idColumn(emulator: Emulator): unknown[] {
  return asPerson(emulator, (ss) => {
    const sheet = ss.getSheetByName(CASES);
    return sheet
      ? sheet
          .getRange(2, 1, Math.max(1, sheet.getLastRow() - 1), 1)
          .getValues()
          .map(([id]) => id)
      : [];
  });
}

function statusCell(emulator: Emulator): { value: unknown; note: string } {
  return asPerson(emulator, (ss) => {
    const range = ss.getSheetByName(CASES)?.getRange('B2');
    return { value: range?.getValue(), note: range?.getNote() ?? '' };
  });
}

describe('a history nobody can forge', () => {
  test('an edit of an Events row is put back, recorded and told to the leads; the paste restores the truth', () => {
    const emulator = setUpWorkbook();
    const c = inProgress(emulator);
    const { a1, json } = lastChangesCell(emulator, c.id);
    const sentBefore = emulator.state.mail.sent.length;

    emulator.editCell(EVENTS, a1, forged(json), AGENT);

    expect(asPerson(emulator, (ss) => ss.getSheetByName(EVENTS)?.getRange(a1).getValue())).toBe(json);
    const tamper = eventsRows(emulator).filter((r) => r[2] === 'tamper');
    expect(tamper).toHaveLength(1);
    expect(String(tamper[0]?.[3])).toBe(AGENT);
    const told = emulator.state.mail.sent.slice(sentBefore);
    expect(told).toHaveLength(1);
    expect(told[0]?.to).toContain(LEAD);
    expect(told[0]?.body).toContain(AGENT);
    expect(told[0]?.body).toContain(a1.replace(/[A-Z]+/, ''));

    emulator.pasteValues(CASES, 'B2', [['Закрыт', 'B']], AGENT);
    expect(statusCell(emulator).value).toBe('В работе');
  });

  test('a forged row the trigger never saw is not applied by a paste over the case row', () => {
    const emulator = setUpWorkbook();
    const c = inProgress(emulator);
    const { a1, json } = lastChangesCell(emulator, c.id);
    // Written behind the edit trigger's back (as a paste over the Events tab, which is only reported).
    asPerson(emulator, (ss) => ss.getSheetByName(EVENTS)?.getRange(a1).setValue(forged(json)));

    const sentBefore = emulator.state.mail.sent.length;

    emulator.pasteValues(CASES, 'B2', [['Закрыт', 'B']], AGENT);
    const status = statusCell(emulator);
    expect(status.value).not.toBe('Закрыт');
    expect(status.note).toMatch(new RegExp(`${c.id}.*не сходится`));
    // The leads are told as for an edit of the log: one email, naming the case and the row.
    const told = emulator.state.mail.sent.slice(sentBefore);
    expect(told).toHaveLength(1);
    expect(told[0]?.to).toContain(LEAD);
    expect(told[0]?.body).toContain(c.id);
    expect(told[0]?.body).toContain(`строке ${a1.replace(/[A-Z]+/, '')}`);
    // Once: the next restore that meets the same break notes it again but emails nobody.
    emulator.pasteValues(CASES, 'B2', [['Закрыт', 'B']], AGENT);
    expect(statusCell(emulator).note).toMatch(new RegExp(`${c.id}.*не сходится`));
    expect(emulator.state.mail.sent.length - sentBefore).toBe(1);
  });

  test('an edit of an Events date is put back as the date it was, and the chain holds again', () => {
    const emulator = setUpWorkbook();
    // Apps Script's clock has milliseconds; the cell shows seconds.
    emulator.clock.set(emulator.clock.now() + 1234);
    const c = register(emulator);
    const rows = eventsRows(emulator);
    const row = rows.findIndex((r) => r[1] === c.id) + 1;
    const before = rows[row - 1]?.[0] as Date;
    const sentBefore = emulator.state.mail.sent.length;

    emulator.editCell(EVENTS, `A${row}`, '01.01.2020', AGENT);

    const cell = asPerson(emulator, (ss) => {
      const range = ss.getSheetByName(EVENTS)?.getRange(`A${row}`);
      return { value: range?.getValue() as unknown, note: range?.getNote() ?? '' };
    });
    expect(cell.value).toBeInstanceOf(Date);
    expect((cell.value as Date).getTime()).toBe(before.getTime());
    expect(cell.note).toMatch(/вернул/);
    expect(cell.note).not.toMatch(/не сходится/);
    expect(eventsRows(emulator).filter((r) => r[2] === 'tamper')).toHaveLength(1);
    expect(emulator.state.mail.sent.length - sentBefore).toBe(1);
    // The case's history verifies: a paste over its row restores it whole.
    emulator.pasteValues(CASES, 'B2', [['Закрыт', 'B']], AGENT);
    expect(statusCell(emulator)).toEqual({ value: 'Новый', note: expect.not.stringMatching(/не сходится/) });
  });
});

describe('an id is issued once', () => {
  test('with the counter lost and the highest row deleted, the next id comes after the log’s highest', () => {
    const emulator = setUpWorkbook();
    for (let i = 0; i < 3; i++) register(emulator);
    asPerson(emulator, (ss) => ss.getSheetByName(CASES)?.deleteRow(4));
    delete emulator.state.properties.document['arbiter.seq.ARB-2026'];
    expect(register(emulator).id).toBe('ARB-2026-00004');
  });

  test('with the counter lost and the first row deleted, its id is not given again', () => {
    const emulator = setUpWorkbook();
    for (let i = 0; i < 2; i++) register(emulator);
    asPerson(emulator, (ss) => ss.getSheetByName(CASES)?.deleteRow(2));
    delete emulator.state.properties.document['arbiter.seq.ARB-2026'];
    expect(register(emulator).id).toBe('ARB-2026-00003');
  });
});

describe('a case that disappears comes back', () => {
  test('a case row cleared with Delete is restored from its history', () => {
    const emulator = setUpWorkbook();
    const first = register(emulator);
    const second = register(emulator);
    const width = asPerson(emulator, (ss) => ss.getSheetByName(CASES)?.getLastColumn() ?? 0);
    emulator.pasteValues(CASES, 'A2', [Array.from({ length: width }, () => '')], AGENT);
    const ids = asPerson(emulator, (ss) =>
      ss
        .getSheetByName(CASES)
        ?.getRange(2, 1, 2, 1)
        .getValues()
        .map(([id]) => id),
    );
    expect(ids).toEqual([first.id, second.id]);
    expect(emulator.scriptRun<CaseView>('apiGetCase', [first.id], { user: AGENT }).summary).toBe(first.summary);
  });
  test('a deleted case row comes back at the end of the table, and the leads are told which and where', () => {
    const emulator = setUpWorkbook();
    const [first, second, third] = [register(emulator), register(emulator), register(emulator)];
    const sentBefore = emulator.state.mail.sent.length;

    const executions = emulator.deleteRows(CASES, 3, 1, AGENT);

    expect(executions.map((e) => e.error ?? 'ok')).toEqual(['ok']);
    expect(idColumn(emulator)).toEqual([first?.id, third?.id, second?.id]);
    const note = asPerson(emulator, (ss) => ss.getSheetByName(CASES)?.getRange('A4').getNote() ?? '');
    expect(note).toContain(second?.id);
    expect(note).toContain('строку 4');
    expect(note).toContain(AGENT);
    const reverted = eventsRows(emulator).filter((r) => r[2] === 'reverted');
    expect(reverted.map((r) => r[1])).toEqual([second?.id]);
    const told = emulator.state.mail.sent.slice(sentBefore);
    expect(told).toHaveLength(1);
    expect(told[0]?.to).toContain(LEAD);
    expect(told[0]?.body).toContain(second?.id);
    expect(told[0]?.body).toContain('строку 4');
    expect(emulator.scriptRun<CaseView>('apiGetCase', [second?.id], { user: AGENT })).toMatchObject({
      summary: second?.summary,
      version: second?.version,
    });

    // Deleting a row that holds no case changes nothing and tells nobody.
    emulator.deleteRows(CASES, 10, 1, AGENT);
    expect(idColumn(emulator)).toEqual([first?.id, third?.id, second?.id]);
    expect(emulator.state.mail.sent.length - sentBefore).toBe(1);
  });

  test('a deleted case whose history does not verify is named to the leads, never restored from a forgery', () => {
    const emulator = setUpWorkbook();
    const [first, second] = [register(emulator), register(emulator)];
    const rows = eventsRows(emulator);
    const header = rows[0] as string[];
    const created = rows.findIndex((r) => r[1] === second?.id && r[2] === 'created');
    const column = header.indexOf('Изменения (JSON)');
    const forgedCell = `${String.fromCharCode(65 + column)}${created + 1}`;
    asPerson(emulator, (ss) =>
      ss
        .getSheetByName(EVENTS)
        ?.getRange(forgedCell)
        .setValue(JSON.stringify({ ...JSON.parse(String(rows[created]?.[column])), summary: 'Подделка' })),
    );
    const sentBefore = emulator.state.mail.sent.length;

    emulator.deleteRows(CASES, 3, 1, AGENT);

    expect(idColumn(emulator)).toEqual([first?.id]);
    const told = emulator.state.mail.sent.slice(sentBefore);
    expect(told).toHaveLength(1);
    expect(told[0]?.body).toContain(second?.id);
    expect(told[0]?.body).toMatch(/не может/);
    expect(asPerson(emulator, (ss) => ss.getSheetByName(CASES)?.getRange('A1').getNote())).toContain(second?.id);
  });
});

describe('what a published add-on’s time trigger writes is signed', () => {
  test('its escalation, notice and job rows verify, so a restore applies them; the key reaches no client', () => {
    const emulator = setUpWorkbook({ deployment: 'addon', schedule: true });
    const c = register(emulator);
    // Wednesday 11:00 (the clock jumps, the trigger fires once): the case is overdue and escalates.
    emulator.advanceTo(Date.parse('2026-11-25T08:00:00Z'), { missed: 'once' });
    const written = eventsRows(emulator).filter((r) => ['escalated', 'notice', 'job'].includes(String(r[2])));
    expect(written.filter((r) => r[2] === 'escalated' && r[1] === c.id).length).toBeGreaterThan(0);
    expect(written.filter((r) => r[2] === 'job').length).toBeGreaterThan(0);
    // Every row the trigger wrote carries its digest.
    const digest = (eventsRows(emulator)[0] as string[]).indexOf('Подпись');
    expect(written.filter((r) => !r[digest])).toEqual([]);

    // A paste over the case row restores it with the trigger's escalation, its history whole.
    const level = emulator.scriptRun<CaseView>('apiGetCase', [c.id], { user: AGENT }).escalationLevel;
    expect(level).toBeGreaterThan(0);
    emulator.pasteValues(CASES, 'B2', [['Закрыт', 'B']], AGENT);
    expect(statusCell(emulator)).toEqual({ value: 'Новый', note: expect.not.stringMatching(/не сходится/) });
    expect(emulator.scriptRun<CaseView>('apiGetCase', [c.id], { user: AGENT }).escalationLevel).toBe(level);

    // The key is in the document's properties and the holder's user properties, and in nothing a
    // person's call returns.
    const key = emulator.state.properties.document['arbiter.eventsChainKey'] as string;
    expect(JSON.stringify(emulator.state.properties.user[LEAD])).toContain(key);
    for (const fn of ['installTriggers', 'apiBootstrap', 'apiGetSettings']) {
      expect(JSON.stringify(emulator.run(fn, [], { user: LEAD }).value ?? null)).not.toContain(key);
    }
  });
});
