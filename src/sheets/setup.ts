/**
 * Creates or repairs the workbook (docs/product.md, The workbook): every tab in its language,
 * headers, frozen header rows, dropdowns, conditional formats, protections and a filled Settings
 * tab.
 * Running it again changes nothing; a column a person deleted comes back at the end, one they
 * moved stays where they put it, and columns they added are left alone with their data.
 */
import { languageOfLocale, t, type Lang } from '../domain/i18n';
import { CRITICALITIES, STATUSES } from '../domain/model';
import { CSI_ROLES, ZONE_CATEGORIES, ZONE_SOURCES } from '../domain/growth-zones';
import { defaultSettings, normalizeEmail, type Settings } from '../domain/settings';
import { setDocumentProperty } from '../services/properties';
import { columnLetter } from './a1';
import { parseStatus, statusLabel } from './case-row';
import {
  CASES,
  CSI,
  EVENTS,
  ORDERS,
  SETTINGS_TAB,
  TABS,
  ZONES,
  type ColumnDef,
  type ListSource,
  type TabDef,
} from './schema';
import { formatZoneTabs } from './zones-setup';
import { CSI_ROLE, ZONE_CATEGORY, ZONE_SOURCE } from './zones-tab';
import { parseSettingsRows, settingsToRows, SETTINGS_WIDTH } from './settings-tab';
import { recoverRenamedHeaders } from './header-repair';
import { Table, toCell } from './table';
import { describeDate, findSheet, LANG_PROPERTY } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface SetupReport {
  lang: Lang;
  createdTabs: string[];
  addedColumns: string[];
  settingsWritten: boolean;
  leadAdded: boolean;
  /** Settings tab problems that stopped setup from touching it (a lead must fix them by hand). */
  settingsProblems: string[];
  settings: Settings | null;
}

const HEADER_BACKGROUND = '#e8eaed';
const TITLE_BACKGROUND = '#d2e3fc';
/** Protections Arbiter owns are recognised by this description prefix. */
export const PROTECTION_PREFIX = 'Arbiter: ';

const DATE_FORMAT: Record<Lang, string> = { ru: 'dd.mm.yyyy hh:mm', en: 'yyyy-mm-dd hh:mm' };
const EVENT_TIME_FORMAT: Record<Lang, string> = { ru: 'dd.mm.yyyy hh:mm:ss', en: 'yyyy-mm-dd hh:mm:ss' };

/**
 * `mayRun` sees the settings already in the workbook (null when there are none or they are broken)
 * before anything is written, and throws to refuse.
 */
export function setupWorkbook(
  ss: Spreadsheet,
  runner: string,
  mayRun: (existing: Settings | null) => void = () => undefined,
): SetupReport {
  const timeZone = ss.getSpreadsheetTimeZone();
  const existingSettingsSheet = findSheet(ss, SETTINGS_TAB, languageOfLocale(ss.getSpreadsheetLocale()));
  const existing = existingSettingsSheet ? readSettings(existingSettingsSheet, ss, timeZone) : null;
  mayRun(existing?.settings ?? null);
  const lang: Lang = existing?.settings?.language ?? languageOfLocale(ss.getSpreadsheetLocale());
  setDocumentProperty(LANG_PROPERTY, lang);

  const report: SetupReport = {
    lang,
    createdTabs: [],
    addedColumns: [],
    settingsWritten: false,
    leadAdded: false,
    settingsProblems: existing?.problems ?? [],
    settings: null,
  };

  const sheets = new Map<TabDef, Sheet>();
  for (const def of TABS) {
    let sheet = findSheet(ss, def, lang);
    if (!sheet) {
      sheet = ss.insertSheet(def[lang]);
      report.createdTabs.push(def[lang]);
    } else if (sheet.getName() !== def[lang] && !ss.getSheetByName(def[lang])) {
      sheet.setName(def[lang]);
    }
    sheets.set(def, sheet);
    if (def.columns.length > 0) ensureColumns(sheet, def, lang, report);
  }

  const settingsSheet = sheets.get(SETTINGS_TAB) as Sheet;
  const settings = ensureSettings(settingsSheet, existing, lang, timeZone, runner, report);
  report.settings = settings;

  const cases = sheets.get(CASES) as Sheet;
  formatCases(cases, lang, settings ?? defaultSettings(lang, timeZone));
  recalculateEveryMinute(ss);
  relabelStatuses(cases, lang);
  protectSystemColumns(cases, CASES, lang);
  protectWholeTab(sheets.get(EVENTS) as Sheet, EVENTS, lang);
  formatEventTimes(sheets.get(EVENTS) as Sheet, lang);
  if (settings) protectSettings(settingsSheet, settings, runner);
  guardOrders(sheets.get(ORDERS) as Sheet, lang);
  // Zones of growth and CSI: their checks, labels and filter; their system columns as Cases'.
  formatZoneTabs(
    sheets.get(ZONES) as Sheet,
    sheets.get(CSI) as Sheet,
    lang,
    settings ?? defaultSettings(lang, timeZone),
    listValues,
  );
  protectSystemColumns(sheets.get(ZONES) as Sheet, ZONES, lang);
  protectSystemColumns(sheets.get(CSI) as Sheet, CSI, lang);
  return report;
}

