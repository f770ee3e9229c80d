import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { UiResponder } from '../../emulator/core/env';
import { ALL_SCOPES_FOR_TESTS, createExecutionEnv, type ExecutionEnvOptions } from '../../emulator/core/execution';
import { createServiceGlobals, createUi } from '../../emulator/services';

let buildDir: string;
beforeAll(() => {
  buildDir = mkdtempSync(path.join(tmpdir(), 'arbiter-build-'));
  writeFileSync(path.join(buildDir, 'sidebar.html'), '<h1>Arbiter</h1>');
  writeFileSync(path.join(buildDir, 'digest.html'), '<ul><? for (const c of cases) { ?><li><?= c ?></li><? } ?></ul>');
});
afterAll(() => rmSync(buildDir, { recursive: true, force: true }));

function run(options: ExecutionEnvOptions = {}) {
  const env = createExecutionEnv({ config: { buildDir }, ...options });
  return { env, ui: createUi(env), ...createServiceGlobals(env) };
}

describe('HtmlService (https://developers.google.com/apps-script/guides/html/templates)', () => {
  test('<?= ?> prints HTML-escaped, <?!= ?> prints as is; variables are properties of the template', () => {
    const { HtmlService } = run();
    const template = HtmlService.createTemplate('<p><?= name ?></p><div><?!= name ?></div>');
    template.name = `<b>"Tom" & 'Jerry'</b>`;
    expect(template.evaluate().getContent()).toBe(
      `<p>&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;</p><div><b>"Tom" & 'Jerry'</b></div>`,
    );
  });

  test('<? code ?> scriptlets wrap the markup between them', () => {
    const { HtmlService } = run();
    const template = HtmlService.createTemplateFromFile('digest');
    template.cases = ['A-1', '<script>'];
    expect(template.evaluate().getContent()).toBe('<ul><li>A-1</li><li>&lt;script&gt;</li></ul>');
  });

  test('template code sees its variables and nothing of the host', () => {
    const { HtmlService } = run();
    const template = HtmlService.createTemplate('<?= typeof require ?>/<?= typeof process ?>/<?= typeof x ?>');
    template.x = 1;
    expect(template.evaluate().getContent()).toBe('undefined/undefined/number');
    expect(template.getRawContent()).toBe('<?= typeof require ?>/<?= typeof process ?>/<?= typeof x ?>');
  });

  test('files are read from the build folder, with or without .html; a missing one throws', () => {
    const { HtmlService } = run();
    expect(HtmlService.createHtmlOutputFromFile('sidebar').getContent()).toBe('<h1>Arbiter</h1>');
    expect(HtmlService.createHtmlOutputFromFile('sidebar.html').getContent()).toBe('<h1>Arbiter</h1>');
    expect(() => HtmlService.createHtmlOutputFromFile('Nope')).toThrow('No HTML file named Nope was found.');
    expect(() => HtmlService.createTemplateFromFile('Nope')).toThrow('No HTML file named Nope was found.');
  });

  test('HtmlOutput keeps title, size and content; appendUntrusted escapes', () => {
    const { HtmlService } = run();
    const output = HtmlService.createHtmlOutput('<p>')
      .append('<i>x</i>')
      .appendUntrusted('<i>y</i>')
      .setTitle('Arbiter')
      .setWidth(480)
      .setHeight(320)
      .setSandboxMode(HtmlService.SandboxMode.IFRAME);
    expect(output.getContent()).toBe('<p><i>x</i>&lt;i&gt;y&lt;/i&gt;');
    expect([output.getTitle(), output.getWidth(), output.getHeight()]).toEqual(['Arbiter', 480, 320]);
    const template = HtmlService.createHtmlOutput('<?= 1 + 1 ?>').asTemplate();
    expect(template.evaluate().getContent()).toBe('2');
  });
});

