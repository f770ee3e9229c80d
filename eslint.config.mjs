// Lint: typescript-eslint's recommended rules, plus the layers (docs/architecture.md, Layers) as
// rules a build fails on: which folder may import which, domain code never touches an Apps Script
// global nor the clock (services and `now` are passed in), so it stays testable and pure.
// test/unit/layers.test.ts proves each rule reports what it should.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const APPS_SCRIPT_GLOBALS = [
  'SpreadsheetApp',
  'PropertiesService',
  'CacheService',
  'LockService',
  'MailApp',
  'GmailApp',
  'ScriptApp',
  'HtmlService',
  'Session',
  'Utilities',
  'Logger',
  'DriveApp',
  'UrlFetchApp',
];

/**
 * What each layer of src/ may import, besides itself. `typesOnly`: `import type` only (the sidebar
 * is a separate bundle; a value import would pull server code into it). Anything else in src/ is
 * refused, and so is everything outside src/ (the emulator, tests, tools): the add-on is built
 * from src/ alone.
 */
const SRC_LAYERS = {
  domain: { may: [], message: 'src/domain is pure: it imports only src/domain.' },
  services: { may: ['domain'], message: 'src/services are thin ports: they import only src/domain.' },
  sheets: { may: ['domain', 'services'], message: 'src/sheets never imports the server or the sidebar.' },
  server: { may: ['domain', 'services', 'sheets'], message: 'src/server never imports the sidebar.' },
  ui: {
    may: ['domain'],
    typesOnly: ['server'],
    message: 'src/ui imports pure src/domain, and src/server for types only (`import type`).',
  },
};

/** Deepest folder nesting inside a layer the rules cover (src/ui/views is 1). */
const MAX_DEPTH = 4;

const alternatives = (names) => `(${names.join('|')})(/|$)`;

/**
 * `@typescript-eslint/no-restricted-imports` for the files `depth` folders below `dir`, given as
 * regexes over the relative path: `(../){depth + 1}` climbs out of `dir`, and what follows names
 * the folder the import lands in. One config per depth, because a relative path means different
 * folders at different depths.
 */
function importRules({ dir, extensions = 'ts,tsx', patterns }) {
  return Array.from({ length: MAX_DEPTH + 1 }, (_, depth) => {
    const up = `^(\\.\\./){${depth + 1}}`;
    return {
      files: [`${dir}/${'*/'.repeat(depth)}*.{${extensions}}`],
      rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: patterns(up) }] },
    };
  });
}

const layerRules = Object.entries(SRC_LAYERS).flatMap(([layer, { may, typesOnly = [], message }]) =>
  importRules({
    dir: `src/${layer}`,
    patterns: (up) => [
      { regex: `${up}(?!${alternatives([layer, ...may, ...typesOnly])})`, message },
      ...(typesOnly.length ? [{ regex: `${up}${alternatives(typesOnly)}`, allowTypeImports: true, message }] : []),
    ],
  }),
);

const emulatorRules = [
  // The emulator runs any bundle from build/; it never imports the add-on's source.
  ...importRules({
    dir: 'emulator',
    extensions: 'ts,tsx,mjs',
    patterns: (up) => [
      { regex: `${up}`, message: 'The emulator never imports src/ (nor anything outside emulator/).' },
    ],
  }),
  // Every fake stands on core (env, meter, state, clock); core stands on nothing of the emulator.
  ...importRules({
    dir: 'emulator/core',
    patterns: (up) => [{ regex: `${up}`, message: 'emulator/core is the ground floor: it imports nothing above it.' }],
  }),
];

/** The domain reads time only from a `now` it is given, so every rule is testable at any instant. */
const CLOCK_MESSAGE = 'src/domain never reads the clock: take `now` as a parameter.';

export default tseslint.config(
  { ignores: ['build/', 'node_modules/', 'coverage/', '.arbiter/', 'test/e2e/artifacts/', 'emulator/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', module: 'writable', require: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-namespace': 'off',
    },
  },
  {
    // CommonJS config files that jest loads.
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...APPS_SCRIPT_GLOBALS.map((name) => ({ name, message: 'src/domain is pure: pass the service in.' })),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: CLOCK_MESSAGE },
        { object: 'performance', property: 'now', message: CLOCK_MESSAGE },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: CLOCK_MESSAGE },
        { selector: "CallExpression[callee.name='Date']", message: CLOCK_MESSAGE },
      ],
    },
  },
  ...layerRules,
  ...emulatorRules,
);