/**
 * The Events tab's times read as dates and times to the second, in the workbook's time zone (the
 * cells hold moments; docs/product.md, Integrity).
 */
function formatEventTimes(sheet: Sheet, lang: Lang): void {
  const table = Table.open(sheet, EVENTS);
  if (!table.has('at')) return;
  sheet.getRange(2, table.columnNumber('at'), sheet.getMaxRows() - 1, 1).setNumberFormat(EVENT_TIME_FORMAT[lang]);
}

/**
 * The Orders tab (docs/product.md, KPIs: incidents per 100 orders): the count column takes a
 * number, 0 or more (a person typing anything else is refused, with the rule's help text); the
 * week column stays free, because a week may be typed as '2026-W48' or as a date, and the reader
 * (domain/orders.ts) reports a row it cannot use. The tab is protected with a warning, like the
 * system columns: leads keep it, and the shop's export may be pasted by whoever runs it.
 */
function guardOrders(sheet: Sheet, lang: Lang): void {
  const table = Table.open(sheet, ORDERS);
  if (table.has('orders')) {
    const column = table.columnNumber('orders');
    const range = sheet.getRange(2, column, sheet.getMaxRows() - 1, 1);
    const rule = SpreadsheetApp.newDataValidation()
      .requireNumberGreaterThanOrEqualTo(0)
      .setAllowInvalid(false)
      .setHelpText(t(lang, 'orders.countHelp'))
      .build();
    range.setDataValidation(rule);
    range.setNumberFormat('0');
  }
  const description = `${PROTECTION_PREFIX}${t(lang, 'protection.orders')}`;
  const ours = sheet
    .getProtections(SpreadsheetApp.ProtectionType.SHEET)
    .find((p) => p.getDescription().startsWith(PROTECTION_PREFIX));
  if (!ours) sheet.protect().setDescription(description).setWarningOnly(true);
  else if (ours.getDescription() !== description) ours.setDescription(description);
}

/**
 * The rows' colours compare stored moments with `NOW()` (applyConditionalFormats). Sheets
 * recalculates NOW() on a change, and also every minute or hour when the spreadsheet says so
 * (File > Settings > Calculation): every minute, so that an open sheet turns a row red when its
 * due time passes, not at the next edit.
 */
function recalculateEveryMinute(ss: Spreadsheet): void {
  const minute = SpreadsheetApp.RecalculationInterval.MINUTE;
  if (String(ss.getRecalculationInterval()) !== String(minute)) ss.setRecalculationInterval(minute);
}

/**
 * Status cells in the workbook's language (after a language change the dropdown and the colour
 * rules expect the new labels): one read of the column, one write when a label changed.
 */
