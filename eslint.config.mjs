// Lint: typescript-eslint's recommended rules, plus the architecture's one hard rule: domain code
// never touches an Apps Script global (services are passed in), so it stays testable and pure.
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
    },
  },
);
