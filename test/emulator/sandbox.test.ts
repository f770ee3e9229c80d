/**
 * The sandbox behind `npm start`, without a browser: the google.script.run shim protocol, the
 * demo workbook (built through the API), restarts and `--fresh`, the local scheduler, and the
 * HTTP server's rules (who may call it, what the sidebar and mails are served with).
 */
import http from 'node:http';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createExecutionEnv } from '../../emulator/core/execution';
import { createMailApp } from '../../emulator/services/mail';
import { DEMO_PEOPLE } from '../../emulator/sandbox/demo';
import {
  decodeArguments,
  encodeArguments,
  injectShim,
  isShimMessage,
  isShimReply,
  parseScriptRunRequest,
  SHIM_CHANNEL,
  SHIM_CONFIG_GLOBAL,
} from '../../emulator/sandbox/protocol';
import { linksIn } from '../../emulator/sandbox/page/grid';
import { localHref } from '../../emulator/sandbox/protocol';
import { Sandbox } from '../../emulator/sandbox/sandbox';
import { startSandboxServer, type RunningSandbox } from '../../emulator/sandbox/server';
import type { CaseList, CaseView } from '../../src/server/api';
import { BUILD_DIR, writeBundle } from '../support/bundles';
import { readGeneratedTab } from '../support/workbook';

const HOUR = 3_600_000;
const LEAD = DEMO_PEOPLE.lead.email;
const folders: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'arbiter-sandbox-'));
  folders.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** A tiny add-on: a time-driven job that counts its runs, and a sidebar. */
const TOY_BUNDLE = writeBundle(
  [
    "function install() { ScriptApp.newTrigger('tick').timeBased().everyHours(1).create(); }",
    'function tick() {',
    '  var p = PropertiesService.getScriptProperties();',
    "  p.setProperty('ticks', String(Number(p.getProperty('ticks') || 0) + 1));",
    '}',
    'function echo(value) { return { value: value, at: new Date().toISOString() }; }',
    "function fail() { throw new Error('Нет такого заказа: К-0'); }",
    "function helper_() { return 'private'; }",
    "function upload() { return DriveApp.createFile(Utilities.newBlob('фото', 'image/png', 'фото.png')).getId(); }",
    "function onOpen() { SpreadsheetApp.getUi().createAddonMenu().addItem('Open', 'showSidebar').addToUi(); }",
    'function showSidebar() {',
    '  SpreadsheetApp.getUi().showSidebar(',
    "    HtmlService.createHtmlOutput('<html><head><title>x</title></head><body><script>var ok = 1;</script></body></html>')",
    "      .setTitle('Toy'));",
    '}',
  ].join('\n'),
  { timeZone: 'Europe/Moscow', runtimeVersion: 'V8' },
);

function toySandbox(options: { dataDir?: string; clockRate?: number } = {}): Sandbox {
  return new Sandbox({
    buildDir: TOY_BUNDLE,
    dataDir: options.dataDir ?? tempDir(),
    clockRate: options.clockRate ?? 0,
    spreadsheet: { name: 'Toy', locale: 'ru_RU', timeZone: 'Europe/Moscow', owner: 'lead@example.com' },
    start: Date.parse('2026-11-23T10:00:00+03:00'),
    seed: (emulator) => void emulator.run('install', [], { user: 'lead@example.com' }),
  });
}