function relabelStatuses(sheet: Sheet, lang: Lang): void {
  const table = Table.open(sheet, CASES);
  const lastRow = sheet.getLastRow();
  if (!table.has('status') || lastRow < 2) return;
  const range = sheet.getRange(2, table.columnNumber('status'), lastRow - 1, 1);
  const current = range.getValues().map(([v]) => v);
  const labels = current.map((v) => {
    const status = parseStatus(v);
    return status ? statusLabel(status, lang) : v;
  });
  if (labels.some((label, i) => label !== current[i]))
    range.setValues(labels.map((label) => [toCell(String(label ?? ''))]));
}

/**
 * Settings decide who is a lead, so only leads (and the spreadsheet's owner, whom Sheets never
 * locks out) may edit the tab: a strict protection, unlike the warning-only ones elsewhere.
 * Arbiter writes Settings only for a lead (apiSaveSettings, setup), so it keeps working.
 */
export function protectSettings(sheet: Sheet, settings: Settings, runner: string): void {
  const description = `${PROTECTION_PREFIX}${t(settings.language, 'protection.settings')}`;
  const protection =
    sheet
      .getProtections(SpreadsheetApp.ProtectionType.SHEET)
      .find((p) => p.getDescription().startsWith(PROTECTION_PREFIX)) ?? sheet.protect();
  if (protection.getDescription() !== description) protection.setDescription(description);
  if (protection.isWarningOnly()) protection.setWarningOnly(false);
  const leads = new Set(settings.team.filter((m) => m.role === 'lead').map((m) => normalizeEmail(m.email)));
  leads.add(normalizeEmail(runner));
  // A new protection lets every editor of the spreadsheet in: name the leads, then remove the rest
  // (the pattern of the Protection reference; Sheets keeps the owner whatever is removed).
  protection.addEditors([...leads].filter(Boolean));
  const others = protection
    .getEditors()
    .map((u) => normalizeEmail(u.getEmail()))
    .filter((email) => !leads.has(email));
  if (others.length > 0) protection.removeEditors(others);
  if (protection.canDomainEdit()) protection.setDomainEdit(false);
}

function readSettings(
  sheet: Sheet,
  ss: Spreadsheet,
  timeZone: string,
): { settings: Settings | null; problems: string[]; empty: boolean } {
  const values = sheet.getDataRange().getValues();
  const empty = values.every((row) => row.every((v) => v === ''));
  if (empty) return { settings: null, problems: [], empty };
  const lang = languageOfLocale(ss.getSpreadsheetLocale());
  const parsed = parseSettingsRows(values, defaultSettings(lang, timeZone), (d) => describeDate(d, timeZone));
  return { settings: parsed.settings, problems: parsed.problems.map((p) => `${p.cell}: ${p.message}`), empty };
}

/** Headers in the workbook language; missing columns appended after the last header. */
function ensureColumns(sheet: Sheet, def: TabDef, lang: Lang, report: SetupReport): void {
  const lastColumn = sheet.getLastColumn();
  const headers = lastColumn > 0 ? (sheet.getRange(1, 1, 1, lastColumn).getValues()[0] ?? []) : [];
  const read = [...headers];
  recoverRenamedHeaders(sheet, def, headers, lang);
  const table = Table.fromHeaders(sheet, def, headers);
  const renamed = [...headers];
  let changed = headers.some((header, i) => header !== read[i]);
  for (const column of def.columns) {
    if (!table.has(column.key)) continue;
    const index = table.columnNumber(column.key) - 1;
    if (renamed[index] !== column[lang]) {
      renamed[index] = column[lang];
      changed = true;
    }
  }
  const missing = def.columns.filter((c) => !table.has(c.key));
  const width = lastColumn === 0 ? 0 : table.width;
  const full = [...renamed.slice(0, width), ...missing.map((c) => c[lang])];
  if (missing.length > 0) {
    const needed = full.length - sheet.getMaxColumns();
    if (needed > 0) sheet.insertColumnsAfter(sheet.getMaxColumns(), needed);
    // On a new tab every column is "missing"; only a repair is worth reporting.
    if (width > 0) report.addedColumns.push(...missing.map((c) => `${def[lang]}: ${c[lang]}`));
    changed = true;
  }
  if (changed) sheet.getRange(1, 1, 1, full.length).setValues([full.map((h) => toCell(String(h)))]);
  const header = sheet.getRange(1, 1, 1, full.length);
  header.setFontWeight('bold').setBackground(HEADER_BACKGROUND);
  if (sheet.getFrozenRows() !== 1) sheet.setFrozenRows(1);
  if (missing.length > 0) {
    missing.forEach((c, i) => {
      if (c.width) sheet.setColumnWidth(width + i + 1, c.width);
    });
  }
}

