// A hand edit of the Settings tab is saved as the sidebar saves it (docs/product.md, Integrity):
// validated, logged, and the tab's protection follows the leads it names.
import { AGENT, LEAD, asPerson, setUpWorkbook } from '../support/workbook';

type Emulator = ReturnType<typeof setUpWorkbook>;

function roleCell(emulator: Emulator, email: string): string {
  return asPerson(emulator, (ss) =>
    String(ss.getSheetByName('Настройки')?.createTextFinder(email).findNext()?.offset(0, 2).getA1Notation()),
  );
}

function lastEvent(emulator: Emulator): unknown[] {
  return asPerson(emulator, (ss) => {
    const sheet = ss.getSheetByName('События');
    return sheet?.getRange(sheet.getLastRow(), 1, 1, 4).getValues()[0] ?? [];
  });
}

function settingsEditors(emulator: Emulator): string[] {
  return asPerson(
    emulator,
    (ss) =>
      ss
        .getSheetByName('Настройки')
        ?.getProtections(SpreadsheetAppProtectionSheet())[0]
        ?.getEditors()
        .map((u) => u.getEmail()) ?? [],
  );
}

// The emulator's enum value for a sheet protection (the bundle's SpreadsheetApp is not in scope here).
function SpreadsheetAppProtectionSheet(): GoogleAppsScript.Spreadsheet.ProtectionType {
  return 'SHEET' as unknown as GoogleAppsScript.Spreadsheet.ProtectionType;
}

function withSecondLead(): Emulator {
  const emulator = setUpWorkbook();
  const settings = emulator.scriptRun<{ team: Array<{ email: string; role: string }> }>('apiGetSettings', [], {
    user: LEAD,
  });
  (settings.team.find((m) => m.email === AGENT) as { role: string }).role = 'lead';
  emulator.scriptRun('apiSaveSettings', [settings], { user: LEAD });
  return emulator;
}

describe('Settings typed by hand', () => {
  test('a lead demoted by hand loses edit rights at once, and the change is logged', () => {
    const emulator = withSecondLead();
    expect(settingsEditors(emulator)).toContain(AGENT);
    const events = asPerson(emulator, (ss) => ss.getSheetByName('События')?.getLastRow());
    emulator.editCell('Настройки', roleCell(emulator, AGENT), 'agent', LEAD);
    expect(asPerson(emulator, (ss) => ss.getSheetByName('События')?.getLastRow())).toBe((events ?? 0) + 1);
    expect(lastEvent(emulator)).toEqual([expect.any(Date), '-', 'settings', LEAD]);
    expect(settingsEditors(emulator)).not.toContain(AGENT);
    expect(() => emulator.editCell('Настройки', roleCell(emulator, AGENT), 'lead', AGENT)).toThrow(/protected/);
    expect(
      emulator
        .scriptRun<{ team: Array<{ email: string; role: string }> }>('apiGetSettings', [], { user: LEAD })
        .team.find((m) => m.email === AGENT)?.role,
    ).toBe('agent');
  });

  test('an edit that breaks Settings is put back with the reason, and nothing is logged', () => {
    const emulator = setUpWorkbook();
    const cell = roleCell(emulator, AGENT);
    const events = asPerson(emulator, (ss) => ss.getSheetByName('События')?.getLastRow());
    emulator.editCell('Настройки', cell, 'начальник', LEAD);
    const after = asPerson(emulator, (ss) => {
      const range = ss.getSheetByName('Настройки')?.getRange(cell);
      return { value: range?.getValue(), note: range?.getNote() };
    });
    expect(after).toEqual({ value: 'agent', note: expect.stringMatching(/вернул прежнее значение/) });
    expect(asPerson(emulator, (ss) => ss.getSheetByName('События')?.getLastRow())).toBe(events);
  });
});