describe('the google.script.run shim protocol', () => {
  test('arguments keep Dates and functions recognizable across JSON, so the server refuses them', () => {
    const when = new Date('2026-11-23T07:00:00Z');
    const decoded = decodeArguments(encodeArguments(['ARB-1', { n: 1, when, list: [when] }, function named() {}]));
    expect(decoded[0]).toBe('ARB-1');
    expect((decoded[1] as { when: Date }).when).toEqual(when);
    expect((decoded[1] as { list: Date[] }).list[0]).toBeInstanceOf(Date);
    expect(typeof decoded[2]).toBe('function');
    expect(() => decodeArguments('{"not":"a list"}')).toThrow(/must be a list/);
  });

  test('requests and messages are checked before anything runs', () => {
    expect(parseScriptRunRequest({ user: 'a@b.kz', functionName: 'apiGetCase', args: '[]' })).toEqual({
      user: 'a@b.kz',
      functionName: 'apiGetCase',
      args: '[]',
    });
    expect(() => parseScriptRunRequest({ functionName: 'x', args: '[]' })).toThrow(/user/);
    expect(() => parseScriptRunRequest({ user: '', functionName: 'x', args: [] })).toThrow(/args/);
    expect(isShimMessage({ channel: SHIM_CHANNEL, kind: 'run', callId: 1, functionName: 'f', args: '[]' })).toBe(true);
    expect(isShimMessage({ channel: SHIM_CHANNEL, kind: 'host.close' })).toBe(true);
    expect(isShimMessage({ channel: 'other', kind: 'host.close' })).toBe(false);
    expect(isShimMessage({ channel: SHIM_CHANNEL, kind: 'run', callId: '1', functionName: 'f', args: '[]' })).toBe(
      false,
    );
    expect(isShimReply({ channel: SHIM_CHANNEL, kind: 'result', callId: 3, ok: true, value: 1 })).toBe(true);
    expect(isShimReply({ channel: SHIM_CHANNEL, kind: 'run', callId: 3 })).toBe(false);
  });

  test('the shim goes first in <head>, and nothing in its configuration can close the script element', () => {
    const html = '<!doctype html><html><head><meta charset="utf-8"><script>app()</script></head><body></body></html>';
    const served = injectShim(
      html,
      { functionNames: ['apiGetCase'], parentOrigin: 'http://localhost:1/</script><script>alert(1)</script>' },
      'shim("</script>")',
    );
    const head = served.indexOf('<head>') + '<head>'.length;
    expect(served.slice(head).startsWith(`<script>window.${SHIM_CONFIG_GLOBAL}=`)).toBe(true);
    expect(served.indexOf('shim(')).toBeLessThan(served.indexOf('app()'));
    expect(served.match(/<\/script>/g)).toHaveLength(3); // config, shim, the page's own
    expect(served).toContain('\\u003c/script\\u003e');
    expect(served).toContain('shim("<\\/script>")');
    expect(injectShim('<p>no head</p>', { functionNames: [], parentOrigin: 'x' }, 's()')).toMatch(
      /^<script>.*<p>no head/,
    );
    expect(injectShim('<html><body></body></html>', { functionNames: [], parentOrigin: 'x' }, 's()')).toMatch(
      /^<html><head><script>.*<\/head><body>/,
    );
  });
});