/**
 * Writes the defaults into an empty Settings tab, adds the runner as a lead when missing, and
 * otherwise leaves a valid tab alone. A broken tab is reported, never overwritten.
 */
function ensureSettings(
  sheet: Sheet,
  existing: { settings: Settings | null; problems: string[]; empty: boolean } | null,
  lang: Lang,
  timeZone: string,
  runner: string,
  report: SetupReport,
): Settings | null {
  if (existing && !existing.empty && !existing.settings) return null;
  const settings = existing?.settings ?? defaultSettings(lang, timeZone);
  const email = normalizeEmail(runner);
  if (email && !settings.team.some((m) => normalizeEmail(m.email) === email)) {
    settings.team.push({ email, name: '', role: 'lead', team: '' });
    report.leadAdded = true;
  }
  if (!existing?.settings || report.leadAdded) {
    writeSettingsTab(sheet, settings);
    sizeSettingsColumns(sheet);
    report.settingsWritten = true;
  }
  return settings;
}

/**
 * Rewrites the whole Settings tab from `settings`: one write of the values, all escaped as text (so
 * a time stays "09:00"; old rows below are cleared in the same write), then the section styles in
 * a fixed number of calls (range lists), however many sections and rows there are.
 */
export function writeSettingsTab(sheet: Sheet, settings: Settings): void {
  const layout = settingsToRows(settings);
  const oldRows = sheet.getLastRow();
  const rows = Math.max(layout.rows.length, oldRows);
  const padded = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: SETTINGS_WIDTH }, (_, c) => toCell(layout.rows[i]?.[c] ?? '')),
  );
  const range = sheet.getRange(1, 1, rows, SETTINGS_WIDTH);
  range.setFontWeight('normal').setBackground(null);
  range.setValues(padded);
  const rowsA1 = (numbers: number[]) => numbers.map((row) => `A${row}:${columnLetter(SETTINGS_WIDTH)}${row}`);
  const styled = [...layout.titleRows, ...layout.headerRows];
  if (styled.length > 0) sheet.getRangeList(rowsA1(styled)).setFontWeight('bold');
  if (layout.titleRows.length > 0) sheet.getRangeList(rowsA1(layout.titleRows)).setBackground(TITLE_BACKGROUND);
  if (layout.headerRows.length > 0) sheet.getRangeList(rowsA1(layout.headerRows)).setBackground(HEADER_BACKGROUND);
}

/** The Settings tab's column widths: set when setup writes the tab, then the lead's to change. */
function sizeSettingsColumns(sheet: Sheet): void {
  sheet.setColumnWidth(1, 220);
  sheet.setColumnWidths(2, 2, 260);
  sheet.setColumnWidth(4, 200);
}

/** The values of a dropdown column. */
export function listValues(source: ListSource, settings: Settings, lang: Lang): string[] {
  switch (source) {
    case 'status':
      return STATUSES.map((s) => t(lang, `status.${s}`));
    case 'criticality':
      return [...CRITICALITIES];
    case 'department':
      return settings.departments.map((d) => d.name);
    case 'channel':
      return settings.channels;
    case 'kind':
      return settings.kinds;
    case 'source':
      return settings.sources;
    case 'rootCause':
      return settings.rootCauses;
    case 'zoneSource':
      return ZONE_SOURCES.map((code) => ZONE_SOURCE.label(code, lang));
    case 'zoneCategory':
      return ZONE_CATEGORIES.map((code) => ZONE_CATEGORY.label(code, lang));
    case 'csiRole':
      return CSI_ROLES.map((code) => CSI_ROLE.label(code, lang));
  }
}

