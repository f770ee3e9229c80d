/**
 * The performance harness: runs the built bundle in the emulator against workbooks of growing
 * size and reports, per action, the service calls and cells it costs, the time the performance
 * model predicts on real Apps Script, and the emulator's own wall time and memory.
 *
 *   npm run bench                 sizes 100, 1000, 3000
 *   npm run bench -- 100 500      chosen sizes
 *
 * Results go to bench/results/latest.json (and are printed). Nothing here asserts: tests count
 * calls; the benchmark measures.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Emulator, type ExecutionResult } from '../emulator/runtime';

const BUILD_DIR = path.join(__dirname, '..', 'build');
const LEAD = 'lead@example.com';
const START = new Date('2026-11-23T10:00:00+03:00');

interface Row {
  cases: number;
  action: string;
  /** Calls that cost a round trip to Google (builders and Utilities are free). */
  roundTrips: number;
  calls: number;
  cellsRead: number;
  cellsWritten: number;
  modelMs: number;
  emulatorMs: number;
}

function registration(i: number): Record<string, unknown> {
  const kinds = ['Брак', 'Некомплект', 'Повреждение', 'Срыв сроков', 'Проблема монтажа'];
  return {
    orderNo: `K-${10000 + i}`,
    client: `Клиент ${i}`,
    contact: `+7701555${String(i).padStart(4, '0')}`,
    channel: 'WhatsApp',
    source: 'Обращение клиента',
    kind: kinds[i % kinds.length],
    summary: `Инцидент номер ${i}: описание того, что случилось у клиента`,
    evidence: [`https://drive.example.com/${i}`],
    criticality: ['A', 'B', 'C'][i % 3],
    ownerDept: 'Производство',
    ownerEmail: 'prod@example.com',
  };
}

function measure(rows: Row[], cases: number, action: string, run: () => ExecutionResult): ExecutionResult {
  const started = process.hrtime.bigint();
  const result = run();
  const emulatorMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (!result.ok) throw new Error(`${action} failed: ${result.error}`);
  rows.push({
    cases,
    action,
    roundTrips: result.meter.roundTrips,
    calls: result.meter.totalCalls,
    cellsRead: result.meter.cellsRead,
    cellsWritten: result.meter.cellsWritten,
    modelMs: result.meter.estimatedMs,
    emulatorMs: Math.round(emulatorMs * 10) / 10,
  });
  return result;
}

function benchSize(cases: number, rows: Row[]): void {
  const emulator = new Emulator({
    buildDir: BUILD_DIR,
    now: START,
    spreadsheet: { locale: 'ru_RU', timeZone: 'Europe/Moscow', owner: LEAD },
  });
  emulator.run('setupWorkbook', [], { user: LEAD });
  const seedStarted = Date.now();
  for (let i = 0; i < cases; i++) emulator.run('apiRegisterCase', [registration(i)], { user: LEAD });
  const seedMs = Date.now() - seedStarted;
  const registered = measure(rows, cases, 'apiRegisterCase', () =>
    emulator.execute('apiRegisterCase', [registration(cases)], { user: LEAD }),
  );
  const c = registered.value as { id: string; version: number };
  measure(rows, cases, 'apiTransition', () =>
    emulator.execute('apiTransition', [c.id, { to: 'in_progress', version: c.version }], { user: LEAD }),
  );
  measure(rows, cases, 'apiGetCase', () => emulator.execute('apiGetCase', [c.id], { user: LEAD }));
  measure(rows, cases, 'apiListCases', () =>
    emulator.execute('apiListCases', [{ status: 'open', limit: 50 }], { user: LEAD }),
  );
  measure(rows, cases, 'apiBootstrap', () => emulator.execute('apiBootstrap', [], { user: LEAD }));
  benchSettingsSaves(emulator, cases, rows);
  benchHourly(emulator, cases, rows);
  benchPaste(emulator, cases, rows);
  benchWeekly(emulator, cases, rows);
  benchDashboard(emulator, cases, rows);
  const memory = process.memoryUsage();
  console.log(
    `  ${cases} cases: seeded in ${(seedMs / 1000).toFixed(1)} s (${(seedMs / Math.max(1, cases)).toFixed(1)} ms/execution), ` +
      `heap ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB, rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB`,
  );
}

/** A lead saves Settings: once changing only the team, once changing a list that feeds a dropdown. */
function benchSettingsSaves(emulator: Emulator, cases: number, rows: Row[]): void {
  const settings = emulator.scriptRun<{ team: unknown[]; channels: string[] }>('apiGetSettings', [], { user: LEAD });
  settings.team.push({ email: `agent${cases}@example.com`, name: 'Агент', role: 'agent', team: '' });
  measure(rows, cases, 'apiSaveSettings (team)', () => emulator.execute('apiSaveSettings', [settings], { user: LEAD }));
  settings.channels.push(`Канал ${cases}`);
  measure(rows, cases, 'apiSaveSettings (a list)', () =>
    emulator.execute('apiSaveSettings', [settings], { user: LEAD }),
  );
}

/**
 * The hourly sweep two days later: the first run finds every case changed (labels, levels, an
 * escalation each); the next hour's run finds almost nothing to write.
 */
function benchHourly(emulator: Emulator, cases: number, rows: Row[]): void {
  emulator.clock.set(START.getTime() + 2 * 24 * 3600_000);
  measure(rows, cases, 'runHourly (all escalate)', () => emulator.execute('runHourly', [], { user: LEAD }));
  emulator.clock.set(emulator.clock.now() + 3600_000);
  measure(rows, cases, 'runHourly (an hour later)', () => emulator.execute('runHourly', [], { user: LEAD }));
}

/**
 * A person pastes 300 rows over the Cases tab's status and criticality columns: onEditInstalled
 * puts back the rows that are logged cases (all 300 when there are that many).
 */
function benchPaste(emulator: Emulator, cases: number, rows: Row[]): void {
  const pasted = Array.from({ length: 300 }, () => ['Закрыт', 'A']);
  measure(rows, cases, 'onEdit: paste over 300 rows', () => {
    const [result] = emulator.pasteValues('Кейсы', 'B2', pasted, LEAD);
    if (!result) throw new Error('no onEdit trigger ran');
    return result;
  });
}

/**
 * The weekly report the Monday after: every case read once (its KPI columns), the tab written,
 * the leaders' summary sent; then run again for the same week (the tab rewritten in place).
 */
function benchWeekly(emulator: Emulator, cases: number, rows: Row[]): void {
  emulator.clock.set(START.getTime() + 7 * 24 * 3600_000);
  const yes = () => ({ button: 'YES' });
  measure(rows, cases, 'runWeekly', () => emulator.execute('runWeekly', [], { user: LEAD, respond: yes }));
  measure(rows, cases, 'runWeekly (same week again)', () =>
    emulator.execute('runWeekly', [], { user: LEAD, respond: yes }),
  );
}

/** The dashboard from the menu: the cases' KPI columns read once, the Orders tab, one write. */
function benchDashboard(emulator: Emulator, cases: number, rows: Row[]): void {
  measure(rows, cases, 'refreshDashboard', () => emulator.execute('refreshDashboard', [], { user: LEAD }));
}

function main(): void {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n >= 0);
  const rows: Row[] = [];
  for (const size of sizes.length > 0 ? sizes : [100, 1000, 3000]) benchSize(size, rows);
  console.table(rows);
  const file = path.join(__dirname, 'results', 'latest.json');
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), node: process.version, rows }, null, 2) + '\n');
  console.log(`written ${path.relative(process.cwd(), file)}`);
}

main();
