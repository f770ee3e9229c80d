/**
 * Opening the workbook for one execution: its language, its tabs (found by name in either
 * language) and its settings, read from the Settings tab and validated. A constant number of
 * service calls, whatever the number of cases.
 */
import { DomainError } from '../domain/errors';
import { languageOfLocale, t, type Lang } from '../domain/i18n';
import { defaultSettings, type Settings } from '../domain/settings';
import { getCachedJson, putCachedJson, removeCached } from '../services/cache';
import { getDocumentProperty } from '../services/properties';
import { CASES, EVENTS, SETTINGS_TAB, type TabDef } from './schema';
import { parseSettingsRows } from './settings-tab';
import { Table } from './table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Document property holding the workbook language chosen at setup. */
export const LANG_PROPERTY = 'arbiter.lang';

export interface Workbook {
  ss: Spreadsheet;
  lang: Lang;
  timeZone: string;
}

export function workbookLanguage(ss: Spreadsheet): Lang {
  const stored = getDocumentProperty(LANG_PROPERTY);
  if (stored === 'ru' || stored === 'en') return stored;
  return languageOfLocale(ss.getSpreadsheetLocale());
}

/** The tab for `def`, under its name in the workbook language first, then the other. */
export function findSheet(ss: Spreadsheet, def: TabDef, lang: Lang): Sheet | null {
  const other: Lang = lang === 'ru' ? 'en' : 'ru';
  return ss.getSheetByName(def[lang]) ?? ss.getSheetByName(def[other]);
}

export function openWorkbook(ss: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): Workbook {
  return { ss, lang: workbookLanguage(ss), timeZone: ss.getSpreadsheetTimeZone() };
}

export function requireSheet(wb: Workbook, def: TabDef): Sheet {
  const sheet = findSheet(wb.ss, def, wb.lang);
  if (!sheet) throw new DomainError('not_found', [{ key: 'setup.needed', params: { tab: def[wb.lang] } }]);
  return sheet;
}

/** 'HH:mm' for a time of day (Sheets keeps those on 1899-12-30), else 'yyyy-MM-dd'. */
export function describeDate(date: Date, timeZone: string): string {
  const day = Utilities.formatDate(date, timeZone, 'yyyy-MM-dd');
  if (day === '1899-12-30') return Utilities.formatDate(date, timeZone, 'HH:mm');
  return day;
}

/** Reads and validates Settings; a broken tab fails with every problem and its cell. */
export function loadSettings(wb: Workbook): Settings {
  const sheet = requireSheet(wb, SETTINGS_TAB);
  const values = sheet.getDataRange().getValues();
  const parsed = parseSettingsRows(values, defaultSettings(wb.lang, wb.timeZone), (d) => describeDate(d, wb.timeZone));
  if (!parsed.settings) {
    const details = parsed.problems.map((p) =>
      t(wb.lang, 'settings.cell', { sheet: sheet.getName(), cell: p.cell, message: p.message }),
    );
    throw new DomainError('validation', [
      { key: 'settings.broken', params: { sheet: sheet.getName(), details: details.join('; ') } },
    ]);
  }
  return parsed.settings;
}

export function casesTable(wb: Workbook): Table {
  return Table.open(requireSheet(wb, CASES), CASES);
}

export function eventsTable(wb: Workbook): Table {
  const table = Table.open(requireSheet(wb, EVENTS), EVENTS);
  table.timeZone = wb.timeZone;
  return table;
}

/**
 * Where the parsed Settings are cached, and for how long at most. The version changes with the
 * cached shape: v2 since the role `leader` became `team_leader` (a v1 entry may still say `leader`),
 * v3 since Settings have a digest hour.
 */
const SETTINGS_CACHE_KEY = 'arbiter.settings.v3';
const SETTINGS_CACHE_SECONDS = 600;

interface CachedSettings {
  settings: Settings;
  timeZone: string;
}

/**
 * The workbook and its Settings, from the document cache when they are there. Whoever changes
 * Settings calls `rememberSettings` or `forgetSettings` (the API's save, setup, and onEdit of the
 * Settings tab); the time limit covers a change made any other way.
 */
export function openWorkbookWithSettings(ss: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): {
  wb: Workbook;
  settings: Settings;
} {
  const cached = getCachedJson<CachedSettings>(SETTINGS_CACHE_KEY);
  if (cached?.settings && cached.timeZone) {
    return { wb: { ss, lang: cached.settings.language, timeZone: cached.timeZone }, settings: cached.settings };
  }
  const opened = openWorkbook(ss);
  const settings = loadSettings(opened);
  rememberSettings(settings, opened.timeZone);
  return { wb: { ...opened, lang: settings.language }, settings };
}

export function rememberSettings(settings: Settings, timeZone: string): void {
  putCachedJson(SETTINGS_CACHE_KEY, { settings, timeZone } satisfies CachedSettings, SETTINGS_CACHE_SECONDS);
}

/** The settings as last read or saved, when the cache still holds them (no read of the tab). */
export function cachedSettings(): Settings | null {
  return getCachedJson<CachedSettings>(SETTINGS_CACHE_KEY)?.settings ?? null;
}

export function forgetSettings(): void {
  removeCached(SETTINGS_CACHE_KEY);
}
