/**
 * The hourly sweep through the built bundle, on the emulator's virtual clock (docs/product.md,
 * Escalation): flags and levels raised exactly once at each threshold, a reopened case climbing
 * again, a second run writing nothing, reads and writes bounded by the columns it needs, and rows
 * that turn amber and red by themselves, with no job running.
 */
import type { Emulator, ExecutionResult } from '../../emulator/runtime';
import { sheetView } from '../../emulator/spreadsheet/view';
import type { CaseView } from '../../src/server/api';
import type { JobOutcome } from '../../src/server/jobs/job';
import { jobBundleDir } from '../support/job-bundle';
import { AGENT, LEAD, MONDAY_10, OWNER, asPerson, registrationInput, setUpWorkbook } from '../support/workbook';

const at = (iso: string) => Date.parse(`${iso}+03:00`);

function register(emulator: Emulator, overrides: Record<string, unknown> = {}): CaseView {
  return emulator.scriptRun<CaseView>('apiRegisterCase', [registrationInput(overrides)], { user: AGENT });
}

function step(emulator: Emulator, id: string, body: Record<string, unknown>, user = LEAD): CaseView {
  const c = emulator.scriptRun<CaseView>('apiGetCase', [id], { user });
  return emulator.scriptRun<CaseView>('apiTransition', [id, { ...body, version: c.version }], { user });
}

function hourly(emulator: Emulator, when?: string): ExecutionResult<JobOutcome> {
  if (when) emulator.advanceTo(at(when));
  const result = emulator.run<JobOutcome>('runHourly', [], { user: LEAD });
  if (!result.ok) throw new Error(String(result.error));
  return result;
}

/** Rows of the Events tab by type. */
function eventCount(emulator: Emulator, type: string): number {
  return asPerson(emulator, (ss) =>
    ss
      .getSheetByName('События')!
      .getDataRange()
      .getValues()
      .filter((row) => row[2] === type),
  ).length;
}

/**
 * Cells a run wrote besides the record of the run itself (a `job` Events row, when whoever runs
 * the job logs its runs): what the sweep changed.
 */
function sweepCellsWritten(emulator: Emulator, when?: string): number {
  const jobsBefore = eventCount(emulator, 'job');
  const result = hourly(emulator, when);
  const width = asPerson(emulator, (ss) => ss.getSheetByName('События')!.getLastColumn());
  return result.meter.cellsWritten - (eventCount(emulator, 'job') - jobsBefore) * width;
}

/** The sweep's cells of case `id`: SLA label, level, stored moments (ISO or ''). */
function flags(emulator: Emulator, id: string) {
  return asPerson(emulator, (ss) => {
    const sheet = ss.getSheetByName('Кейсы')!;
    const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!.map(String);
    const row = sheet.createTextFinder(id).matchEntireCell(true).findNext()!.getRow();
    const values = sheet.getRange(row, 1, 1, headers.length).getValues()[0]!;
    const cell = (header: string) => {
      const v = values[headers.indexOf(header)];
      return v instanceof Date ? v.toISOString() : v;
    };
    return {
      sla: cell('SLA'),
      level: cell('Эскалация'),
      atRiskAt: cell('Под риском с'),
      nextDueAt: cell('Ближайший срок'),
    };
  });
}

/** The `escalated` Events rows of case `id`, as their notes ("1 → 2"). */
function escalations(emulator: Emulator, id: string): string[] {
  return asPerson(emulator, (ss) =>
    ss
      .getSheetByName('События')!
      .getDataRange()
      .getValues()
      .filter((row) => row[1] === id && row[2] === 'escalated')
      .map((row) => String(row[6])),
  );
}

/** The background the person sees on a case row's first cell (conditional formats applied) at the clock's time. */
function rowColour(emulator: Emulator, id: string): string {
  const row = asPerson(emulator, (ss) =>
    ss.getSheetByName('Кейсы')!.createTextFinder(id).matchEntireCell(true).findNext()!.getRow(),
  );
  const view = sheetView(emulator.state, 'Кейсы', { maxRows: row, now: emulator.clock.now() });
  return view.rows[row - 1]!.cells[0]!.background ?? 'white';
}

const AMBER = '#fce8b2';
const RED = '#f4c7c3';

