import { newEmulator } from '../support/emulator';

describe('the add-on menu and the sidebar, through the built bundle', () => {
  test('onOpen in AuthMode.NONE builds the add-on menu and touches nothing else', () => {
    const emulator = newEmulator();
    const result = emulator.run('onOpen', [], { authMode: 'NONE', locale: 'ru', event: () => ({ authMode: 'NONE' }) });
    expect(emulator.state.ui.addonMenu?.items.map((i) => i.caption)).toEqual([
      'Открыть Арбитр',
      'Настроить таблицу',
      'Запустить проверку сейчас',
      'Запустить сводку сейчас',
      'Запустить отчёт сейчас',
      'Запустить итоги месяца',
      'Включить расписание',
      'Отключить расписание',
      'Обновить дашборд',
    ]);
    // Only the menu: no sheet read, no property, no mail.
    expect(result.meter.byKind['sheets.read']).toBe(0);
    expect(result.meter.byKind['properties.read']).toBe(0);
  });

  test('the menu speaks English to an English-speaking user', () => {
    const emulator = newEmulator();
    emulator.openDocument('lead@example.com', 'LIMITED');
    emulator.run('onOpen', [], { locale: 'en', authMode: 'LIMITED' });
    expect(emulator.state.ui.addonMenu?.items.map((i) => i.caption)).toEqual([
      'Open Arbiter',
      'Set up the workbook',
      'Run the hourly check now',
      'Run the daily digest now',
      'Run the weekly report now',
      'Run the monthly summary now',
      'Turn the schedule on',
      'Turn the schedule off',
      'Refresh the dashboard',
    ]);
  });

  test('onInstall builds the same menu', () => {
    const emulator = newEmulator();
    emulator.run('onInstall', [], { authMode: 'FULL', event: () => ({ authMode: 'FULL' }) });
    expect(emulator.state.ui.addonMenu?.items.length).toBeGreaterThan(0);
  });

  test('every menu item calls a top-level function of the bundle', () => {
    const emulator = newEmulator();
    emulator.openDocument();
    const items = emulator.state.ui.addonMenu?.items ?? [];
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(emulator.functionNames).toContain(item.functionName);
  });

  test('showSidebar shows build/sidebar.html at 300 px, titled in the spreadsheet language', () => {
    const ru = newEmulator({ spreadsheet: { locale: 'ru_RU' } }).run('showSidebar');
    expect(ru.output.shown).toHaveLength(1);
    expect(ru.output.shown[0]).toMatchObject({ kind: 'sidebar', width: 300, title: 'Арбитр — инциденты' });
    expect(ru.output.shown[0]?.html).toContain('<main id="app"');

    const en = newEmulator({ spreadsheet: { locale: 'en_US' } }).run('showSidebar', [], { locale: 'ru' });
    expect(en.output.shown[0]?.title).toBe('Arbiter — incidents');
  });

  test('showSidebar needs the container UI scope the manifest declares', () => {
    const emulator = newEmulator();
    const result = emulator.execute('showSidebar', [], { authMode: 'NONE' });
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/permission/i);
  });
});
