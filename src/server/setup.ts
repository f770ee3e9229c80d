/**
 * Menu actions that shape the workbook: setupWorkbook and the installable triggers.
 */
import { DomainError } from '../domain/errors';
import { languageOfLocale, t } from '../domain/i18n';
import { normalizeEmail } from '../domain/settings';
import { now } from '../services/clock';
import { withDocumentLock } from '../services/lock';
import { activeUserEmail } from '../services/session';
import { appendEvents } from '../sheets/cases-repo';
import { CASES, EVENTS } from '../sheets/schema';
import { setupWorkbook as setupSheets, type SetupReport } from '../sheets/setup';
import { findSheet, forgetSettings } from '../sheets/workbook';
import { Table } from '../sheets/table';
import { userFacing } from './errors';

export interface SetupSummary {
  lang: 'ru' | 'en';
  createdTabs: string[];
  addedColumns: string[];
  settingsWritten: boolean;
  leadAdded: boolean;
  settingsProblems: string[];
  triggersInstalled: string[];
}

/**
 * Creates or repairs the workbook and installs the triggers. The first person to run it becomes a
 * lead; after that only leads may run it (otherwise anyone could make themselves a lead).
 */
export function setupWorkbook(): SetupSummary {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  let lang = languageOfLocale(ss.getSpreadsheetLocale());
  return userFacing(
    () => lang,
    () => {
      const runner = activeUserEmail();
      if (!runner) throw new DomainError('forbidden', [{ key: 'auth.noEmail' }]);
      const report: SetupReport = withDocumentLock(() => {
        const result = setupSheets(ss, runner, (existing) => {
          if (existing) lang = existing.language;
          const leads = existing?.team.filter((m) => m.role === 'lead').map((m) => normalizeEmail(m.email)) ?? [];
          if (existing && !leads.includes(runner)) throw new DomainError('forbidden', [{ key: 'setup.leadsOnly' }]);
          // Settings gone or unreadable in a workbook with history: setting it up again would make
          // the runner the only lead, so only the spreadsheet's owner may do it.
          if (!existing && hasHistory(ss, lang) && normalizeEmail(ss.getOwner()?.getEmail() ?? '') !== runner) {
            throw new DomainError('forbidden', [{ key: 'setup.ownerOnly' }]);
          }
        });
        lang = result.lang;
        if (result.settingsWritten) forgetSettings();
        const changed = result.createdTabs.length + result.addedColumns.length > 0 || result.settingsWritten;
        if (changed) {
          const note = [
            ...result.createdTabs.map((tab) => t(result.lang, 'setup.createdTab', { tab })),
            ...result.addedColumns.map((column) => t(result.lang, 'setup.addedColumn', { column })),
            ...(result.leadAdded ? [t(result.lang, 'setup.leadAdded', { email: runner })] : []),
          ].join('\n');
          const events = Table.open(findSheet(ss, EVENTS, result.lang) as GoogleAppsScript.Spreadsheet.Sheet, EVENTS);
          appendEvents(events, [
            {
              at: now(),
              caseId: '-',
              type: 'setup',
              actor: runner,
              from: '',
              to: '',
              note,
              version: null,
              changes: null,
            },
          ]);
        }
        return result;
      });
      const triggersInstalled = installTriggers();
      const cases = findSheet(ss, CASES, report.lang);
      if (cases) ss.setActiveSheet(cases);
      ss.toast(
        report.settingsProblems.length > 0
          ? t(report.lang, 'setup.doneWithProblems', { details: report.settingsProblems.join('; ') })
          : t(report.lang, 'setup.done'),
        t(report.lang, 'app.name'),
      );
      return {
        lang: report.lang,
        createdTabs: report.createdTabs,
        addedColumns: report.addedColumns,
        settingsWritten: report.settingsWritten,
        leadAdded: report.leadAdded,
        settingsProblems: report.settingsProblems,
        triggersInstalled,
      };
    },
  );
}

function hasHistory(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: 'ru' | 'en'): boolean {
  const events = findSheet(ss, EVENTS, lang);
  return events !== null && events.getLastRow() > 1;
}

/** Handler functions of the installable triggers Arbiter needs in each document. */
export const EDIT_HANDLER = 'onEditInstalled';

/** Installs what is missing (an add-on may hold one trigger of each type per document). */
export function installTriggers(): string[] {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const existing = ScriptApp.getUserTriggers(ss);
  const installed: string[] = [];
  if (!existing.some((tr) => tr.getHandlerFunction() === EDIT_HANDLER)) {
    ScriptApp.newTrigger(EDIT_HANDLER).forSpreadsheet(ss).onEdit().create();
    installed.push(EDIT_HANDLER);
  }
  return installed;
}

/** Removes every trigger this user installed for this document. */
export function removeTriggers(): number {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const triggers = ScriptApp.getUserTriggers(ss);
  triggers.forEach((tr) => ScriptApp.deleteTrigger(tr));
  return triggers.length;
}
