import { Emulator } from '../../emulator/runtime';
import { writeBundle } from '../support/bundles';

const MANIFEST = {
  runtimeVersion: 'V8',
  timeZone: 'Europe/Moscow',
  oauthScopes: [
    'https://www.googleapis.com/auth/script.scriptapp',
    'https://www.googleapis.com/auth/spreadsheets.currentonly',
    'https://www.googleapis.com/auth/script.container.ui',
  ],
};

const CODE = `
function install() { ScriptApp.newTrigger('tick').timeBased().everyHours(1).create(); }
function installDaily() { ScriptApp.newTrigger('daily').timeBased().everyDays(1).atHour(9).create(); }
function tick(e) {
  var p = PropertiesService.getScriptProperties();
  p.setProperty('ticks', String(Number(p.getProperty('ticks') || 0) + 1));
  p.setProperty('lastTick', new Date().toISOString());
  p.setProperty('authMode', String(e.authMode));
}
function daily() {
  var p = PropertiesService.getScriptProperties();
  p.setProperty('daily', (p.getProperty('daily') || '') + new Date().toISOString() + ' ');
}
function mail() { MailApp.sendEmail('a@example.com', 's', 'b'); }
function edit(e) { PropertiesService.getScriptProperties().setProperty('edited', e.range.getA1Notation() + '=' + e.value + ' by ' + e.user.getEmail()); }
function installEdit() { ScriptApp.newTrigger('edit').forSpreadsheet(SpreadsheetApp.getActive()).onEdit().create(); }
function change(e) { PropertiesService.getScriptProperties().setProperty('changed', e.changeType + ' by ' + e.user.getEmail() + ' in ' + e.source.getName() + ', range ' + e.range + ', ' + e.authMode); }
function installChange() { ScriptApp.newTrigger('change').forSpreadsheet(SpreadsheetApp.getActive()).onChange().create(); }
`;

function emulator(): Emulator {
  // 2026-11-23 07:30 Moscow (04:30 UTC).
  return new Emulator({ buildDir: writeBundle(CODE, MANIFEST), now: new Date('2026-11-23T04:30:00Z') });
}

describe('the runtime fires installed triggers as the virtual clock passes them', () => {
  test('an hourly trigger fires at the top of each hour, each run at its own moment', () => {
    const e = emulator();
    e.run('install');
    const ran = e.advanceClock(3 * 3_600_000); // 07:30 → 10:30 Moscow
    expect(ran.map((r) => r.functionName)).toEqual(['tick', 'tick', 'tick']);
    expect(ran.every((r) => r.ok)).toBe(true);
    const props = e.state.properties.script;
    expect(props.ticks).toBe('3');
    expect(props.lastTick).toBe('2026-11-23T07:00:00.000Z'); // 10:00 Moscow
    expect(props.authMode).toBe('FULL');
    expect(e.clock.now()).toBe(Date.parse('2026-11-23T07:30:00Z'));
  });

  test('a daily trigger fires at its hour in the script time zone, once a day', () => {
    const e = emulator();
    e.run('installDaily');
    e.advanceClock(2 * 86_400_000);
    expect(e.state.properties.script.daily).toBe('2026-11-23T06:00:00.000Z 2026-11-24T06:00:00.000Z ');
  });

  test('an add-on may hold only one time-driven trigger per document (so jobs share one)', () => {
    const e = emulator();
    e.run('install');
    expect(e.execute('installDaily').error).toMatch(/too many time-based triggers/);
  });

  test('a person editing a cell fires the installed onEdit with the event object', () => {
    const e = emulator();
    e.run('installEdit', [], { user: 'lead@example.com' });
    const { executions } = e.editCell(e.state.spreadsheet.sheets[0]?.name ?? '', 'B3', 'привет', 'agent@example.com');
    expect(executions.map((x) => x.ok)).toEqual([true]);
    expect(e.state.properties.script.edited).toBe('B3=привет by agent@example.com');
  });

  test('a person deleting rows fires the installed onChange with REMOVE_ROW and no range', () => {
    const e = emulator();
    e.run('installChange', [], { user: 'lead@example.com' });
    const sheet = e.state.spreadsheet.sheets[0];
    const rows = sheet?.maxRows ?? 0;
    const executions = e.deleteRows(sheet?.name ?? '', 2, 2, 'agent@example.com');
    expect(executions.map((x) => x.ok)).toEqual([true]);
    expect(e.state.spreadsheet.sheets[0]?.maxRows).toBe(rows - 2);
    expect(e.state.properties.script.changed).toMatch(/^REMOVE_ROW by agent@example.com in .*, range undefined, FULL$/);
  });

  test('a service whose scope the manifest does not declare is refused, as Apps Script does', () => {
    const result = emulator().execute('mail');
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/^Specified permissions are not sufficient to call MailApp.sendEmail/);
  });

  test('every execution reports its service calls', () => {
    const e = emulator();
    const result = e.run('install');
    expect(result.meter.calls['ScriptApp.newTrigger']).toBe(1);
    expect(e.executions.at(-1)).toMatchObject({ functionName: 'install', ok: true });
  });
});
