/**
 * Hostile input, kept (docs/product.md, Integrity: what a person reads): every public function of
 * the bundle — the sidebar's API, and the menu's — called through google.script.run with arbitrary
 * payloads (wrong types, missing and extra fields, prototype keys, formulas, markup, control and
 * direction characters, emoji, text past every limit, NaN, Infinity, -0, 1e308, dates out of
 * range, ids of other shapes) by every kind of caller. After each call:
 *
 * - it succeeded, or failed with a tagged sentence in the workbook's language: no "[object", no
 *   TypeError, no "undefined", no placeholder left, no quoted value longer than an excerpt, and
 *   never the "[error]" of a bug;
 * - a refused call wrote nothing to the Cases and Events tabs;
 * - no cell of any tab holds a formula or more than 50,000 characters; every case row parses, no
 *   id is on two rows, and the Cases tab and a replay of the Events log agree.
 *
 * The seed is fixed; more runs: `FUZZ_RUNS=20000 npx jest test/integration/fuzz.test.ts`, another
 * seed: `FUZZ_SEED=…`. One emulator is set up once; each run starts from its snapshot.
 */
import fc from 'fast-check';
import { ScriptRunError } from '../../emulator/script-run';
import { EDITABLE_FIELDS } from '../../src/domain/case-fields';
import { STATUSES } from '../../src/domain/model';
import type { CaseView } from '../../src/server/contract';
import { disagreements, readCasesAndLog } from '../support/replay';
import { AGENT, asPerson, LEAD, OWNER, registrationInput, setUpWorkbook, VIEWER } from '../support/workbook';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
/** Calls per run, each from the same starting workbook. */
const CALLS = 5;

const TEAM_LEADER = 'tl@example.com';
const STRANGER = 'stranger@example.com';
const CALLERS = [LEAD, AGENT, OWNER, TEAM_LEADER, VIEWER, STRANGER, ''];

/** The menu's functions (each checks its caller); the sidebar's are every `api*` of the bundle. */
const MENU_FUNCTIONS = [
  'setupWorkbook',
  'installTriggers',
  'removeTriggers',
  'refreshDashboard',
  'runHourly',
  'runDaily',
  'runWeekly',
];

const CELL_LIMIT = 50_000;
/** What a message may quote of a value (src/domain/untrusted.ts), with room for its quotes. */
const EXCERPT = 60;

// ---------------------------------------------------------------------------------------------
// The workbook every run starts from: a team of every role, cases in several states.

const emulator = setUpWorkbook();
{
  const settings = emulator.scriptRun<{ team: unknown[] }>('apiGetSettings', [], { user: LEAD });
  settings.team.push({ email: TEAM_LEADER, name: 'Тимур Лидер', role: 'team_leader', team: 'Продажи 1' });
  emulator.scriptRun('apiSaveSettings', [settings], { user: LEAD });
  const run = <T>(fn: string, args: unknown[], user = AGENT) => emulator.scriptRun<T>(fn, args, { user });
  run('apiRegisterCase', [registrationInput()]);
  const b = run<CaseView>('apiRegisterCase', [registrationInput({ criticality: 'A', orderNo: 'A-7' })]);
  const started = run<CaseView>('apiTransition', [b.id, { to: 'in_progress', version: 1 }]);
  run('apiTransition', [b.id, { to: 'resolved', version: started.version, resolution: 'Заменили фасад' }]);
}
const SNAPSHOT = structuredClone(emulator.state);
const START = emulator.clock.now();
const SETTINGS = emulator.scriptRun<Record<string, unknown>>('apiGetSettings', [], { user: LEAD });
const CASE_IDS = [...readCasesAndLog(emulator).rows.keys()];

function reset(): void {
  Object.assign(emulator.state, structuredClone(SNAPSHOT));
  emulator.clock.set(START);
}

// ---------------------------------------------------------------------------------------------
// Payloads.

