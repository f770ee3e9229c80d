/**
 * The built bundle under executions that really run at the same time (the emulator's parallel mode,
 * docs/architecture.md, The emulator): registrations and moves by several people at once, and the
 * hourly job running among them. Every write happens under the document lock (docs/architecture.md,
 * Data flow), so nothing is lost or issued twice; the same run with the lock switched off in the
 * fake shows what the lock prevents, so these tests can see the bug they guard against.
 */
import { cloneState } from '../../emulator/core/persist';
import { Emulator, type ExecutionResult, type ParallelCall } from '../../emulator/runtime';
import { BUILD_DIR } from '../support/bundles';
import type { CaseView } from '../../src/server/api';
import { AGENT, LEAD, asPerson, registrationInput, setUpWorkbook } from '../support/workbook';
import { changesOfCell } from '../../src/sheets/cases-repo';

const HOUR = 3_600_000;
const TEAM = ['agent1@example.com', 'agent2@example.com', 'agent3@example.com', 'agent4@example.com'];

/** A workbook whose team has four more agents, so that registrations come from several people. */
function teamWorkbook(options: { schedule?: boolean } = {}): Emulator {
  const emulator = setUpWorkbook(options);
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

/** Each case's fields as a replay of its Events rows gives them (the fold of their changes). */
function replayedCases(emulator: Emulator): Map<string, Record<string, unknown>> {
  const rebuilt = new Map<string, Record<string, unknown>>();
  for (const e of events(emulator)) {
    const changes = e['Изменения (JSON)'];
    if (!changes) continue;
    const id = String(e['Кейс']);
    rebuilt.set(id, { ...rebuilt.get(id), ...changesOfCell(String(changes), 'updated') });
  }
  return rebuilt;
}

const REPLAYED_FIELDS = ['status', 'version', 'ownerDept', 'ownerEmail', 'reopenCount', 'escalationLevel'] as const;
const REPLAYED_MOMENTS = ['createdAt', 'firstResponseAt', 'dueAt', 'resolvedAt', 'closedAt'] as const;

/** The fields of a case as its row holds them (read through the bundle), in the replay's terms. */
function liveFields(view: CaseView): Record<string, unknown> {
  const record = view as unknown as Record<string, unknown>;
  return Object.fromEntries([
    ...REPLAYED_FIELDS.map((key) => [key, record[key]]),
    ...REPLAYED_MOMENTS.map((key) => [key, record[key] ?? null]),
  ]);
}

function replayFields(replayed: Record<string, unknown>): Record<string, unknown> {
  const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as number).toISOString());
  return Object.fromEntries([
    ...REPLAYED_FIELDS.map((key) => [key, replayed[key] ?? (key === 'escalationLevel' ? 0 : undefined)]),
    ...REPLAYED_MOMENTS.map((key) => [key, iso(replayed[key])]),
  ]);
}

/** The notes of the Events tab's `notice` rows: `<case>/<cycle>/<kind> → <recipient>`, one per email. */
const noticeNotes = (emulator: Emulator): string[] =>
  events(emulator)
    .filter((e) => e['Событие'] === 'notice')
    .map((e) => String(e['Комментарий']));