describe('runHourly flags and escalates each case once per threshold', () => {
  test('B: at risk, overdue, half a target more (level 2), one business day more (level 3)', () => {
    const emulator = setUpWorkbook();
    const c = register(emulator);
    emulator.advanceTo(at('2026-11-23T11:00:00'));
    emulator.scriptRun('apiRecordFirstResponse', [c.id, { version: c.version }], { user: AGENT });
    // Resolution 1440 business minutes from Mon 10:00: at risk (75 %) Tue 16:00, due Wed 10:00;
    // level 2 at Thu 10:00 (720 late), level 3 at Fri 10:00 (720 + one business day of 720).
    const expected: Array<[string, string, number, string[]]> = [
      ['2026-11-24T15:00:00', '', 0, []],
      ['2026-11-24T16:00:00', 'под угрозой', 0, []],
      ['2026-11-25T10:30:00', 'просрочен', 1, ['0 → 1']],
      ['2026-11-26T09:30:00', 'просрочен', 1, ['0 → 1']],
      ['2026-11-26T10:00:00', 'просрочен', 2, ['0 → 1', '1 → 2']],
      ['2026-11-27T09:00:00', 'просрочен', 2, ['0 → 1', '1 → 2']],
      ['2026-11-27T10:00:00', 'просрочен', 3, ['0 → 1', '1 → 2', '2 → 3']],
    ];
    for (const [when, sla, level, events] of expected) {
      hourly(emulator, when);
      hourly(emulator); // a second run at the same moment changes nothing
      expect([when, flags(emulator, c.id).sla, flags(emulator, c.id).level]).toEqual([when, sla, level]);
      expect(escalations(emulator, c.id)).toEqual(events);
    }
    expect(flags(emulator, c.id)).toMatchObject({
      atRiskAt: new Date(at('2026-11-24T16:00:00')).toISOString(),
      nextDueAt: new Date(at('2026-11-25T10:00:00')).toISOString(),
    });
  });

  test('A: a late resolution goes to level 3 at once, in one Events row; a late first response is level 1', () => {
    const emulator = setUpWorkbook();
    const a = register(emulator, { criticality: 'A', evidence: ['https://drive.example.com/a'] });
    hourly(emulator, '2026-11-23T10:45:00'); // first response (30 min) late
    expect(flags(emulator, a.id)).toMatchObject({ sla: 'просрочен', level: 1 });
    emulator.scriptRun('apiRecordFirstResponse', [a.id, { version: a.version }], { user: AGENT });
    hourly(emulator, '2026-11-23T17:00:00');
    expect(flags(emulator, a.id)).toMatchObject({ sla: 'под угрозой', level: 1 });
    hourly(emulator, '2026-11-23T18:30:00'); // resolution (480 min) due 18:00
    expect(flags(emulator, a.id)).toMatchObject({ sla: 'просрочен', level: 3 });
    expect(escalations(emulator, a.id)).toEqual(['0 → 1', '1 → 3']);
    hourly(emulator, '2026-11-23T19:30:00');
    expect(escalations(emulator, a.id)).toEqual(['0 → 1', '1 → 3']);
  });

  test('a reopened case starts again from level 0 and escalates again', () => {
    const emulator = setUpWorkbook();
    const c = register(emulator);
    expect(c.ownerEmail).toBe(OWNER);
    emulator.scriptRun('apiRecordFirstResponse', [c.id, { version: c.version }], { user: AGENT });
    step(emulator, c.id, { to: 'in_progress' });
    hourly(emulator, '2026-11-25T11:00:00');
    expect(flags(emulator, c.id).level).toBe(1);
    step(emulator, c.id, { to: 'resolved', resolution: 'Заменили фасад' });
    expect(flags(emulator, c.id)).toMatchObject({ sla: '', atRiskAt: '', nextDueAt: '' });
    step(emulator, c.id, { to: 'reopened', note: 'Клиент снова пишет' });
    expect(flags(emulator, c.id).level).toBe(0);
    hourly(emulator, '2026-11-25T12:00:00');
    expect(flags(emulator, c.id).level).toBe(0);
    // The new resolution clock (reopened Wed 11:00, + 1440) is due Fri 11:00: late at Fri 12:00.
    hourly(emulator, '2026-11-27T12:00:00');
    expect(flags(emulator, c.id)).toMatchObject({ sla: 'просрочен', level: 1 });
    expect(escalations(emulator, c.id)).toEqual(['0 → 1', '0 → 1']);
  });
});