describe('the demo workbook', () => {
  let sandbox: Sandbox;
  let dataDir: string;
  const api = <T>(fn: string, args: unknown[] = [], user = LEAD): T => {
    const outcome = sandbox.scriptRun({ user, functionName: fn, args: encodeArguments(args) });
    if (!outcome.ok) throw new Error(outcome.error.message);
    return outcome.value as T;
  };

  beforeAll(() => {
    dataDir = tempDir();
    sandbox = new Sandbox({ buildDir: BUILD_DIR, dataDir, clockRate: 0 });
  });

  test('is built through the API, saved in the folder and labelled as demo data', () => {
    expect(existsSync(path.join(dataDir, 'workbook.json'))).toBe(true);
    expect(sandbox.meta.demo).toBe(true);
    const snapshot = sandbox.snapshot(LEAD);
    expect(snapshot.demo).toBe(true);
    expect(snapshot.spreadsheet).toMatchObject({ name: 'Арбитр — ДЕМО', locale: 'ru_RU', timeZone: 'Asia/Almaty' });
    expect(snapshot.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(['О демо', 'Кейсы', 'События']));
    expect(snapshot.sheets.find((s) => s.active)?.name).toBe('Кейсы');
    expect(snapshot.clock.nowText).toMatch(/23 нояб\. 2026.*11:40/);
    expect(new Set(snapshot.users.map((u) => u.role))).toEqual(
      new Set(['lead', 'agent', 'owner', 'team_leader', 'viewer']),
    );
    expect(snapshot.menu?.items.map((i) => i.functionName)).toContain('showSidebar');
    // Every write was an API call or a trigger: the log holds them, none failed.
    expect(sandbox.emulator.executions.filter((e) => !e.ok)).toEqual([]);
  });

  test('shows a dashboard with figures from its cases and its Orders tab, and a week without an order count', () => {
    const dashboard = readGeneratedTab(sandbox.emulator, 'Дашборд')!;
    const row = (label: string) => dashboard.values.find((r) => r[0] === label)!.slice(1, 5);
    // 2026-W44–W47: 10 cases registered in W47 (the duplicate cancelled) per 312 + 287 + 334 + 341 orders.
    const [week, weekCases, fourWeeks, fourWeeksCases] = row('Инцидентов на 100 заказов');
    expect([week, weekCases, fourWeeksCases]).toEqual(['нет числа заказов', 1, 10]);
    expect(fourWeeks).toBeCloseTo(1000 / 1274, 10);
    // Closed in W47 with scores: the late delivery 4/7, the hinges 4/8, the countertop 5/9 (the chipped
    // door was reopened, so its 4 no longer counts).
    expect(row('CSAT (1–5), среднее').slice(2)).toEqual([13 / 3, 3]);
    expect((row('NPS (−100…100)')[2] as number).toFixed(1)).toBe('33.3');
    expect(dashboard.charts.map((c) => c.type)).toEqual(['LINE', 'BAR']);
  });

  test('holds a realistic week: open, waiting, overdue, resolved, closed with causes, cancelled, reopened', () => {
    const list = api<CaseList>('apiListCases', [{ limit: 200 }]);
    const statuses = list.items.map((c) => c.status);
    expect(new Set(statuses)).toEqual(
      new Set(['new', 'in_progress', 'waiting_client', 'resolved', 'closed', 'cancelled']),
    );
    expect(list.counts.overdue).toBeGreaterThanOrEqual(2);
    expect(list.items.some((c) => c.criticality === 'A' && c.overdue)).toBe(true);
    const closed = list.items.filter((c) => c.status === 'closed');
    expect(closed.length).toBeGreaterThanOrEqual(3);
    for (const c of closed) expect(c.rootCause).not.toBe('');
    expect(closed.filter((c) => c.criticality !== 'C').every((c) => c.prevention !== '')).toBe(true);
    expect(list.items.some((c) => c.reopenCount === 1)).toBe(true);
    expect(list.items.some((c) => (c as CaseView & { bypass?: boolean }).bypass)).toBe(true);
    const created = list.items.map((c) => Date.parse(c.createdAt)).sort((a, b) => a - b);
    expect((created[created.length - 1] ?? 0) - (created[0] ?? 0)).toBeGreaterThan(6 * 24 * HOUR);
    for (const c of list.items) expect(c.orderNo).toMatch(/^К-\d{5}$/);
  });

  test('google.script.run calls: a result, a failure as the client sees it, private and unknown names refused', () => {
    expect(api<CaseView>('apiGetCase', ['ARB-2026-00001']).orderNo).toBe('К-24791');
    const failed = sandbox.scriptRun({ user: LEAD, functionName: 'apiGetCase', args: encodeArguments(['nope']) });
    expect(failed).toMatchObject({ ok: false, error: { name: 'ScriptError' } });
    const viewer = sandbox.scriptRun({
      user: DEMO_PEOPLE.sales.email,
      functionName: 'apiRegisterCase',
      args: encodeArguments([{}]),
    });
    expect(viewer.ok ? '' : viewer.error.message).toMatch(/^\[forbidden\]/);
    const dated = sandbox.scriptRun({ user: LEAD, functionName: 'apiGetCase', args: encodeArguments([new Date()]) });
    expect(dated.ok ? '' : dated.error.message).toMatch(/Invalid argument: a Date/);
    const hidden = sandbox.scriptRun({ user: LEAD, functionName: 'eval', args: '[]' });
    expect(hidden.ok ? '' : hidden.error.message).toBe('Script function not found: eval');
  });

  test('the menu opens the real sidebar, and the selected row is the case it opens', () => {
    const shown = sandbox.runMenuItem(DEMO_PEOPLE.dina.email, 'showSidebar').shown;
    expect(shown).toMatchObject({ kind: 'sidebar', width: 300 });
    const token = shown?.path.replace('/ui/', '') ?? '';
    expect(sandbox.renderedHtml(token)?.html).toMatch(/<html/i);
    expect(sandbox.renderedHtml(token)?.user).toBe(DEMO_PEOPLE.dina.email);

    expect(sandbox.select(LEAD, 'Кейсы', 'C5')).toEqual({ ok: true });
    expect(api<{ selectedCaseId: string | null }>('apiBootstrap').selectedCaseId).toBe('ARB-2026-00004');
    expect(sandbox.snapshot(LEAD).selection).toEqual({ sheet: 'Кейсы', a1: 'C5' });
    expect(sandbox.select(LEAD, 'Нет такого листа')).toMatchObject({ ok: false });
  });

  test('a person editing a cell fires onEditInstalled; a refused edit says why', () => {
    const row = 1 + api<CaseList>('apiListCases', [{ limit: 200 }]).items.length; // not a case row
    expect(sandbox.editCell(LEAD, 'Кейсы', 'B13', 'В работе')).toMatchObject({ ok: true });
    expect(api<CaseView>('apiGetCase', ['ARB-2026-00012']).status).toBe('in_progress');
    expect(sandbox.snapshot(LEAD).grid.rows[12]?.cells[1]?.display).toBe('В работе');
    const refused = sandbox.editCell(LEAD, 'Кейсы', `B${row + 5}`, 'Неизвестный статус');
    expect(refused.ok ? (refused.warning ?? '') : (refused.error ?? '')).not.toBe('');
  });

  test('the page model: the grid with its frozen header, dropdowns and protections; triggers; executions', () => {
    const { grid, triggers, executions } = sandbox.snapshot(LEAD);
    expect(grid.name).toBe('Кейсы');
    expect(grid.frozenRows).toBe(1);
    expect(grid.rows[0]?.cells[0]).toMatchObject({ display: 'Номер', bold: true });
    expect(grid.rows[1]?.cells[1]?.validationList).toEqual(expect.arrayContaining(['Новый', 'Закрыт']));
    expect(grid.rows[1]?.cells[0]?.protected).toBe('warning');
    // Setup installed the schedule: the hourly trigger (which can be fired by hand), the edit trigger
    // and the change trigger.
    expect(triggers).toEqual([
      expect.objectContaining({ handlerFunction: 'runScheduled', canFire: true, schedule: 'каждый час' }),
      expect.objectContaining({ handlerFunction: 'onEditInstalled', canFire: false }),
      expect.objectContaining({ handlerFunction: 'onChangeInstalled', canFire: false }),
    ]);
    expect(triggers[1]?.schedule).toBe('при изменении ячейки');
    expect(executions.find((e) => e.functionName === 'onEditInstalled')).toMatchObject({
      ok: true,
      trigger: expect.stringMatching(/^ON_EDIT trigger/),
    });
    expect(executions.some((e) => e.trigger === 'sandbox (team list)')).toBe(false);
    // Each firing of the schedule in the log says what its jobs did.
    const firing = executions.find((e) => e.functionName === 'runScheduled');
    expect(firing?.trigger).toMatch(/^CLOCK trigger/);
    expect(firing?.jobs[0]).toMatch(/^✓ hourly \d{4}-\d\d-\d\dT\d\d: hourly: /);
  });

  test('a restart reopens the saved workbook; --fresh starts over with the demo', () => {
    api('apiRegisterCase', [
      {
        orderNo: 'К-30001',
        client: 'Проверка перезапуска',
        contact: '+7 701 555 0999',
        channel: 'WhatsApp',
        source: 'Обращение клиента',
        kind: 'Брак',
        summary: 'Кейс, который должен пережить перезапуск',
        criticality: 'C',
        ownerDept: 'ОТК',
      },
    ]);
    sandbox.advanceClock(2 * HOUR);
    const clock = sandbox.emulator.clock.now();

    const again = new Sandbox({ buildDir: BUILD_DIR, dataDir, clockRate: 0 });
    expect(again.emulator.clock.now()).toBe(clock);
    expect(again.meta.demo).toBe(true);
    const listed = (s: Sandbox) =>
      (
        s.scriptRun({ user: LEAD, functionName: 'apiListCases', args: encodeArguments([{ text: 'К-30001' }]) }) as {
          value: CaseList;
        }
      ).value.total;
    expect(listed(again)).toBe(1);

    const fresh = new Sandbox({ buildDir: BUILD_DIR, dataDir, clockRate: 0, fresh: true });
    expect(listed(fresh)).toBe(0);
    expect(fresh.snapshot(LEAD).clock.nowText).toMatch(/23 нояб\. 2026.*11:40/);
  });
});

