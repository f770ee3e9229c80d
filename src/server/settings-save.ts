/**
 * Saving Settings, one way whoever saves (docs/product.md, Integrity): the sidebar's Settings
 * screen and a lead typing in the Settings tab both end here, so both are validated the same
 * way, protect the tab for the leads they name (a lead demoted by hand loses edit rights at
 * once), drop the settings cache and write one `settings` Events row.
 */
import { DomainError, isDomainError } from '../domain/errors';
import { t } from '../domain/i18n';
import { defaultSettings, normalizeEmail, roleOf, settingsProblems, type Settings } from '../domain/settings';
import { now } from '../services/clock';
import { withDocumentLock } from '../services/lock';
import { setDocumentProperty } from '../services/properties';
import { appendEvents } from '../sheets/cases-repo';
import { CASES, SETTINGS_TAB } from '../sheets/schema';
import {
  changedLists,
  formatCases,
  protectSettings,
  setupWorkbook as setupSheets,
  writeSettingsTab,
} from '../sheets/setup';
import { parseSettingsRows } from '../sheets/settings-tab';
import { toCell } from '../sheets/table';
import {
  cachedSettings,
  describeDate,
  eventsTable,
  forgetSettings,
  LANG_PROPERTY,
  openWorkbook,
  rememberSettings,
  requireSheet,
  type Workbook,
} from '../sheets/workbook';
import { describeProblems, toUserError } from './errors';

type EditEvent = GoogleAppsScript.Events.SheetsOnEdit;

/** Refuses settings that break a rule (the same rules whether typed in the tab or sent by the sidebar). */
export function checkSettings(settings: Settings): Settings {
  const problems = settingsProblems(settings);
  if (problems.length > 0) throw new DomainError('validation', problems);
  return settings;
}

/**
 * Writes `settings` (checked) in place of `previous`, under the document lock the caller holds:
 * the tab, its protection, what a new language or changed lists touch, the cache and the log.
 */
export function saveSettings(wb: Workbook, previous: Settings, settings: Settings, actor: string): void {
  const next: Workbook = { ...wb, lang: settings.language };
  const settingsSheet = requireSheet(next, SETTINGS_TAB);
  writeSettingsTab(settingsSheet, settings);
  protectSettings(settingsSheet, settings, actor);
  // A new language renames the tabs, headers and status labels: what setup does. Otherwise
  // only the dropdowns whose lists changed are rewritten (a team change touches no Cases cell).
  const lists = changedLists(previous, settings);
  if (settings.language !== wb.lang) setupSheets(wb.ss, actor);
  else if (lists.length > 0) formatCases(requireSheet(next, CASES), settings.language, settings, lists);
  setDocumentProperty(LANG_PROPERTY, settings.language);
  rememberSettings(settings, wb.timeZone);
  appendEvents(eventsTable(next), [
    {
      at: now(),
      caseId: '-',
      type: 'settings',
      actor,
      from: '',
      to: '',
      // Which parts changed (team, sla, calendar…): what a lead looks for in the log.
      note: (Object.keys(settings) as Array<keyof Settings>)
        .filter((part) => JSON.stringify(settings[part]) !== JSON.stringify(previous[part]))
        .join(', '),
      version: null,
      changes: null,
    },
  ]);
}

/**
 * A hand edit of the Settings tab: saved as the sidebar saves, or, when the tab no longer reads
 * as valid settings or the editor is not a lead, put back as the settings were, with a note on
 * the edited cell saying why. What the settings were comes from the cache, else from the tab with
 * the edited cell's old value.
 */
export function onSettingsEdited(e: EditEvent, actor: string): void {
  const range = e.range;
  const sheet = range.getSheet();
  const cached = cachedSettings();
  forgetSettings();
  const wb = openWorkbook(e.source);
  let previous: Settings | null = cached;
  try {
    withDocumentLock(() => {
      const rows = sheet.getDataRange().getValues();
      const parse = (values: unknown[][]) =>
        parseSettingsRows(values, defaultSettings(wb.lang, wb.timeZone), (d) => describeDate(d, wb.timeZone));
      previous ??= parse(withOldValue(rows, e)).settings;
      const parsed = parse(rows);
      if (!parsed.settings) {
        const details = parsed.problems.map((p) =>
          t(wb.lang, 'settings.cell', { sheet: sheet.getName(), cell: p.cell, message: p.message }),
        );
        throw new DomainError('validation', [
          { key: 'settings.broken', params: { sheet: sheet.getName(), details: details.join('; ') } },
        ]);
      }
      // A tab that was broken before the edit: the edit mends it, by a lead it names (the tab's
      // protection lets only leads type in it).
      const before = previous ?? parsed.settings;
      checkLead(before, actor, e);
      saveSettings({ ...wb, lang: before.language }, before, checkSettings(parsed.settings), actor);
      range.getCell(1, 1).clearNote();
    });
  } catch (error) {
    const lang = (previous as Settings | null)?.language ?? wb.lang;
    const message = isDomainError(error) ? describeProblems(error, lang) : toUserError(error, lang).message;
    if (previous) {
      writeSettingsTab(sheet, previous);
      rememberSettings(previous, wb.timeZone);
    } else if (range.getNumRows() === 1 && range.getNumColumns() === 1) {
      range.setValue(toCell(e.oldValue ?? ''));
    }
    range.getCell(1, 1).setNote(t(lang, 'edit.statusReverted', { message }));
  }
}

/** Only a lead (or the spreadsheet's owner) changes Settings, in the tab as in the sidebar. */
function checkLead(settings: Settings, actor: string, e: EditEvent): void {
  const role = roleOf(settings, actor);
  if (role === 'lead') return;
  if (normalizeEmail(e.source.getOwner()?.getEmail() ?? '') === actor) return;
  throw new DomainError('forbidden', [{ key: 'auth.role', params: { roles: 'lead', role: role ?? '-' } }]);
}

/** The tab's rows as they were before a one-cell edit (a paste carries no old values). */
function withOldValue(rows: unknown[][], e: EditEvent): unknown[][] {
  const range = e.range;
  if (range.getNumRows() !== 1 || range.getNumColumns() !== 1) return rows;
  const copy = rows.map((row) => [...row]);
  const row = copy[range.getRow() - 1];
  if (row) row[range.getColumn() - 1] = e.oldValue ?? '';
  return copy;
}