describe('a label is never written from a stale read (issue 10, defect 11)', () => {
  test('loading the list writes no label, even one that is stale', () => {
    const emulator = setUpWorkbook();
    const c = register(emulator);
    emulator.advanceTo(at('2026-11-26T11:00:00')); // long overdue; no sweep has run
    const list = emulator.run<{ items: Array<{ id: string; sla: unknown }> }>('apiListCases', [{}], { user: AGENT });
    expect(list.ok).toBe(true);
    expect(list.meter.cellsWritten).toBe(0);
    expect(flags(emulator, c.id).sla).toBe('');
  });

  test('a case resolved while the sweep waits for the lock is not labelled overdue, escalated or noticed', () => {
    const emulator = setUpWorkbook({ buildDir: jobBundleDir() });
    const c = register(emulator);
    emulator.scriptRun('apiRecordFirstResponse', [c.id, { version: c.version }], { user: AGENT });
    const started = step(emulator, c.id, { to: 'in_progress' });
    emulator.advanceTo(at('2026-11-26T11:00:00')); // overdue, level 2 due, notices due
    const mails = emulator.state.mail.sent.length;
    // The resolve lands just before the sweep gets the lock: what the sweep writes must come from
    // a read taken under the lock, after it.
    const run = emulator.run(
      'testHourlyAfterACallWhileWaiting',
      ['apiTransition', [c.id, { to: 'resolved', resolution: 'Заменили фасад', version: started.version }]],
      { user: LEAD },
    );
    expect(run.ok).toBe(true);
    expect(emulator.scriptRun<CaseView>('apiGetCase', [c.id], { user: LEAD }).status).toBe('resolved');
    expect(flags(emulator, c.id)).toMatchObject({ sla: '', level: 0, atRiskAt: '', nextDueAt: '' });
    expect(escalations(emulator, c.id)).toEqual([]);
    expect(emulator.state.mail.sent.length).toBe(mails);
  });
});

describe('what a run costs', () => {
  test('a second run in a row writes nothing', () => {
    const emulator = setUpWorkbook();
    for (let i = 0; i < 5; i++) register(emulator, { orderNo: `K-${i}`, criticality: ['A', 'B', 'C'][i % 3] });
    const cancelled = register(emulator, { orderNo: 'K-cancelled' });
    step(emulator, cancelled.id, { to: 'cancelled', reason: 'Дубль' });
    expect(sweepCellsWritten(emulator, '2026-11-25T12:00:00')).toBeGreaterThan(0);
    const escalated = eventCount(emulator, 'escalated');
    expect(sweepCellsWritten(emulator)).toBe(0);
    expect(eventCount(emulator, 'escalated')).toBe(escalated);
  });

  test('its calls do not grow with the number of cases', () => {
    const costs = [4, 40].map((count) => {
      const emulator = setUpWorkbook();
      for (let i = 0; i < count; i++) register(emulator, { orderNo: `K-${i}`, criticality: ['A', 'B', 'C'][i % 3] });
      const run = hourly(emulator, '2026-11-25T12:00:00');
      // Every case changed (labels, levels): one write per run of changed columns, one append;
      // then delivery: one Events append per email sent and one write of its index.
      expect(run.meter.calls['Range.setValues']).toBeLessThanOrEqual(4 + emulator.state.mail.sent.length + 1);
      return run.meter.roundTrips;
    });
    expect(costs[1]).toBe(costs[0]);
  });

  test('over 3000 cases it reads only the columns it needs, in a few blocks, and writes each changed column once', () => {
    const emulator = setUpWorkbook();
    const c = register(emulator);
    const ROWS = 3000;
    const width = asPerson(emulator, (ss) => {
      const sheet = ss.getSheetByName('Кейсы')!;
      const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!;
      const row = sheet.getRange(2, 1, 1, headers.length).getValues()[0]!;
      const id = headers.indexOf('Номер');
      const copies = Array.from({ length: ROWS - 1 }, (_, i) => {
        const copy = [...row];
        copy[id] = `ARB-2026-${String(i + 2).padStart(5, '0')}`;
        return copy;
      });
      sheet.insertRowsAfter(sheet.getMaxRows(), ROWS);
      sheet.getRange(3, 1, copies.length, headers.length).setValues(copies);
      return headers.length;
    });
    expect(c.id).toBe('ARB-2026-00001');
    const run = hourly(emulator, '2026-11-25T12:00:00');
    const reads = run.meter.calls['Range.getValues'] ?? 0;
    // 21 needed columns of 43, read in five blocks (a one-column gap is bridged: cheaper than a call).
    expect(run.meter.cellsRead).toBeLessThan(ROWS * 23);
    expect(run.meter.cellsRead).toBeLessThan((ROWS * width) / 1.8);
    // (+1: "Run now" opens the Events tab for its own row.)
    expect(reads).toBeLessThanOrEqual(5 + 4 + 1);
    // SLA label, level, and the two moments (adjacent): three writes; 3000 escalations: one append;
    // then delivery: one Events append per email sent and one write of its index.
    expect(run.meter.calls['Range.setValues']).toBeLessThanOrEqual(4 + emulator.state.mail.sent.length + 1);
    expect(escalations(emulator, 'ARB-2026-03000')).toEqual(['0 → 1']);
    expect(sweepCellsWritten(emulator)).toBe(0);
  });
});

