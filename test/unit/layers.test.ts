/**
 * The layers are enforced by tools (eslint.config.mjs, src/domain/tsconfig.json): each rule is
 * shown to refuse a small offending file placed in the layer, and to let the allowed one pass.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.join(__dirname, '..', '..');

const IMPORTS = '@typescript-eslint/no-restricted-imports';
const LAYER_RULES = [IMPORTS, 'no-restricted-globals', 'no-restricted-properties', 'no-restricted-syntax'];

interface Probe {
  filePath: string;
  code: string;
  /** The rule that must report it; null: none of the layer rules may. */
  rule: string | null;
}

const valueImport = (from: string): string => `import { x } from '${from}';\nexport const y = x;\n`;
const typeImport = (from: string): string => `import type { X } from '${from}';\nexport type Y = X;\n`;

function importProbes(filePath: string, refused: string[], allowed: string[]): Probe[] {
  return [
    ...refused.map((from) => ({ filePath, code: valueImport(from), rule: IMPORTS })),
    ...allowed.map((from) => ({ filePath, code: valueImport(from), rule: null })),
  ];
}

const PROBES: Probe[] = [
  // The domain imports only the domain.
  ...importProbes(
    'src/domain/probe.ts',
    ['../services/clock', '../sheets/schema', '../server/api', '../ui/rpc', '../../emulator/runtime'],
    ['./model', './i18n'],
  ),
  ...importProbes('src/domain/i18n/probe.ts', ['../../services/clock', '../../sheets/schema'], ['../model', './ru']),
  { filePath: 'src/domain/probe.ts', code: typeImport('../sheets/cases-repo'), rule: IMPORTS },
  // The domain never reads the clock nor an Apps Script global.
  { filePath: 'src/domain/probe.ts', code: 'export const at = Date.now();\n', rule: 'no-restricted-properties' },
  { filePath: 'src/domain/probe.ts', code: 'export const at = performance.now();\n', rule: 'no-restricted-properties' },
  { filePath: 'src/domain/probe.ts', code: 'export const at = new Date();\n', rule: 'no-restricted-syntax' },
  { filePath: 'src/domain/probe.ts', code: 'export const at = Date();\n', rule: 'no-restricted-syntax' },
  { filePath: 'src/domain/i18n/probe.ts', code: 'export const at = new Date();\n', rule: 'no-restricted-syntax' },
  { filePath: 'src/domain/probe.ts', code: 'export const at = (now: number) => new Date(now);\n', rule: null },
  {
    filePath: 'src/domain/probe.ts',
    code: 'export const s = SpreadsheetApp.getActive();\n',
    rule: 'no-restricted-globals',
  },
  { filePath: 'src/server/probe.ts', code: 'export const at = new Date();\n', rule: null },
  // Services: thin ports over Apps Script, below sheets, server and sidebar.
  ...importProbes(
    'src/services/probe.ts',
    ['../server/api', '../sheets/workbook', '../ui/rpc', '../../emulator/runtime'],
    ['../domain/errors', './clock'],
  ),
  // Sheets: never the server or the sidebar.
  ...importProbes(
    'src/sheets/probe.ts',
    ['../server/api', '../server', '../ui/app', '../../emulator/core/env'],
    ['../domain/model', '../services/cache', './schema'],
  ),
  // Server: everything below it, never the sidebar.
  ...importProbes('src/server/probe.ts', ['../ui/rpc', '../../emulator/runtime'], ['../sheets/schema', './views']),
  // Sidebar: pure domain, and the server for its types only; never sheets or services.
  ...importProbes(
    'src/ui/views/probe.tsx',
    [
      '../../server/api',
      '../../server/index',
      '../../sheets/schema',
      '../../services/clock',
      '../../../emulator/runtime',
    ],
    ['../../domain/i18n', '../components', '../server-error'],
  ),
  ...importProbes('src/ui/probe.ts', ['../server/index', '../sheets/schema'], ['../domain/lifecycle', './rpc']),
  { filePath: 'src/ui/probe.ts', code: typeImport('../server/index'), rule: null },
  { filePath: 'src/ui/views/probe.tsx', code: typeImport('../../server/api'), rule: null },
  { filePath: 'src/ui/views/probe.tsx', code: typeImport('../../sheets/schema'), rule: IMPORTS },
  // The emulator and the add-on never import each other; emulator/core imports nothing above it.
  ...importProbes('emulator/probe.ts', ['../src/domain/model', '../test/support/emulator'], ['./core/env']),
  ...importProbes('emulator/sandbox/page/probe.ts', ['../../../src/ui/rpc'], ['../protocol', '../../core/env']),
  ...importProbes(
    'emulator/core/probe.ts',
    ['../services/drive', '../spreadsheet/range', '../generated/stubs', '../../src/domain/model'],
    ['./env', './spreadsheet-state'],
  ),
  ...importProbes(
    'emulator/spreadsheet/probe.ts',
    ['../../src/sheets/schema'],
    ['../core/env', '../services/utilities'],
  ),
];

describe('layer rules (eslint.config.mjs)', () => {
  let reports: Array<Array<{ ruleId: string | null; message: string }>>;

  beforeAll(() => {
    const out = execFileSync(process.execPath, [path.join(root, 'test/support/lint-probes.mjs')], {
      cwd: root,
      input: JSON.stringify(PROBES.map(({ filePath, code }) => ({ filePath, code }))),
      encoding: 'utf8',
    });
    reports = JSON.parse(out);
  }, 60_000);

  test.each(PROBES.map((probe, i) => [i, probe.filePath, probe.code.split('\n')[0], probe.rule] as const))(
    '#%i %s: %s → %s',
    (i, _file, _code, rule) => {
      const fired = (reports[i] ?? []).filter((m) => m.ruleId && LAYER_RULES.includes(m.ruleId));
      if (rule === null) expect(fired).toEqual([]);
      else expect(fired.map((m) => m.ruleId)).toEqual([rule]);
    },
  );
});

describe('the domain compiles without the Apps Script types (src/domain/tsconfig.json)', () => {
  const probeFile = path.join(root, 'src/domain/__probe__.ts');

  function diagnosticsOf(tsconfig: string, code: string): string[] {
    const parsed = ts.getParsedCommandLineOfConfigFile(
      path.join(root, tsconfig),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        },
      },
    );
    if (!parsed) throw new Error(`cannot read ${tsconfig}`);
    const host = ts.createCompilerHost(parsed.options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, language, ...rest) =>
      path.resolve(name) === probeFile
        ? ts.createSourceFile(name, code, language)
        : getSourceFile(name, language, ...rest);
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (name) => path.resolve(name) === probeFile || fileExists(name);
    const program = ts.createProgram([probeFile], parsed.options, host);
    return ts
      .getPreEmitDiagnostics(program, program.getSourceFile(probeFile))
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }

  const PROBE = 'export const sheet = SpreadsheetApp.getActiveSpreadsheet();\n';

  test('a global SpreadsheetApp in the domain fails to compile', () => {
    expect(diagnosticsOf('src/domain/tsconfig.json', PROBE)).toEqual(["Cannot find name 'SpreadsheetApp'."]);
  });

  test('…which the server config alone would accept', () => {
    expect(diagnosticsOf('src/tsconfig.json', PROBE)).toEqual([]);
  });

  test('npm run typecheck checks the domain with that config', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.typecheck).toContain('tsc -p src/domain/tsconfig.json --noEmit');
  });
});
