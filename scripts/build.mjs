// Builds what clasp pushes: build/Code.js, build/sidebar.html, build/appsscript.json.
//
// Code.js is two esbuild passes over src/server/index.ts. The first (ESM, not written) only asks
// the metafile for the entry's export names. The second bundles everything into one IIFE assigned
// to `__app`, with a footer declaring `function name(...args) { return __app.name(...args); }` per
// export: Apps Script finds menu handlers, triggers and google.script.run targets only among
// top-level function declarations, so a new export needs no other edit.
//
// sidebar.html is src/ui/index.html with the bundled script and styles inlined: HtmlService
// serves one file, and the sidebar must not reach any network.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outDir = path.join(root, 'build');
const serverEntry = path.join(root, 'src/server/index.ts');
const uiDir = path.join(root, 'src/ui');
// Apps Script's V8 runtime takes modern syntax, but not every ES2020+ feature is reliable there.
const SERVER_TARGET = 'es2019';

async function serverExports() {
  const result = await build({
    entryPoints: [serverEntry],
    bundle: true,
    format: 'esm',
    write: false,
    metafile: true,
    outfile: 'exports.js',
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint);
  if (!output) throw new Error('esbuild metafile has no entry output');
  const names = [...output.exports].sort();
  const invalid = names.filter((n) => !/^[A-Za-z_$][\w$]*$/.test(n) || n === 'default');
  if (invalid.length) throw new Error(`src/server/index.ts: exports Apps Script cannot call: ${invalid.join(', ')}`);
  return names;
}

async function buildServer(names) {
  const footer = [
    '// Top-level functions Apps Script can see (menus, triggers, google.script.run).',
    ...names.map((n) => `function ${n}(...args) { return __app.${n}(...args); }`),
  ].join('\n');
  await build({
    entryPoints: [serverEntry],
    bundle: true,
    format: 'iife',
    globalName: '__app',
    target: SERVER_TARGET,
    platform: 'neutral',
    outfile: path.join(outDir, 'Code.js'),
    footer: { js: footer },
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
  });
}

async function buildSidebar() {
  const result = await build({
    entryPoints: [path.join(uiDir, 'main.tsx')],
    // Preact's JSX runtime (src/ui/tsconfig.json says the same for the type checker).
    jsx: 'automatic',
    jsxImportSource: 'preact',
    bundle: true,
    format: 'iife',
    target: 'es2019',
    platform: 'browser',
    minify: true,
    write: false,
    outdir: 'ui-out',
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '';
  const css = result.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '';
  const template = readFileSync(path.join(uiDir, 'index.html'), 'utf8');
  if (!template.includes('<!-- styles -->') || !template.includes('<!-- script -->')) {
    throw new Error('src/ui/index.html needs the <!-- styles --> and <!-- script --> markers');
  }
  // A literal "</script>" inside the bundle would end the inline script early.
  const safeJs = js.replace(/<\/script/gi, '<\\/script');
  const html = template
    .replace('<!-- styles -->', () => `<style>${css}</style>`)
    .replace('<!-- script -->', () => `<script>${safeJs}</script>`);
  writeFileSync(path.join(outDir, 'sidebar.html'), html);
  return html.length;
}

const started = Date.now();
mkdirSync(outDir, { recursive: true });
const names = await serverExports();
await buildServer(names);
const sidebarBytes = await buildSidebar();
copyFileSync(path.join(root, 'appsscript.json'), path.join(outDir, 'appsscript.json'));
console.log(
  `build/: Code.js (${names.length} functions), sidebar.html (${(sidebarBytes / 1024).toFixed(1)} KiB), ` +
    `appsscript.json in ${Date.now() - started} ms`,
);
