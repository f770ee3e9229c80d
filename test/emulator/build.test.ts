import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadBundle } from '../../emulator/loader';
import { BUILD_DIR } from '../support/bundles';

const root = path.join(__dirname, '..', '..');

describe('npm run build (run by the test global setup)', () => {
  test('Code.js declares one top-level function per export of src/server/index.ts', () => {
    const exported = [...readFileSync(path.join(root, 'src/server/index.ts'), 'utf8').matchAll(/export \{([^}]*)\}/g)]
      .flatMap((m) => (m[1] ?? '').split(','))
      .map(
        (name) =>
          name
            .trim()
            .split(/\s+as\s+/)
            .pop() ?? '',
      )
      .filter(Boolean)
      .sort();
    expect(exported.length).toBeGreaterThan(0);
    expect([...loadBundle(BUILD_DIR).functionNames].sort()).toEqual(exported);
  });

  test('the manifest declares V8, a time zone and an explicit scope list', () => {
    const manifest = JSON.parse(readFileSync(path.join(BUILD_DIR, 'appsscript.json'), 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.timeZone).toMatch(/^[A-Z][a-z]+\/[A-Za-z_]+$/);
    expect(Array.isArray(manifest.oauthScopes)).toBe(true);
    // The full spreadsheets scope, not spreadsheets.currentonly: a published add-on's hourly trigger
    // has no active spreadsheet and opens the workbook by id, and SpreadsheetApp.openById accepts
    // only the full scope (docs/architecture.md, Adding a job). currentonly would be redundant with it.
    expect(manifest.oauthScopes).toContain('https://www.googleapis.com/auth/spreadsheets');
    expect(manifest.oauthScopes).not.toContain('https://www.googleapis.com/auth/spreadsheets.currentonly');
    // Never the whole of the user's Drive.
    expect(manifest.oauthScopes).not.toContain('https://www.googleapis.com/auth/drive');
  });

  test('sidebar.html is one self-contained file: styles and script inlined, nothing fetched', () => {
    const html = readFileSync(path.join(BUILD_DIR, 'sidebar.html'), 'utf8');
    expect(html).toMatch(/<style>[^]*<\/style>/);
    expect(html).toMatch(/<script>[^]*<\/script>/);
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=["']?(https?:)?\/\//i);
    expect(html).not.toContain('<!-- script -->');
  });

  test('the generated emulator stubs match the installed @types/google-apps-script', () => {
    expect(() => execFileSync(process.execPath, [path.join(root, 'scripts/gen-stubs.mjs'), '--check'])).not.toThrow();
  });
});