const TRICKY_TEXT = [
  '=IMPORTXML("https://evil.example/","//a")',
  '=HYPERLINK("https://evil.example/","click")',
  '+77015550102',
  '-1+1',
  '@SUM(A1:A9)',
  "'=already quoted",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '\u202Eevil\u202C',
  'zero\u200Bwidth\u200D',
  '\uFEFFbom',
  '😀👍🏽🇰🇿',
  '\u0000\u0007\b\u001b[31m',
  'line\nbreak\r\n\ttab',
  '__proto__',
  'constructor',
  'toString',
  '[object Object]',
  'undefined',
  '{value}',
  'ARB-2026-00001',
  'arb-2026-00002 ',
  'ARB-2026-99999',
  'ARB-1-1',
  '',
  '   ',
  '2026-13-45',
  '+275760-09-14T00:00:00.000Z',
  '-271821-04-19T00:00:00Z',
  'https://drive.example.com/photo',
  'javascript:alert(1)',
  'agent@example.com',
  'LEAD@EXAMPLE.COM',
  'Повреждение',
  'Производство',
  'Брак производства',
];
const LONG_TEXT = [499, 500, 501, 4999, 5000, 5001, 50_000, 50_001].map((n) => 'я'.repeat(n));

const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TRICKY_TEXT) },
  { weight: 1, arbitrary: fc.constantFrom(...LONG_TEXT) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom('=', '+', '-', '@'), fc.string({ maxLength: 20 })).map(([p, s]) => p + s),
  },
);

const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 1, 2, 5, 6, 10, 11, -1, 1.5, 1e308, -1e308, 5e-324, 2 ** 53),
  fc.integer(),
  fc.double(),
  fc.constantFrom(8.64e15, 8.64e15 + 1, -8.64e15 - 1),
);

const hostileObject: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  { toString: 1 },
  { valueOf: 1, toString: 1 },
  JSON.parse('{"__proto__":{"polluted":true},"to":"closed"}'),
  { constructor: { prototype: { polluted: true } } },
  {},
  { length: 5 },
  { 0: 'a', length: 1 },
);

const scalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileText },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: scalar },
  { weight: 2, arbitrary: hostileObject },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom('https://drive.example.com/p', 'ftp://x'), { maxLength: 25 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

/** A payload built on a valid one: some fields replaced by hostile values, some added. */
function payload(base: Record<string, unknown>, keys: readonly string[]): fc.Arbitrary<unknown> {
  const overrides = fc.dictionary(
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...keys) },
      { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'id', 'status', 'createdAt') },
      { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    ),
    fc.oneof({ weight: 2, arbitrary: hostileText }, { weight: 3, arbitrary: hostileValue }),
    { maxKeys: 3 },
  );
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(base) },
    { weight: 6, arbitrary: overrides.map((o) => ({ ...base, ...o })) },
    { weight: 1, arbitrary: hostileValue },
  );
}

/** Marks a field the harness fills at call time with the case's current version. */
const CURRENT = '\u0000current version\u0000';
const caseRef = fc.oneof(
  { weight: 6, arbitrary: fc.nat(CASE_IDS.length - 1).map((i) => ({ case: i })) },
  { weight: 1, arbitrary: hostileValue.map((value) => ({ value })) },
);
const version = fc.oneof({ weight: 5, arbitrary: fc.constant(CURRENT) }, { weight: 1, arbitrary: hostileValue });

const STEP_KEYS = ['to', 'version', 'note', 'resolution', 'rootCause', 'prevention', 'reason', 'csat', 'nps'];
/** What most steps need, so that some succeed: a resolution, a root cause, a prevention, a reason. */
const STEP_NEEDS = {
  resolution: 'Заменили фасад',
  rootCause: (SETTINGS.rootCauses as string[])[0],
  prevention: 'Проверка упаковки',
  reason: 'Дубль',
};
const stepBase = fc
  .record({
    to: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...STATUSES) }, { weight: 1, arbitrary: hostileValue }),
    version,
    needs: fc.boolean(),
  })
  .map(({ needs, ...step }) => (needs ? { ...step, ...STEP_NEEDS } : step))
  .chain((base) => payload(base, [...STEP_KEYS, 'ownerDept', 'ownerEmail', 'evidence']));
const editBase = fc
  .record({ version, client: fc.constantFrom('Новый клиент') })
  .chain((base) => payload(base, [...EDITABLE_FIELDS, 'version']));

