/**
 * Browser tests: the sandbox server in-process on a free port, over a fresh temporary data folder
 * (never the developer's .arbiter/), and Debian's Chromium driven by playwright-core.
 *
 * Chromium: /usr/bin/chromium (CHROMIUM_PATH to change). Without it the tests are skipped with a
 * message, except under CI, where they fail: CI must run them (.ci/run installs it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type FrameLocator,
  type Locator,
  type Page,
} from 'playwright-core';
import { startSandboxServer, type RunningSandbox } from '../../emulator/sandbox/server';
import { BUILD_DIR } from '../support/bundles';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS_DIR = path.join(__dirname, 'artifacts');

/** How the suite should run here: 'run', 'skip' (no browser, not CI) or 'fail' (no browser under CI). */
export function browserMode(): 'run' | 'skip' | 'fail' {
  if (existsSync(CHROMIUM_PATH)) return 'run';
  return process.env.CI ? 'fail' : 'skip';
}

export const MISSING_BROWSER =
  `Chromium is not installed at ${CHROMIUM_PATH}: the browser tests need it ` +
  '(apt-get update && apt-get install -y chromium; .ci/run does this).';

export interface Session {
  server: RunningSandbox;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every dialog (alert, confirm, prompt) any frame opened: a test of safe rendering expects none. */
  dialogs: string[];
  /** Uncaught errors of the page and its frames. */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openSandbox(): Promise<Session> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'arbiter-e2e-'));
  // The clock stands still: the test moves it, so what it sees does not depend on how fast it runs.
  const server = await startSandboxServer({ buildDir: BUILD_DIR, dataDir, port: 0, clockRate: 0 });
  const { process: browserProcess, wsEndpoint } = await launchBrowserServer();
  const browser = await chromium.connect(wsEndpoint);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ru-RU' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(server.url);
  await page.locator('[data-testid="grid"] td[data-a1="A1"]').waitFor();
  return {
    server,
    browser,
    context,
    page,
    dialogs,
    pageErrors,
    async close() {
      await browser.close().catch(() => undefined);
      browserProcess.stdin?.end();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Chromium in a child process (see browser-server.mjs for why), and where to connect to it. */
async function launchBrowserServer(): Promise<{ process: ChildProcess; wsEndpoint: string }> {
  const child = spawn(process.execPath, [path.join(__dirname, 'browser-server.mjs')], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, CHROMIUM_PATH },
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const wsEndpoint = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('ws://'));
      if (line) resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`Chromium did not start (exit ${code}): ${errors.trim()}`)));
    child.once('error', reject);
  });
  return { process: child, wsEndpoint };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, name);
  await page.screenshot({ path: file });
  return file;
}

export function sidebar(page: Page): FrameLocator {
  return page.frameLocator('[data-testid="sidebar-frame"]');
}

export function byTestId(scope: Page | FrameLocator | Locator, id: string): Locator {
  return scope.locator(`[data-testid="${id}"]`);
}

/** The grid cell showing exactly `text` in column `column` (a letter), on the sheet shown. */
export function gridCellWithText(page: Page, column: string, text: string): Locator {
  return page
    .locator(`[data-testid="grid"] td[data-a1^="${column}"]`)
    .filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });
}

/**
 * Fills a sidebar field by its test id, whatever control the sidebar chose for it: a text input
 * or textarea, a <select> (by label or value), a checkbox, or a group of radios
 * (`field-<name>-<value>`).
 */
export async function fillField(frame: FrameLocator, name: string, value: string | boolean): Promise<void> {
  const field = byTestId(frame, `field-${name}`);
  if ((await field.count()) === 0) {
    await byTestId(frame, `field-${name}-${String(value)}`).check();
    return;
  }
  const tag = await field.evaluate((el) => el.tagName.toLowerCase());
  const type = await field.evaluate((el) => (el as HTMLInputElement).type ?? '');
  if (tag === 'select') {
    // By value, else by the exact label, else by the first label that starts with the text.
    const text = String(value);
    const options = await field
      .locator('option')
      .evaluateAll((els) =>
        els.map((el) => ({ value: (el as HTMLOptionElement).value, label: (el.textContent ?? '').trim() })),
      );
    const option =
      options.find((o) => o.value === text) ??
      options.find((o) => o.label === text) ??
      options.find((o) => o.label.startsWith(text));
    if (!option) throw new Error(`field-${name}: no option ${text} among ${options.map((o) => o.label).join(', ')}`);
    await field.selectOption({ value: option.value });
  } else if (type === 'checkbox') {
    await field.setChecked(value === true);
  } else {
    await field.fill(String(value));
  }
}

/** Waits until `locator`'s text matches (playwright-core has no auto-waiting expect). */
export async function waitForText(locator: Locator, pattern: RegExp, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const last =
      (await locator
        .first()
        .textContent({ timeout: 1000 })
        .catch(() => null)) ?? '';
    if (pattern.test(last)) return last;
    if (Date.now() > deadline) throw new Error(`expected text ${pattern}, still "${last}"`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until `probe` returns true. */
export async function waitUntil(probe: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