/** Settings lists that feed the Cases tab's dropdowns. */
const SETTINGS_LISTS: readonly ListSource[] = ['department', 'channel', 'kind', 'source', 'rootCause'];

/** The Settings lists whose values differ between `before` and `after` (their dropdowns are stale). */
export function changedLists(before: Settings, after: Settings): ListSource[] {
  return SETTINGS_LISTS.filter(
    (source) =>
      JSON.stringify(listValues(source, before, before.language)) !==
      JSON.stringify(listValues(source, after, after.language)),
  );
}

/**
 * Dropdowns, checkboxes, number formats and conditional formats of the Cases tab; given `only`,
 * just the dropdowns fed by those lists (what a Settings save changed). Each kind of format is
 * written in as few calls as the columns allow: validations one block per run of adjacent
 * columns, the date format one range list, whatever the number of rows.
 */
export function formatCases(sheet: Sheet, lang: Lang, settings: Settings, only?: readonly ListSource[]): void {
  const table = Table.open(sheet, CASES);
  const rows = sheet.getMaxRows() - 1;
  const present = CASES.columns.filter((c) => table.has(c.key));
  const validated = present.filter((c) => (only ? c.list && only.includes(c.list) : c.list || c.type === 'bool'));
  const rule = (column: ColumnDef) => {
    if (!column.list) return SpreadsheetApp.newDataValidation().requireCheckbox().build();
    const strict = column.list === 'status' || column.list === 'criticality';
    return SpreadsheetApp.newDataValidation()
      .requireValueInList(listValues(column.list, settings, lang), true)
      .setAllowInvalid(!strict)
      .build();
  };
  const byNumber = new Map(validated.map((c) => [table.columnNumber(c.key), c]));
  for (const [from, to] of adjacentRuns([...byNumber.keys()])) {
    const rules = Array.from({ length: to - from + 1 }, (_, i) => rule(byNumber.get(from + i) as ColumnDef));
    const range = sheet.getRange(2, from, rows, rules.length);
    if (rules.length === 1) range.setDataValidation(rules[0] as GoogleAppsScript.Spreadsheet.DataValidation);
    else range.setDataValidations(Array.from({ length: rows }, () => rules));
  }
  if (only) return;
  const dates = present
    .filter((c) => c.type === 'date')
    .map((c) => columnLetter(table.columnNumber(c.key)))
    .map((letter) => `${letter}2:${letter}${rows + 1}`);
  if (dates.length > 0) sheet.getRangeList(dates).setNumberFormat(DATE_FORMAT[lang]);
  applyConditionalFormats(sheet, table, lang, rows);
}

/** Sorted runs of adjacent column numbers, as [first, last]. */
function adjacentRuns(columns: number[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const column of [...columns].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && last[1] === column - 1) last[1] = column;
    else runs.push([column, column]);
  }
  return runs;
}

/**
 * The rows colour themselves (docs/product.md, Escalation): red once `NOW()` is past the stored
 * next due time, amber from the stored at-risk moment, grey text for finished cases. The moments
 * are written with every change of a case and by the hourly job (sla.ts clockMoments), so a row
 * turns when its time comes with no script running. Formulas: columns absolute, rows relative to
 * the range's first row; an empty moment (nothing owed) never matches. Sheets applies the first
 * rule that holds, so red comes before amber.
 */
