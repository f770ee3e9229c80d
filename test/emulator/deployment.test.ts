/**
 * Where an installed time-driven trigger runs (docs/architecture.md, The emulator): in a script
 * bound to the spreadsheet it runs in the document's context; in a published editor add-on it
 * has no containing document, so getActiveSpreadsheet() and the document-scoped services are
 * null and the script opens the spreadsheet by id (which needs the full spreadsheets scope).
 */
import { Emulator } from '../../emulator/runtime';
import { writeBundle } from '../support/bundles';

const SCOPES = [
  'https://www.googleapis.com/auth/script.scriptapp',
  'https://www.googleapis.com/auth/script.send_mail',
  'https://www.googleapis.com/auth/script.container.ui',
];
const CURRENT_ONLY = 'https://www.googleapis.com/auth/spreadsheets.currentonly';
const ALL_SHEETS = 'https://www.googleapis.com/auth/spreadsheets';

const CODE = `
function install() {
  ScriptApp.newTrigger('tick').timeBased().everyHours(1).create();
  PropertiesService.getUserProperties().setProperty('id', SpreadsheetApp.getActiveSpreadsheet().getId());
}
function tick(e) {
  var seen = {
    active: SpreadsheetApp.getActiveSpreadsheet() === null ? 'null' : 'spreadsheet',
    documentLock: LockService.getDocumentLock() === null ? 'null' : 'lock',
    documentProperties: PropertiesService.getDocumentProperties() === null ? 'null' : 'properties',
    documentCache: CacheService.getDocumentCache() === null ? 'null' : 'cache',
    scriptLock: LockService.getScriptLock().tryLock(1000),
    userLock: LockService.getUserLock().tryLock(1000),
    triggerUid: typeof e.triggerUid,
  };
  var id = PropertiesService.getUserProperties().getProperty('id');
  try { seen.byId = SpreadsheetApp.openById(id).getName(); } catch (err) { seen.byId = String(err.message || err); }
  var p = PropertiesService.getScriptProperties();
  p.setProperty('seen', JSON.stringify(seen));
  p.setProperty('ticks', String(Number(p.getProperty('ticks') || 0) + 1));
}
function ui() { SpreadsheetApp.getUi(); }
function installReport() { ScriptApp.newTrigger('report').timeBased().everyHours(1).create(); }
function report() { SpreadsheetApp.openById(PropertiesService.getUserProperties().getProperty('id') || SpreadsheetApp.getActive().getId()).insertSheet('Report ' + Date.now()); }
`;

function emulator(deployment: 'bound' | 'addon', sheetsScope = ALL_SHEETS): Emulator {
  const dir = writeBundle(CODE, {
    runtimeVersion: 'V8',
    timeZone: 'Europe/Moscow',
    oauthScopes: [...SCOPES, sheetsScope],
  });
  return new Emulator({ buildDir: dir, deployment, now: new Date('2026-11-23T04:30:00Z') });
}

function seen(e: Emulator): Record<string, unknown> {
  return JSON.parse(e.state.properties.script.seen ?? '{}') as Record<string, unknown>;
}

describe('an installed time trigger, bound script or published add-on', () => {
  test('bound: the trigger runs in its document: active spreadsheet, document lock, properties and cache', () => {
    const e = emulator('bound');
    e.run('install');
    e.advanceClock(3_600_000);
    expect(seen(e)).toMatchObject({
      active: 'spreadsheet',
      documentLock: 'lock',
      documentProperties: 'properties',
      documentCache: 'cache',
      triggerUid: 'string',
    });
  });

  test('add-on: no active spreadsheet, no document lock, properties or cache; script and user locks work', () => {
    const e = emulator('addon');
    e.run('install');
    e.advanceClock(3_600_000);
    expect(seen(e)).toEqual({
      active: 'null',
      documentLock: 'null',
      documentProperties: 'null',
      documentCache: 'null',
      scriptLock: true,
      userLock: true,
      triggerUid: 'string',
      byId: e.state.spreadsheet.name,
    });
  });

  test('add-on: what is not a time trigger (a menu item, the sidebar) still runs in the document', () => {
    const e = emulator('addon');
    expect(e.execute('ui').ok).toBe(true);
    e.run('install');
    const trigger = e.state.triggers[0]!;
    // The same function run by hand from the menu sees its document.
    e.run('tick', [{ triggerUid: trigger.id }]);
    expect(seen(e)).toMatchObject({ active: 'spreadsheet', documentLock: 'lock' });
  });

  test('opening the spreadsheet by id needs the full spreadsheets scope: currentonly does not allow it', () => {
    const e = emulator('addon', CURRENT_ONLY);
    e.run('install');
    e.advanceClock(3_600_000);
    expect(String(seen(e).byId)).toMatch(/not sufficient to call SpreadsheetApp.openById/);
  });
});

test('a sheet a time trigger inserts does not change the tab the people at the spreadsheet see', () => {
  const e = emulator('bound');
  e.run('installReport');
  const before = e.state.spreadsheet.activeSheetId;
  e.advanceClock(3_600_000);
  expect(e.state.spreadsheet.sheets.some((sh) => sh.name.startsWith('Report'))).toBe(true);
  expect(e.state.spreadsheet.activeSheetId).toBe(before);
  // Run from the menu, the same insertion activates the new sheet, as Sheets does.
  e.run('report');
  expect(e.state.spreadsheet.activeSheetId).not.toBe(before);
});

describe('the scheduler: one firing per hour passed; a jump fires what it missed once', () => {
  const HOUR = 3_600_000;

  test('time passing fires an hourly trigger once per hour, at the top of each hour', () => {
    const e = emulator('bound');
    e.run('install');
    const ran = e.advanceClock(5 * HOUR);
    expect(ran.map((r) => r.startedAt)).toEqual([5, 6, 7, 8, 9].map((h) => Date.parse(`2026-11-23T0${h}:00:00Z`)));
  });

  test('a jump of a day fires once, when the clock lands, and the next firing is the next hour', () => {
    const e = emulator('addon');
    e.run('install');
    const ran = e.advanceClock(24 * HOUR, { missed: 'once' });
    expect(ran).toHaveLength(1);
    expect(ran[0]?.startedAt).toBe(Date.parse('2026-11-24T04:30:00Z'));
    expect(e.state.triggers[0]?.nextRunAt).toBe(Date.parse('2026-11-24T05:00:00Z'));
    expect(e.state.properties.script.ticks).toBe('1');
  });

  test('a jump that passes no firing fires nothing', () => {
    const e = emulator('bound');
    e.run('install');
    expect(e.advanceClock(10 * 60_000, { missed: 'once' })).toHaveLength(0);
  });
});