describe('the sheet stays true by itself', () => {
  test('a row turns amber, then red, as the clock passes its stored moments, with no job running', () => {
    const emulator = setUpWorkbook();
    const c = register(emulator); // B, Mon 10:00: first response at risk 11:30, due 12:00
    expect(rowColour(emulator, c.id)).toBe('white');
    emulator.advanceTo(at('2026-11-23T11:29:00'));
    expect(rowColour(emulator, c.id)).toBe('white');
    emulator.advanceTo(at('2026-11-23T11:30:00'));
    expect(rowColour(emulator, c.id)).toBe(AMBER);
    emulator.advanceTo(at('2026-11-23T12:01:00'));
    expect(rowColour(emulator, c.id)).toBe(RED);
    // The first response, recorded late, stops that clock: the row waits for the resolution's.
    emulator.scriptRun('apiRecordFirstResponse', [c.id, { version: c.version }], { user: AGENT });
    expect(rowColour(emulator, c.id)).toBe('white');
    emulator.advanceTo(at('2026-11-24T16:00:00'));
    expect(rowColour(emulator, c.id)).toBe(AMBER);
    emulator.advanceTo(at('2026-11-25T10:00:01'));
    expect(rowColour(emulator, c.id)).toBe(RED);
  });

  test('setup sets the spreadsheet to recalculate NOW() every minute, so an open sheet turns too', () => {
    const emulator = setUpWorkbook();
    expect(asPerson(emulator, (ss) => String(ss.getRecalculationInterval()))).toBe('MINUTE');
    asPerson(emulator, (ss) =>
      ss.setRecalculationInterval('HOUR' as unknown as GoogleAppsScript.Spreadsheet.RecalculationInterval),
    );
    emulator.run('setupWorkbook', [], { user: LEAD });
    expect(asPerson(emulator, (ss) => String(ss.getRecalculationInterval()))).toBe('MINUTE');
  });

  test('setup repairs an old workbook: adds the moment columns and replaces the label rules, keeping a person’s own', () => {
    const emulator = setUpWorkbook({ now: MONDAY_10 });
    const c = register(emulator);
    asPerson(emulator, (ss) => {
      const sheet = ss.getSheetByName('Кейсы')!;
      const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!.map(String);
      // The columns an old workbook lacks (deleted from the right: the later one first).
      sheet.deleteColumn(headers.indexOf('Ближайший срок') + 1);
      sheet.deleteColumn(headers.indexOf('Под риском с') + 1);
      const whole = sheet.getRange(2, 1, sheet.getMaxRows() - 1, sheet.getLastColumn());
      const base = sheet.getConditionalFormatRules()[0]!;
      const rule = (formula: string, colour: string) =>
        base.copy().whenFormulaSatisfied(formula).setBackground(colour).setRanges([whole]).build();
      sheet.setConditionalFormatRules([
        rule('=$D2="просрочен"', RED),
        rule('=$D2="под угрозой"', AMBER),
        rule('=$F2="VIP"', '#00ff00'),
      ]);
    });
    emulator.run('setupWorkbook', [], { user: LEAD });
    const formulas = asPerson(emulator, (ss) =>
      ss
        .getSheetByName('Кейсы')!
        .getConditionalFormatRules()
        .map((r) => String(r.getBooleanCondition()!.getCriteriaValues()[0])),
    );
    expect(formulas).toHaveLength(4);
    expect(formulas[0]).toMatch(/^=AND\(\$[A-Z]+2<>"",NOW\(\)>\$[A-Z]+2\)$/);
    expect(formulas[1]).toMatch(/^=AND\(\$[A-Z]+2<>"",NOW\(\)>=\$[A-Z]+2\)$/);
    expect(formulas[2]).toMatch(/^=OR\(/);
    expect(formulas[3]).toBe('=$F2="VIP"');
    // The existing case's moments are empty until the hourly job fills them; then its row turns.
    expect(flags(emulator, c.id)).toMatchObject({ atRiskAt: '', nextDueAt: '' });
    hourly(emulator, '2026-11-23T11:45:00');
    expect(flags(emulator, c.id).atRiskAt).toBe(new Date(at('2026-11-23T11:30:00')).toISOString());
    expect(rowColour(emulator, c.id)).toBe(AMBER);
  });
});
