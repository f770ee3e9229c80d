/**
 * One hand edit is applied once (docs/architecture.md, Adding a job): Apps Script lets each person
 * hold one edit trigger per document, so two leads who each set the workbook up hold two; only the
 * one the workbook records acts, and the other removes itself. Only leads install or remove the
 * schedule, through the menu or through google.script.run.
 */
import type { Emulator } from '../../emulator/runtime';
import type { CaseView } from '../../src/server/contract';
import { AGENT, asPerson, LEAD, registrationInput, setUpWorkbook } from '../support/workbook';

const LEAD2 = 'lead2@example.com';

function addLead(emulator: Emulator, email: string): void {
  // A lead runs setup from the spreadsheet, so the file is shared with them for editing.
  emulator.state.spreadsheet.editors.push(email);
  const settings = emulator.scriptRun<{ team: unknown[] }>('apiGetSettings', [], { user: LEAD });
  settings.team.push({ email, name: 'Второй руководитель', role: 'lead', team: 'КС' });
  emulator.scriptRun('apiSaveSettings', [settings], { user: LEAD });
}

const editTriggers = (emulator: Emulator) =>
  emulator.state.triggers.filter((t) => t.eventType === 'ON_EDIT').map((t) => t.owner);

describe('two leads, two edit triggers', () => {
  test('one typed status moves the version by 1 and writes one Events row', () => {
    const emulator = setUpWorkbook();
    addLead(emulator, LEAD2);
    // The second lead sets the workbook up too and takes the schedule over.
    emulator.run('setupWorkbook', [], { user: LEAD2, respond: () => ({ button: 'YES' }) });
    expect(editTriggers(emulator).sort()).toEqual([LEAD, LEAD2].sort());

    const c = emulator.scriptRun<CaseView>('apiRegisterCase', [registrationInput()], { user: AGENT });
    const { executions } = emulator.editCell('Кейсы', 'B2', 'В работе', AGENT);
    expect(executions.map((e) => e.error ?? 'ok')).toEqual(['ok', 'ok']);
    const after = emulator.scriptRun<CaseView>('apiGetCase', [c.id], { user: AGENT });
    expect(after).toMatchObject({ status: 'in_progress', version: 2 });
    expect(after.events?.filter((e) => e.type === 'status')).toHaveLength(1);
    // The superseded lead's trigger removed itself: the next edit runs one check.
    expect(editTriggers(emulator)).toEqual([LEAD2]);
    expect(emulator.editCell('Кейсы', 'B2', 'Ждём клиента', AGENT).executions).toHaveLength(1);
    expect(emulator.scriptRun<CaseView>('apiGetCase', [c.id], { user: AGENT })).toMatchObject({
      status: 'waiting_client',
      version: 3,
    });
  });
});

describe('two leads, two change triggers', () => {
  test('a deleted case row comes back once, and the superseded lead’s trigger removes itself', () => {
    const emulator = setUpWorkbook();
    addLead(emulator, LEAD2);
    emulator.run('setupWorkbook', [], { user: LEAD2, respond: () => ({ button: 'YES' }) });
    const changeTriggers = () => emulator.state.triggers.filter((t) => t.eventType === 'ON_CHANGE').map((t) => t.owner);
    expect(changeTriggers().sort()).toEqual([LEAD, LEAD2].sort());
    const first = emulator.scriptRun<CaseView>('apiRegisterCase', [registrationInput()], { user: AGENT });
    const second = emulator.scriptRun<CaseView>('apiRegisterCase', [registrationInput()], { user: AGENT });

    const executions = emulator.deleteRows('Кейсы', 2, 1, AGENT);

    expect(executions.map((e) => e.error ?? 'ok')).toEqual(['ok', 'ok']);
    const ids = asPerson(emulator, (ss) =>
      ss
        .getSheetByName('Кейсы')!
        .getRange('A2:A4')
        .getValues()
        .map(([id]) => id),
    );
    expect(ids).toEqual([second.id, first.id, '']);
    expect(changeTriggers()).toEqual([LEAD2]);
  });
});

describe('only leads turn the schedule on or off, however they call', () => {
  test.each(['installTriggers', 'removeTriggers', 'setupWorkbook'])('%s through google.script.run', (fn) => {
    const emulator = setUpWorkbook();
    const before = JSON.stringify(emulator.state.triggers);
    expect(() => emulator.scriptRun(fn, [], { user: AGENT })).toThrow(/^\[forbidden\] /);
    expect(JSON.stringify(emulator.state.triggers)).toBe(before);
  });

  test('the scheduled handler called by someone who does not hold the schedule runs no job', () => {
    const emulator = setUpWorkbook({ schedule: true });
    emulator.run('removeTriggers', [], { user: LEAD });
    const jobRows = () =>
      asPerson(emulator, (ss) => ss.getSheetByName('События')!.getDataRange().getValues()).filter(
        (r) => r[2] === 'job',
      );
    for (const user of [AGENT, LEAD]) {
      expect(emulator.scriptRun('runScheduled', [{ triggerUid: 'forged' }], { user })).toMatchObject({
        ran: [],
        skipped: 'superseded',
      });
    }
    expect(jobRows()).toEqual([]);
  });

  test('the edit and change handlers called by hand, with no edit, do nothing', () => {
    const emulator = setUpWorkbook();
    const before = emulator.state.spreadsheet.sheets.map((s) => JSON.stringify(s)).join();
    for (const event of [undefined, null, {}, { range: 'A1' }, { range: { getSheet: 1 } }]) {
      expect(emulator.scriptRun('onEditInstalled', [event], { user: AGENT })).toBeNull();
    }
    for (const event of [
      undefined,
      null,
      {},
      { changeType: 'REMOVE_ROW' },
      { source: 'x', changeType: 'REMOVE_ROW' },
    ]) {
      expect(emulator.scriptRun('onChangeInstalled', [event], { user: AGENT })).toBeNull();
    }
    expect(emulator.state.spreadsheet.sheets.map((s) => JSON.stringify(s)).join()).toBe(before);
  });
});
