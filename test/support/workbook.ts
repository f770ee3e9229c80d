/**
 * A set-up Arbiter workbook in the emulator, with a team of every role, and a way to act on the
 * spreadsheet directly as a person would (through the same fakes, outside the bundle).
 */
import { createExecutionEnv } from '../../emulator/core/execution';
import { Emulator } from '../../emulator/runtime';
import { createSpreadsheetApp } from '../../emulator/spreadsheet';
import { newEmulator } from './emulator';

export const LEAD = 'lead@example.com';
export const AGENT = 'agent@example.com';
export const OWNER = 'prod@example.com';
export const VIEWER = 'viewer@example.com';

/** Monday 2026-11-23 10:00 in Moscow. */
export const MONDAY_10 = new Date('2026-11-23T10:00:00+03:00');

export const msk = (iso: string) => new Date(`${iso}+03:00`).toISOString();

/**
 * A set-up workbook with a team. Setup installs the schedule (the hourly trigger); unless
 * `schedule` is true that trigger is deleted again (the edit trigger stays), so that moving the
 * clock runs no job and a test that runs a job by hand sees only that run.
 */
export function setUpWorkbook(
  options: { locale?: string; now?: Date; buildDir?: string; deployment?: 'bound' | 'addon'; schedule?: boolean } = {},
): Emulator {
  const emulator = newEmulator({
    ...(options.buildDir ? { buildDir: options.buildDir } : {}),
    now: options.now ?? MONDAY_10,
    deployment: options.deployment ?? 'bound',
    spreadsheet: { locale: options.locale ?? 'ru_RU', timeZone: 'Europe/Moscow', owner: LEAD },
  });
  emulator.run('setupWorkbook', [], { user: LEAD });
  const settings = emulator.scriptRun<
    Record<string, unknown> & { team: unknown[]; departments: Array<{ owners: string[] }> }
  >('apiGetSettings', [], { user: LEAD });
  settings.team.push(
    { email: AGENT, name: 'Дина Агент', role: 'agent', team: 'КС' },
    { email: OWNER, name: 'Олег Производство', role: 'owner', team: '' },
    { email: VIEWER, name: 'Вера Наблюдатель', role: 'viewer', team: '' },
  );
  (settings.departments[0] as { owners: string[] }).owners = [OWNER];
  emulator.scriptRun('apiSaveSettings', [settings], { user: LEAD });
  // As if deleted in the Apps Script dashboard: the edit trigger stays.
  if (!options.schedule) emulator.state.triggers = emulator.state.triggers.filter((t) => t.eventType !== 'CLOCK');
  return emulator;
}

/** Acts on the spreadsheet as a person with the Sheets UI would (no bundle, no metering that counts). */
export function asPerson<T>(emulator: Emulator, act: (ss: GoogleAppsScript.Spreadsheet.Spreadsheet) => T): T {
  const env = createExecutionEnv({ state: emulator.state, clock: emulator.clock, user: { email: LEAD } });
  return act(createSpreadsheetApp(env).getActiveSpreadsheet());
}

/** Registrations made so far in this test file: each default order and phone is new. */
let registrations = 0;

/**
 * A registration of a new matter: unless a test names them, its order number and phone are its
 * own (K-1042, +77015550102 first, then K-1043, +77015550103…), so it duplicates no open case
 * (docs/product.md, Finding cases).
 */
export function registrationInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const n = registrations++;
  return {
    orderNo: `K-${1042 + n}`,
    client: 'Айгерим Сапарова',
    contact: `+7701555${String(102 + n).padStart(4, '0')}`,
    channel: 'WhatsApp',
    source: 'Обращение клиента',
    kind: 'Повреждение',
    summary: 'Царапина на фасаде в день монтажа, не хватает фурнитуры',
    evidence: ['https://drive.example.com/photo-1'],
    criticality: 'B',
    ownerDept: 'Производство',
    ...overrides,
  };
}

/**
 * A generated tab (the weekly tab, the dashboard) as a person sees it: its values, what they
 * display, its formulas, and its charts (type, ranges, title); null when there is no such tab.
 */
export function readGeneratedTab(emulator: Emulator, name: string) {
  return asPerson(emulator, (ss) => {
    const sheet = ss.getSheetByName(name);
    if (!sheet) return null;
    const range = sheet.getDataRange();
    return {
      values: range.getValues(),
      display: range.getDisplayValues(),
      formulas: range.getFormulas(),
      charts: sheet.getCharts().map((chart) => ({
        type: String(chart.modify().getChartType()),
        ranges: chart.getRanges().map((r) => r.getA1Notation()),
        title: chart.getOptions().get('title'),
      })),
    };
  });
}

/** A cell of a tab (the Cases tab unless named) as a person sees it: its value and its note. */
export function cellOf(emulator: Emulator, a1: string, tab = 'Кейсы'): { value: unknown; note: string } {
  return asPerson(emulator, (ss) => {
    const range = ss.getSheetByName(tab)?.getRange(a1);
    return { value: range?.getValue(), note: range?.getNote() ?? '' };
  });
}

/** The letter of the Cases column headed `header` ('?' when there is none). */
export function caseColumn(emulator: Emulator, header: string): string {
  return asPerson(emulator, (ss) => {
    const found = ss.getSheetByName('Кейсы')?.getRange('1:1').createTextFinder(header).matchEntireCell(true).findNext();
    return found?.getA1Notation().replace(/\d+$/, '') ?? '?';
  });
}