describe('the local scheduler', () => {
  test('virtual time follows the wall clock and fires installed time triggers as it passes them', () => {
    const sandbox = toySandbox({ clockRate: 1 });
    const started = sandbox.emulator.clock.now();
    const [trigger] = sandbox.snapshot('lead@example.com').triggers;
    expect(trigger).toMatchObject({
      handlerFunction: 'tick',
      eventType: 'CLOCK',
      canFire: true,
      schedule: 'каждый час',
    });

    const changes: number[] = [];
    sandbox.onChange((revision) => changes.push(revision));
    expect(sandbox.tick(Date.now() + 2.5 * HOUR)).toBe(2);
    expect(sandbox.emulator.clock.now()).toBeGreaterThanOrEqual(started + 2.5 * HOUR);
    expect(sandbox.emulator.state.properties.script.ticks).toBe('2');
    expect(changes.length).toBeGreaterThan(0);

    expect(sandbox.fireTrigger(trigger?.id ?? '')).toEqual({ ok: true, ran: 1 });
    expect(sandbox.emulator.state.properties.script.ticks).toBe('3');
    expect(sandbox.fireTrigger('nope')).toMatchObject({ ok: false });
    const log = sandbox.snapshot('lead@example.com').executions;
    expect(log.filter((e) => e.functionName === 'tick')).toHaveLength(3);
  });

  test('a stopped clock moves only when advanced; a jump of a day fires the hourly trigger once', () => {
    const sandbox = toySandbox({ clockRate: 0 });
    const started = sandbox.emulator.clock.now();
    expect(sandbox.tick(Date.now() + 5 * HOUR)).toBe(0);
    expect(sandbox.emulator.clock.now()).toBe(started);
    expect(sandbox.advanceClock(24 * HOUR)).toEqual({ ok: true, ran: 1 });
    expect(sandbox.emulator.clock.now()).toBe(started + 24 * HOUR);
    expect(sandbox.advanceClock(-1)).toMatchObject({ ok: false });
  });
});