function applyConditionalFormats(sheet: Sheet, table: Table, lang: Lang, rows: number): void {
  // A column a person deleted comes back with setup; until then its rule has nothing to read.
  if (!table.has('nextDueAt') || !table.has('atRiskAt') || !table.has('status')) return;
  const column = (key: string) => `$${columnLetter(table.columnNumber(key))}2`;
  const status = column('status');
  const whole = sheet.getRange(2, 1, rows, table.width);
  const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const ours = [
    { formula: reachedFormula(column('nextDueAt'), '>'), background: '#f4c7c3', color: null },
    { formula: reachedFormula(column('atRiskAt'), '>='), background: '#fce8b2', color: null },
    {
      formula: `=OR(${status}=${quoted(t(lang, 'status.closed'))},${status}=${quoted(t(lang, 'status.cancelled'))})`,
      background: null,
      color: '#80868b',
    },
  ];
  const isOurs = (rule: GoogleAppsScript.Spreadsheet.ConditionalFormatRule) => {
    const values = rule.getBooleanCondition()?.getCriteriaValues() ?? [];
    return values.some((v) => typeof v === 'string' && (OUR_FORMULA.test(v) || MOMENT_FORMULA.test(v)));
  };
  const kept = sheet.getConditionalFormatRules().filter((rule) => !isOurs(rule));
  const built = ours.map((r) => {
    let builder = SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied(r.formula).setRanges([whole]);
    if (r.background) builder = builder.setBackground(r.background);
    if (r.color) builder = builder.setFontColor(r.color);
    return builder.build();
  });
  sheet.setConditionalFormatRules([...built, ...kept]);
}

/** True in a row once `NOW()` has reached the moment in `cell` (`>`: passed it); false when empty. */
function reachedFormula(cell: string, op: '>' | '>='): string {
  return `=AND(${cell}<>"",NOW()${op}${cell})`;
}

/** Our moment rules, whatever columns they name: how setup finds them to replace them. */
const MOMENT_FORMULA = /^=AND\(\$[A-Z]+2<>"",NOW\(\)>=?\$[A-Z]+2\)$/;

/**
 * Our label and status rules' formulas, in either language: the finished-case rule, and the label
 * rules of workbooks set up before the rows coloured themselves (setup replaces them).
 */
const OUR_FORMULA = new RegExp(
  `^=(OR\\()?\\$[A-Z]+2=("(${[t('ru', 'sla.overdue'), t('en', 'sla.overdue'), t('ru', 'sla.atRisk'), t('en', 'sla.atRisk'), t('ru', 'status.closed'), t('en', 'status.closed')].join('|')})")`,
);

/**
 * System columns are protected with a warning: a person who edits one is warned (and onEdit puts
 * the value back), while Arbiter, running as whichever agent uses the sidebar, can still write.
 * A strict protection would refuse those writes: scripts run with the user's own edit rights.
 */
function protectSystemColumns(sheet: Sheet, def: TabDef, lang: Lang): void {
  const table = Table.open(sheet, def);
  const runs = adjacentRuns(
    def.columns.filter((c) => c.system && table.has(c.key)).map((c) => table.columnNumber(c.key)),
  );
  const description = `${PROTECTION_PREFIX}${t(lang, 'protection.system')}`;
  const existing = sheet
    .getProtections(SpreadsheetApp.ProtectionType.RANGE)
    .filter((p) => p.getDescription().startsWith(PROTECTION_PREFIX));
  const span = (p: GoogleAppsScript.Spreadsheet.Protection) => {
    const range = p.getRange();
    return `${range.getColumn()}:${range.getLastColumn()}`;
  };
  const wanted = runs.map(([from, to]) => `${from}:${to}`);
  const have = new Set(existing.map(span));
  for (const protection of existing) {
    if (!wanted.includes(span(protection))) protection.remove();
  }
  for (const [from, to] of runs) {
    if (have.has(`${from}:${to}`)) continue;
    sheet
      .getRange(`${columnLetter(from)}:${columnLetter(to)}`)
      .protect()
      .setDescription(description)
      .setWarningOnly(true);
  }
}

function protectWholeTab(sheet: Sheet, def: TabDef, lang: Lang): void {
  const ours = sheet
    .getProtections(SpreadsheetApp.ProtectionType.SHEET)
    .some((p) => p.getDescription().startsWith(PROTECTION_PREFIX));
  if (!ours)
    sheet
      .protect()
      .setDescription(`${PROTECTION_PREFIX}${t(lang, 'protection.events', { tab: def[lang] })}`)
      .setWarningOnly(true);
}