const SETTINGS_PATHS = [
  'language',
  'caseIdPrefix',
  'digestHour',
  'calendar',
  'calendar.timeZone',
  'calendar.hours',
  'calendar.hours.0',
  'calendar.hours.0.open',
  'calendar.holidays',
  'calendar.holidays.0',
  'sla.firstResponse.A',
  'sla.resolution',
  'departments',
  'departments.0.name',
  'departments.0.owners',
  'departments.0.owners.0',
  'departments.0.head',
  'escalation.coo',
  'rootCauses',
  'rootCauses.0',
  'channels.1',
  'team',
  'team.0',
  'team.1.email',
  'team.1.role',
  'team.1.name',
  'team.1.language',
  'templates.0.key',
  'templates.0.text',
  '__proto__',
  'extra',
];

function setPath(root: unknown, path: string, value: unknown): unknown {
  const copy = structuredClone(root) as Record<string, unknown>;
  const parts = path.split('.');
  let at: Record<string, unknown> = copy;
  for (const part of parts.slice(0, -1)) {
    const next = at[part];
    if (!next || typeof next !== 'object') return copy;
    at = next as Record<string, unknown>;
  }
  Object.defineProperty(at, parts.at(-1)!, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

const settingsPayload = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.tuple(fc.constantFrom(...SETTINGS_PATHS), hostileValue).map(([p, v]) => setPath(SETTINGS, p, v)),
  },
  { weight: 1, arbitrary: hostileValue },
);

const TINY_JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1]).toString('base64');
const uploadPayload = payload({ name: 'photo.jpg', mimeType: 'image/jpeg', dataBase64: TINY_JPEG }, [
  'name',
  'mimeType',
  'dataBase64',
]);

const queryPayload = fc.oneof(
  fc.constant(undefined),
  payload({}, ['status', 'ownerDept', 'mine', 'overdue', 'text', 'offset', 'limit']),
);

const noise = fc.array(hostileValue, { maxLength: 2 });

/** The arguments each public function is called with. */
function argsOf(fn: string): fc.Arbitrary<unknown[]> {
  switch (fn) {
    case 'apiRegisterCase':
      return payload(registrationInput(), [...EDITABLE_FIELDS]).map((p) => [p]);
    case 'apiTransition':
      return fc.tuple(caseRef, stepBase);
    case 'apiUpdateCase':
      return fc.tuple(caseRef, editBase);
    case 'apiRecordFirstResponse':
      return fc.tuple(caseRef, payload({ version: CURRENT }, ['version']));
    case 'apiGetCase':
      return fc.tuple(caseRef);
    case 'apiRenderTemplate':
      return fc.tuple(caseRef, fc.oneof(fc.constantFrom('first_response', 'status_update', 'resolved'), hostileValue));
    case 'apiListCases':
      return fc.tuple(queryPayload);
    case 'apiSaveSettings':
      return fc.tuple(settingsPayload);
    case 'apiUploadEvidence':
      return fc.tuple(uploadPayload);
    default:
      // apiBootstrap, apiGetSettings, the menu's functions and any function added later: they
      // take nothing, or what they take is not known here; they get noise.
      return noise;
  }
}

// ---------------------------------------------------------------------------------------------
// The properties.

const TAG = /^\[(validation|guard|conflict|forbidden|not_found)((?: [\w.]+)*)\] (\S[\s\S]*)$/;
/** Quoted excerpts of what was sent, which may hold anything. */
const QUOTED = /«[^«»]*»|“[^“”]*”/g;