describe('the HTTP server', () => {
  let running: RunningSandbox;
  let base: string;

  beforeAll(async () => {
    running = await startSandboxServer({
      buildDir: TOY_BUNDLE,
      dataDir: tempDir(),
      port: 0,
      clockRate: 0,
      spreadsheet: { name: 'Toy', locale: 'ru_RU', timeZone: 'Europe/Moscow', owner: 'lead@example.com' },
      start: Date.parse('2026-11-23T10:00:00+03:00'),
      seed: (emulator) => void emulator.run('install', [], { user: 'lead@example.com' }),
    });
    base = running.url;
  });

  afterAll(() => running.close());

  const post = (route: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${route}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  test('serves the page under a strict CSP', async () => {
    const page = await fetch(`${base}/`);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(await page.text()).toContain('/app.js');
    const script = await fetch(`${base}/app.js`);
    expect((await script.text()).length).toBeGreaterThan(1000);
  });

  test('runs google.script.run calls as the named user', async () => {
    const ok = await post('/api/script-run', {
      user: 'lead@example.com',
      functionName: 'echo',
      args: encodeArguments([{ text: 'Привет' }]),
    });
    // A result holding a Date would arrive as null; an ISO string crosses as is.
    expect(await ok.json()).toEqual({ ok: true, value: { value: { text: 'Привет' }, at: '2026-11-23T07:00:00.000Z' } });
    const failed = await post('/api/script-run', { user: 'lead@example.com', functionName: 'fail', args: '[]' });
    expect(await failed.json()).toEqual({
      ok: false,
      error: { name: 'ScriptError', message: 'Нет такого заказа: К-0' },
    });
    const hidden = await post('/api/script-run', { user: 'lead@example.com', functionName: 'helper_', args: '[]' });
    expect(await hidden.json()).toMatchObject({ ok: false, error: { message: 'Script function not found: helper_' } });
  });

  test('refuses what another site could send: a non-JSON body, a foreign Origin, a foreign Host', async () => {
    const form = await fetch(`${base}/api/clock`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: '{"advanceMs":1}',
    });
    expect(form.status).toBe(415);
    expect((await post('/api/clock', { advanceMs: 1 }, { Origin: 'https://evil.example' })).status).toBe(403);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: running.port, path: '/api/snapshot', headers: { Host: 'evil.example' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  test('serves a sidebar with the shim first, no network allowed, framed only by the sandbox page', async () => {
    const opened = (await (
      await post('/api/menu', { user: 'lead@example.com', functionName: 'showSidebar' })
    ).json()) as {
      shown: { path: string; title: string };
    };
    expect(opened.shown.title).toBe('Toy');
    const parent = `http://localhost:${running.port}`;
    const sidebar = await fetch(`${base}${opened.shown.path}?parent=${encodeURIComponent(parent)}`);
    const csp = sidebar.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain(`frame-ancestors ${parent}`);
    const html = await sidebar.text();
    expect(html.indexOf(SHIM_CONFIG_GLOBAL)).toBeLessThan(html.indexOf('var ok = 1'));
    expect(html).toContain('"functionNames":[');
    expect(html).not.toContain('helper_');
    const foreign = await fetch(`${base}${opened.shown.path}?parent=${encodeURIComponent('https://evil.example')}`);
    expect(foreign.status).toBe(400);
    expect((await fetch(`${base}/ui/unknown?parent=${encodeURIComponent(parent)}`)).status).toBe(404);
  });

  test('serves a mail body sandboxed, and tells pages when the workbook changes', async () => {
    const { sandbox } = running;
    const env = createExecutionEnv({
      state: sandbox.emulator.state,
      clock: sandbox.emulator.clock,
      config: { outboxDir: sandbox.outboxDir },
    });
    createMailApp(env).sendEmail({ to: 'owner@example.com', subject: 'S', body: 'b', htmlBody: '<b>hi</b>' });

    const changes: string[] = [];
    const controller = new AbortController();
    const events = await fetch(`${base}/api/events`, { signal: controller.signal });
    const reader = events.body?.getReader();
    const read = (async () => {
      const decoder = new TextDecoder();
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) return;
        changes.push(decoder.decode(chunk.value));
        if (changes.join('').match(/event: changed/g)?.length === 2) return;
      }
    })();
    await post('/api/clock', { advanceMs: 60_000 });
    await read;
    controller.abort();
    expect(changes.join('')).toMatch(/event: changed\ndata: \d+/);

    const snapshot = (await (await fetch(`${base}/api/snapshot?user=lead@example.com`)).json()) as {
      outbox: Array<{ bodyUrl: string; emlUrl: string }>;
    };
    const mail = snapshot.outbox[0];
    const body = await fetch(`${base}${mail?.bodyUrl ?? ''}`);
    expect(body.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
    expect(await body.text()).toBe('<b>hi</b>');
    const eml = await fetch(`${base}${mail?.emlUrl ?? ''}`);
    expect(eml.headers.get('content-type')).toBe('message/rfc822');
    expect((await fetch(`${base}/outbox/..%2Fworkbook.json`)).status).toBe(404);
  });

  test('serves the files the emulated Drive keeps, sandboxed', async () => {
    const uploaded = (await (
      await post('/api/script-run', { user: 'lead@example.com', functionName: 'upload', args: '[]' })
    ).json()) as { value: string };
    const file = await fetch(`${base}/drive/${uploaded.value}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('content-security-policy')).toMatch(/^sandbox/);
    expect(await file.text()).toBe('фото');
    expect((await fetch(`${base}/drive/no-such-file`)).status).toBe(404);
    // The grid opens a Drive link from a cell with the sandbox's copy; other links stay as they are.
    expect(localHref(`https://drive.google.com/file/d/${uploaded.value}/view`)).toBe(`/drive/${uploaded.value}`);
    expect(linksIn('https://a.example/1.jpg, javascript:alert(1) https://b.example/2.mp4')).toEqual([
      'https://a.example/1.jpg',
      'https://b.example/2.mp4',
    ]);
  });
});
