/**
 * What binds a job on Apps Script, modelled by the runtime: the daily "Triggers total runtime"
 * quota (90 minutes on a consumer account, 6 hours on Workspace; reset 24 hours after the first
 * request) and a trigger whose creator lost edit access. Quotas page:
 * https://developers.google.com/apps-script/guides/services/quotas; installable triggers run as
 * their creator: https://developers.google.com/apps-script/guides/triggers/installable
 */
import { Emulator, TRIGGER_RUNTIME_EXCEEDED } from '../../emulator/runtime';
import { writeBundle } from '../support/bundles';

const MANIFEST = {
  runtimeVersion: 'V8',
  timeZone: 'UTC',
  oauthScopes: [
    'https://www.googleapis.com/auth/script.scriptapp',
    'https://www.googleapis.com/auth/spreadsheets.currentonly',
  ],
};

// Each firing works ten minutes of modelled time (two five-minute sleeps, the longest Apps Script allows).
const CODE = `
function install() { ScriptApp.newTrigger('work').timeBased().everyHours(1).create(); }
function installEdit() { ScriptApp.newTrigger('onEdited').forSpreadsheet(SpreadsheetApp.getActive()).onEdit().create(); }
function work() {
  Utilities.sleep(300000);
  Utilities.sleep(300000);
  SpreadsheetApp.getActive().getSheets()[0].appendRow([new Date()]);
}
function onEdited(e) { e.source.getSheets()[0].getRange('Z1').setValue('seen'); }
`;

const HOUR = 3_600_000;
const OWNER = 'owner@example.com';
const AGENT = 'agent@example.com';

function emulator(accountKind: 'consumer' | 'workspace' = 'consumer'): Emulator {
  return new Emulator({
    buildDir: writeBundle(CODE, MANIFEST),
    now: new Date('2026-11-23T00:30:00Z'),
    accountKind,
    spreadsheet: { owner: OWNER, editors: [AGENT] },
  });
}

describe("a trigger's daily runtime quota", () => {
  test("on a consumer account, 90 minutes of trigger runtime a day: the firing after that fails with Apps Script's message and runs nothing", () => {
    const e = emulator('consumer');
    e.run('install', [], { user: OWNER });
    const runs = e.advanceClock(12 * HOUR);
    const ok = runs.filter((r) => r.ok);
    const refused = runs.filter((r) => !r.ok);
    // Nine ten-minute runs reach 90 minutes; every firing after them is refused.
    expect(ok).toHaveLength(9);
    expect(refused).toHaveLength(3);
    expect(refused.every((r) => r.error === TRIGGER_RUNTIME_EXCEEDED)).toBe(true);
    expect(refused.every((r) => r.meter.calls['Sheet.appendRow'] === undefined)).toBe(true);
    expect(e.state.spreadsheet.sheets[0]!.rows.length).toBe(9);
  });

  test('the quota resets 24 hours after the first run of the window', () => {
    const e = emulator('consumer');
    e.run('install', [], { user: OWNER });
    const day = e.advanceClock(24 * HOUR);
    const firstRun = day[0]!.startedAt;
    expect(day.filter((r) => r.ok)).toHaveLength(9);
    const next = e.advanceClock(HOUR); // the firing 24 hours after the window's first run
    expect(next[0]!.startedAt).toBe(firstRun + 24 * HOUR);
    expect(next[0]!.ok).toBe(true);
  });

  test('a Workspace account has 6 hours: a day of hourly ten-minute runs fits', () => {
    const e = emulator('workspace');
    e.run('install', [], { user: OWNER });
    const runs = e.advanceClock(24 * HOUR);
    expect(runs).toHaveLength(24);
    expect(runs.every((r) => r.ok)).toBe(true);
  });

  test("the quota is the trigger creator's: a person running the same function by hand is not counted nor stopped", () => {
    const e = emulator('consumer');
    e.run('install', [], { user: OWNER });
    e.advanceClock(10 * HOUR);
    expect(e.execute('work', [], { user: OWNER }).ok).toBe(true);
  });
});

describe('a trigger whose creator lost edit access', () => {
  test('the time trigger still fires, as its creator, and fails at its first spreadsheet call', () => {
    const e = emulator();
    e.run('install', [], { user: AGENT });
    e.state.spreadsheet.editors = [];
    const [run] = e.advanceClock(HOUR);
    expect(run).toMatchObject({ functionName: 'work', user: AGENT, ok: false });
    expect(run!.error).toBe('You do not have permission to access the requested document.');
    expect(e.state.spreadsheet.sheets[0]!.rows).toEqual([]);
  });

  test("an edit trigger installed by a removed editor fires on a person's edit and writes nothing", () => {
    const e = emulator();
    e.run('installEdit', [], { user: AGENT });
    e.state.spreadsheet.editors = [];
    const { executions } = e.editCell(e.state.spreadsheet.sheets[0]!.name, 'A1', 'typed', OWNER);
    expect(executions).toHaveLength(1);
    expect(executions[0]).toMatchObject({
      ok: false,
      error: 'You do not have permission to access the requested document.',
    });
  });

  test('while the creator can edit, the same triggers run', () => {
    const e = emulator();
    e.run('install', [], { user: AGENT });
    expect(e.advanceClock(HOUR)[0]!.ok).toBe(true);
  });
});