describe('the hourly job runs while 20 people register and move cases', () => {
  // Up to two minutes: 60 executions on worker threads take 15–25 s alone, more on a busy machine.
  test('no edit is lost, and every notice goes exactly once', async () => {
    const emulator = teamWorkbook({ schedule: true });
    const trigger = emulator.state.triggers.find((t) => t.eventType === 'CLOCK');
    if (!trigger) throw new Error('setup installed no hourly trigger');
    // Ten cases nobody touches, late by the time the job runs: their notices are due.
    const late = Array.from({ length: 10 }, (_, i) =>
      emulator.scriptRun<CaseView>(
        'apiRegisterCase',
        [registrationInput({ orderNo: `L-${i}`, criticality: i % 2 === 0 ? 'A' : 'B' })],
        { user: PEOPLE[i % PEOPLE.length] },
      ),
    );
    // Twenty the people move during the run (registered later, not late yet).
    // The clock is set, not advanced: no trigger fires, so nothing is sent before the run below.
    emulator.clock.set(emulator.clock.now() + 26 * HOUR);
    const moved = Array.from({ length: 20 }, (_, i) =>
      emulator.scriptRun<CaseView>('apiRegisterCase', [registrationInput({ orderNo: `M-${i}` })], {
        user: PEOPLE[i % PEOPLE.length],
      }),
    );
    // What the job alone, at this moment, sends for the late cases.
    const alone = new Emulator({ buildDir: BUILD_DIR, state: cloneState(emulator.state), now: emulator.clock.date() });
    alone.clock.set(emulator.clock.now());
    alone.run('runHourly', [], { user: LEAD });
    const lateIds = new Set(late.map((c) => c.id));
    const expectedNotices = noticeNotes(alone).filter((note) => lateIds.has(note.split('/')[0] as string));
    expect(noticeNotes(emulator)).toEqual([]);
    expect(expectedNotices.length).toBeGreaterThan(0);

    // Each person registers a case and moves one; the first five cases are moved by two people from
    // the same version (one must win, the other hear [conflict]); the trigger fires and a lead
    // chooses "Run now" among them.
    const people: ParallelCall[] = [];
    for (let i = 0; i < 20; i++) {
      const user = PEOPLE[i % PEOPLE.length] as string;
      const c = moved[i] as CaseView;
      people.push(
        { functionName: 'apiRegisterCase', args: [registrationInput({ orderNo: `N-${i}` })], options: { user } },
        { functionName: 'apiTransition', args: [c.id, { to: 'in_progress', version: c.version }], options: { user } },
      );
      if (i < 5) {
        people.push({
          functionName: 'apiRecordFirstResponse',
          args: [c.id, { version: c.version }],
          options: { user: PEOPLE[(i + 1) % PEOPLE.length] as string },
        });
      }
    }
    const jobs: ParallelCall[] = [
      {
        functionName: trigger.handlerFunction,
        options: {
          user: trigger.owner,
          trigger: `CLOCK trigger ${trigger.id}`,
          event: () => ({ authMode: 'FULL', triggerUid: trigger.id }),
        },
      },
      { functionName: 'runHourly', options: { user: LEAD } },
    ];
    const calls = [
      ...people.slice(0, 6),
      jobs[0] as ParallelCall,
      ...people.slice(6, 20),
      jobs[1] as ParallelCall,
      ...people.slice(20),
    ];
    const results = await emulator.runParallel(calls, { workers: 4 });

    // Of the people's calls only the contended moves were refused, each with [conflict]: one of each
    // pair won. Of the two jobs, the one that finds the other's lease may say it is busy.
    const peopleRefused = results.filter((r) => !r.ok && r.functionName.startsWith('api'));
    expect(peopleRefused.map((r) => r.error?.slice(0, 10))).toEqual(peopleRefused.map(() => '[conflict]'));
    expect(peopleRefused).toHaveLength(5);
    const jobResults = results.filter((r) => !r.functionName.startsWith('api'));
    expect(jobResults.filter((r) => r.ok).length).toBeGreaterThanOrEqual(1);

    // 50 cases, 50 distinct ids, each created once.
    const ids = caseIds(emulator);
    expect(new Set(ids).size).toBe(50);
    expect(createdIds(emulator).sort()).toEqual([...ids].sort());

    // Every case's row is what a replay of its Events rows gives.
    const replayed = replayedCases(emulator);
    for (const id of ids) {
      const view = emulator.scriptRun<CaseView>('apiGetCase', [id], { user: LEAD });
      expect({ id, ...liveFields(view) }).toEqual({ id, ...replayFields(replayed.get(id) ?? {}) });
    }
    expect(moved.map((c) => replayed.get(c.id)?.version)).toEqual(moved.map(() => 2));

    // No notice went twice, and every notice of the late cases went out exactly once, as the job alone
    // would send them: what a run sends is decided under its sweep's lock and each email is recorded
    // however long the lock stays busy (docs/architecture.md, Adding a job). A later run finds
    // nothing left to send for them, and every email it sends is recorded.
    const ofLate = (note: string) => lateIds.has(note.split('/')[0] as string);
    const sent = noticeNotes(emulator);
    expect(new Set(sent).size).toBe(sent.length);
    expect(sent.filter(ofLate).sort()).toEqual([...expectedNotices].sort());
    const mails = emulator.state.mail.sent.length;
    emulator.run('runHourly', [], { user: LEAD });
    const after = noticeNotes(emulator);
    expect(new Set(after).size).toBe(after.length);
    expect(after.filter(ofLate).sort()).toEqual([...expectedNotices].sort());
    expect(emulator.state.mail.sent.length - mails).toBeLessThanOrEqual(after.length - sent.length);
  }, 120_000);
});
