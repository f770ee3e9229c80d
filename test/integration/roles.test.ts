/**
 * The role `leader` was renamed `team_leader` (a sales team's leader). A Settings tab written
 * before the rename, or by a person who types the old name or a label, still reads as the role.
 */
import { failure } from '../support/failure';
import { asPerson, LEAD, setUpWorkbook, VIEWER } from '../support/workbook';

describe('a role cell in the Settings tab', () => {
  test.each([
    ['leader', 'team_leader'],
    ['Руководитель', 'team_leader'],
    ['Leader', 'team_leader'],
    ['team_leader', 'team_leader'],
    ['Руководитель команды продаж', 'team_leader'],
    ['Sales team leader', 'team_leader'],
    [' Специалист КС ', 'agent'],
    ['CS LEAD', 'lead'],
  ])('«%s» reads as %s', (cell, role) => {
    const emulator = setUpWorkbook();
    const roleCell = asPerson(emulator, (ss) =>
      ss.getSheetByName('Настройки')?.createTextFinder(VIEWER).findNext()?.offset(0, 2).getA1Notation(),
    );
    emulator.editCell('Настройки', String(roleCell), cell, LEAD);
    const boot = emulator.scriptRun<{ role: string; enums: { roles: Array<{ code: string; label: string }> } }>(
      'apiBootstrap',
      [],
      { user: VIEWER },
    );
    expect(boot.role).toBe(role);
    expect(boot.enums.roles.find((r) => r.code === 'team_leader')?.label).toBe('Руководитель команды продаж');
  });

  test('an unknown role is still refused at its cell', () => {
    const emulator = setUpWorkbook();
    const roleCell = asPerson(emulator, (ss) =>
      ss.getSheetByName('Настройки')?.createTextFinder(VIEWER).findNext()?.offset(0, 2).getA1Notation(),
    );
    emulator.editCell('Настройки', String(roleCell), 'king', LEAD);
    const typed = asPerson(emulator, (ss) => ss.getSheetByName('Настройки')?.getRange(String(roleCell)));
    expect(typed?.getValue()).toBe('viewer');
    expect(typed?.getNote()).toContain(
      `ячейка ${roleCell}: Неизвестная роль «king»: agent, lead, owner, team_leader или viewer.`,
    );
    // Written while no edit trigger watched, it is refused at its cell by every call.
    asPerson(emulator, (ss) => ss.getSheetByName('Настройки')?.getRange(String(roleCell)).setValue('king'));
    emulator.clock.advance(11 * 60_000);
    expect(failure(() => emulator.scriptRun('apiBootstrap', [], { user: VIEWER }))).toContain(
      `ячейка ${roleCell}: Неизвестная роль «king»: agent, lead, owner, team_leader или viewer.`,
    );
  });
});