function checkMessage(fn: string, message: string): void {
  const where = `${fn}: ${message.slice(0, 300)}`;
  const tag = TAG.exec(message);
  if (!tag) throw new Error(`not a tagged refusal (a bug's "[error]", or untagged): ${where}`);
  const sentence = tag[3]!;
  const own = sentence.replace(QUOTED, '«»');
  if (/\[object |TypeError|ReferenceError|RangeError|undefined|Cannot |is not a |\{\w+\}/.test(own))
    throw new Error(`internal text in: ${where}`);
  if (!/[А-Яа-яЁё]/.test(own)) throw new Error(`not in the workbook's language: ${where}`);
  for (const quoted of sentence.match(QUOTED) ?? []) {
    if (quoted.length > EXCERPT + 2) throw new Error(`a value quoted whole (${quoted.length}): ${where}`);
  }
  if (sentence.length > 3000) throw new Error(`too long (${sentence.length}): ${where}`);
}

/** The Cases and Events tabs, to see that a refused call wrote nothing. */
function caseAndEventCells(): string {
  return asPerson(emulator, (ss) =>
    ['Кейсы', 'События'].map((name) => JSON.stringify(ss.getSheetByName(name)?.getDataRange().getValues())).join(),
  );
}

function checkStored(fn: string): void {
  const problems: string[] = [];
  asPerson(emulator, (ss) => {
    for (const sheet of ss.getSheets()) {
      const range = sheet.getDataRange();
      const formulas = range.getFormulas();
      range.getValues().forEach((row, r) =>
        row.forEach((value, c) => {
          const cell = `${sheet.getName()}!R${r + 1}C${c + 1}`;
          if (formulas[r]?.[c]) problems.push(`${cell} holds a formula ${formulas[r]![c]!.slice(0, 40)}`);
          if (typeof value === 'string' && value.length > CELL_LIMIT) problems.push(`${cell}: ${value.length} chars`);
        }),
      );
    }
  });
  const stored = readCasesAndLog(emulator);
  problems.push(...stored.broken.map((p) => `broken row ${p.cell}: ${p.message}`));
  problems.push(...stored.duplicates.map((id) => `${id} on two rows`));
  problems.push(...disagreements(stored));
  if (problems.length > 0) throw new Error(`after ${fn}:\n${problems.slice(0, 10).join('\n')}`);
}

/** Fills in the case ids and current versions the payload refers to. */
function resolve(fn: string, args: unknown[]): unknown[] {
  const takesCase = ['apiTransition', 'apiUpdateCase', 'apiRecordFirstResponse', 'apiGetCase', 'apiRenderTemplate'];
  if (!takesCase.includes(fn)) return args;
  const ref = args[0] as { case?: number; value?: unknown };
  const id = ref.case === undefined ? ref.value : CASE_IDS[ref.case];
  const current = typeof id === 'string' ? readCasesAndLog(emulator).rows.get(id)?.version : undefined;
  const body = args[1];
  const filled =
    body && typeof body === 'object' && !Array.isArray(body) && (body as Record<string, unknown>).version === CURRENT
      ? Object.defineProperty({ ...(body as object) }, 'version', { value: current ?? 1, enumerable: true })
      : body;
  return args.length > 1 ? [id, filled, ...args.slice(2)] : [id];
}

function call(fn: string, rawArgs: unknown[], user: string): void {
  const args = resolve(fn, rawArgs);
  const before = caseAndEventCells();
  let message: string | null = null;
  try {
    emulator.scriptRun(fn, args, { user, respond: () => ({ button: 'YES' }) });
  } catch (error) {
    if (error instanceof ScriptRunError) return; // the transport refused it: the server never saw it
    message = (error as Error).message;
  }
  if (message !== null) {
    checkMessage(fn, message);
    if (caseAndEventCells() !== before) throw new Error(`${fn} was refused but wrote: ${message.slice(0, 200)}`);
  }
  checkStored(fn);
}

const FUNCTIONS = [...emulator.functionNames.filter((name) => name.startsWith('api')), ...MENU_FUNCTIONS];
/** Mostly the people who may change things, so that calls get past the role check. */
const caller = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(LEAD, AGENT) },
  { weight: 3, arbitrary: fc.constantFrom(...CALLERS) },
);
const oneCall = fc
  .constantFrom(...FUNCTIONS)
  .chain((fn) => fc.record({ fn: fc.constant(fn), args: argsOf(fn), user: caller }));

describe('every public function, under hostile input from every kind of caller', () => {
  test('the workbook it starts from is consistent', () => {
    expect(CASE_IDS).toHaveLength(2);
    checkStored('setup');
  });

  test(`${RUNS} runs of ${CALLS} calls (seed ${SEED}): a readable refusal or valid stored data, always`, () => {
    fc.assert(
      fc.property(fc.array(oneCall, { minLength: 1, maxLength: CALLS }), (calls) => {
        reset();
        for (const { fn, args, user } of calls) call(fn, args, user);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  });
});