describe('Ui (https://developers.google.com/apps-script/reference/base/ui)', () => {
  test('an add-on menu and custom menus are recorded in the state', () => {
    const { env, ui } = run();
    ui.createAddonMenu()
      .addItem('Open Arbiter', 'showSidebar')
      .addSeparator()
      .addSubMenu(ui.createMenu('Admin').addItem('Set up workbook', 'setupWorkbook'))
      .addToUi();
    expect(env.state.ui.addonMenu).toEqual({
      caption: 'Arbiter',
      items: [
        { caption: 'Open Arbiter', functionName: 'showSidebar' },
        { caption: '', separator: true },
        {
          caption: 'Admin',
          subMenu: { caption: 'Admin', items: [{ caption: 'Set up workbook', functionName: 'setupWorkbook' }] },
        },
      ],
    });
    ui.createMenu('Tools').addItem('One', 'one').addToUi();
    ui.createMenu('Tools').addItem('Two', 'two').addToUi();
    expect(env.state.ui.menus).toEqual([{ caption: 'Tools', items: [{ caption: 'Two', functionName: 'two' }] }]);
  });

  test('menus work in AuthMode.NONE; showing a sidebar needs LIMITED', () => {
    const { env, ui, HtmlService } = run({ authMode: 'NONE' });
    expect(() => ui.createAddonMenu().addItem('Open', 'showSidebar').addToUi()).not.toThrow();
    expect(env.state.ui.addonMenu?.items).toHaveLength(1);
    expect(() => ui.showSidebar(HtmlService.createHtmlOutput('x'))).toThrow(/Ui\.showSidebar in AuthMode\.NONE/);
    expect(env.output.shown).toEqual([]);
  });

  test('without the container.ui scope even a menu is refused', () => {
    const { ui } = run({ scopes: ALL_SCOPES_FOR_TESTS.filter((s) => !s.endsWith('script.container.ui')) });
    expect(() => ui.createMenu('Tools')).toThrow(
      'Specified permissions are not sufficient to call Ui.createMenu. Required permissions: https://www.googleapis.com/auth/script.container.ui',
    );
  });

  test('a sidebar is 300 px wide whatever its width; dialogs keep theirs and take a title', () => {
    const { env, ui, HtmlService } = run({ authMode: 'LIMITED' });
    ui.showSidebar(HtmlService.createHtmlOutput('<b>side</b>').setTitle('Arbiter').setWidth(500));
    ui.showModalDialog(HtmlService.createHtmlOutput('<b>dialog</b>').setWidth(640).setHeight(200), 'Case 17');
    expect(env.output.shown).toEqual([
      { kind: 'sidebar', title: 'Arbiter', width: 300, height: 400, html: '<b>side</b>' },
      { kind: 'modal', title: 'Case 17', width: 640, height: 200, html: '<b>dialog</b>' },
    ]);
    expect(env.meter.snapshot().calls['Ui.showSidebar']).toBe(1);
  });

  test('alert asks env.respond, returns the Button, and is recorded', () => {
    const respond: UiResponder = (dialog) => ({ button: dialog.buttons === 'YES_NO' ? 'NO' : 'OK' });
    const { env, ui } = run({ respond });
    expect(ui.alert('Close case 17?', 'It has no root cause.', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
    expect(ui.alert('Saved')).toBe(ui.Button.OK);
    expect(env.output.alerts).toEqual([
      { title: 'Close case 17?', prompt: 'It has no root cause.', buttons: 'YES_NO', answer: 'NO' },
      { title: '', prompt: 'Saved', buttons: 'OK', answer: 'OK' },
    ]);
  });

  test('prompt returns what the person typed; an answer outside the button set is a test bug', () => {
    const { env, ui } = run({ respond: () => ({ button: 'OK', text: 'QC' }) });
    const response = ui.prompt('Department?', ui.ButtonSet.OK_CANCEL);
    expect(response.getResponseText()).toBe('QC');
    expect(response.getSelectedButton()).toBe(ui.Button.OK);
    expect(env.output.alerts[0]).toMatchObject({ prompt: 'Department?', answer: 'OK', text: 'QC' });
    const wrong = run({ respond: () => ({ button: 'YES' }) });
    expect(() => wrong.ui.alert('Saved')).toThrow(/UiResponder answered YES to a dialog with buttons OK/);
  });
});
