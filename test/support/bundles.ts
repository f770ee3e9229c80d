/** Throw-away bundles for testing the loader itself: a build folder holding the given Code.js. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function writeBundle(code: string, manifest: Record<string, unknown> = { runtimeVersion: 'V8' }): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'arbiter-bundle-'));
  writeFileSync(path.join(dir, 'Code.js'), code);
  writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify(manifest));
  return dir;
}

export const BUILD_DIR = path.join(__dirname, '..', '..', 'build');
