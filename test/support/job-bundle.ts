/**
 * Builds test/support/job-entry.ts the way scripts/build.mjs builds build/Code.js (one IIFE, a
 * top-level function per export), next to a copy of the real manifest, for an Emulator to load.
 */
import { buildSync } from 'esbuild';
import { copyFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUILD_DIR } from './bundles';

let built: string | null = null;

export function jobBundleDir(): string {
  if (built) return built;
  const entry = path.join(__dirname, 'job-entry.ts');
  const probe = buildSync({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    write: false,
    metafile: true,
    outfile: 'exports.js',
    logLevel: 'silent',
  });
  const output = Object.values(probe.metafile.outputs).find((o) => o.entryPoint);
  const names = [...(output?.exports ?? [])].sort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'arbiter-jobs-'));
  buildSync({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    globalName: '__app',
    target: 'es2019',
    platform: 'neutral',
    outfile: path.join(dir, 'Code.js'),
    footer: { js: names.map((n) => `function ${n}(...args) { return __app.${n}(...args); }`).join('\n') },
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
  });
  copyFileSync(path.join(BUILD_DIR, 'appsscript.json'), path.join(dir, 'appsscript.json'));
  built = dir;
  return dir;
}
