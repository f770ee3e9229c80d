/**
 * The built bundle under executions that really run at the same time (the emulator's parallel mode,
 * docs/architecture.md, The emulator): registrations and moves by several people at once, and the
 * hourly job running among them. Every write happens under the document lock (docs/architecture.md,
 * Data flow), so nothing is lost or issued twice; the same run with the lock switched off in the
 * fake shows what the lock prevents, so these tests can see the bug they guard against.
 */
import type { ExecutionResult, ParallelCall } from '../../emulator/runtime';
import type { Emulator } from '../../emulator/runtime';
import type { CaseView } from '../../src/server/api';
import { AGENT, LEAD, asPerson, registrationInput, setUpWorkbook } from '../support/workbook';

const HOUR = 3_600_000;
const TEAM = ['agent1@example.com', 'agent2@example.com', 'agent3@example.com', 'agent4@example.com'];

/** A workbook whose team has four more agents, so that registrations come from several people. */
function teamWorkbook(): Emulator {
  const emulator = setUpWorkbook();
  const settings = emulator.scriptRun<Record<string, unknown> & { team: unknown[] }>('apiGetSettings', [], {
    user: LEAD,
  });
  settings.team.push(...TEAM.map((email, i) => ({ email, name: `Агент ${i + 1}`, role: 'agent', team: 'КС' })));
  emulator.scriptRun('apiSaveSettings', [settings], { user: LEAD });
  return emulator;
}

const PEOPLE = [AGENT, LEAD, ...TEAM];

function registrations(count: number): ParallelCall[] {
  return Array.from({ length: count }, (_, i) => ({
    functionName: 'apiRegisterCase',
    args: [registrationInput({ orderNo: `P-${i + 1}`, summary: `Параллельная регистрация ${i + 1}` })],
    options: { user: PEOPLE[i % PEOPLE.length], trigger: 'google.script.run' },
  }));
}

function tab(emulator: Emulator, name: string): unknown[][] {
  return asPerson(emulator, (ss) => ss.getSheetByName(name)?.getDataRange().getValues() ?? []);
}

/** The Cases tab's ids, row by row (blank rows included, as a lost write would leave them). */
function caseIds(emulator: Emulator): string[] {
  const [header = [], ...rows] = tab(emulator, 'Кейсы');
  const column = header.indexOf('Номер');
  return rows.map((row) => String(row[column]));
}

/** The Events tab's rows as objects keyed by the Russian headers. */
function events(emulator: Emulator): Array<Record<string, unknown>> {
  const [header = [], ...rows] = tab(emulator, 'События');
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [String(h), row[i]])));
}

const createdIds = (emulator: Emulator): string[] =>
  events(emulator)
    .filter((e) => e['Событие'] === 'created')
    .map((e) => String(e['Кейс']));

const failures = (results: ExecutionResult[]) => results.filter((r) => !r.ok).map((r) => r.error);

describe('50 people register at the same time', () => {
  test('50 rows, 50 distinct ids, 50 "created" Events rows, each answer naming its own case', async () => {
    const emulator = teamWorkbook();
    const results = await emulator.runParallel(registrations(50), { workers: 4 });
    expect(failures(results)).toEqual([]);
    const ids = caseIds(emulator);
    expect(ids).toHaveLength(50);
    expect(new Set(ids).size).toBe(50);
    expect(createdIds(emulator).sort()).toEqual([...ids].sort());
    expect(new Set(results.map((r) => (r.value as CaseView).id))).toEqual(new Set(ids));
    // Every call waited for the lock at most as long as Apps Script would let it.
    expect(Math.max(...results.map((r) => r.meter.calls['Lock.tryLock'] ?? 0))).toBe(1);
  });

  test('with the lock switched off in the fake, the same run issues an id twice or loses rows', async () => {
    const emulator = teamWorkbook();
    const results = await emulator.runParallel(registrations(50), { workers: 4, lock: false });
    const ids = caseIds(emulator);
    const created = createdIds(emulator);
    const intact =
      ids.length === 50 && new Set(ids).size === 50 && created.length === 50 && new Set(created).size === 50;
    expect({ intact, ok: results.filter((r) => r.ok).length }).toEqual({ intact: false, ok: 50 });
  });
});
