/**
 * Menu actions that shape the workbook: setupWorkbook and the installable triggers.
 */
import { DomainError } from '../domain/errors';
import { languageOfLocale, t } from '../domain/i18n';
import { tServer } from '../domain/i18n/server';
import { JOB_NAMES, latestDuePeriod, type CompletedPeriods, type ScheduleSettings } from '../domain/schedule';
import { normalizeEmail } from '../domain/settings';
import { now } from '../services/clock';
import { withDocumentLock } from '../services/lock';
import { deleteUserProperty, getUserProperties, getUserProperty, setUserProperty } from '../services/properties';
import { activeUserEmail } from '../services/session';
import { installHourly, installOnChange, installOnEdit, myTriggers } from '../services/triggers';
import { appendEvents } from '../sheets/cases-repo';
import { keepChainCopy } from '../sheets/events-log';
import { CASES, EVENTS } from '../sheets/schema';
import { setupWorkbook as setupSheets, type SetupReport } from '../sheets/setup';
import { findSheet, forgetSettings } from '../sheets/workbook';
import { readScheduleRecord, writeScheduleRecord } from '../sheets/schedule-record';
import { Table } from '../sheets/table';
import { confirm, toast } from './confirm';
import { handleRequest, LEADS } from './context';
import { userFacing } from './errors';
import { forgetMyTriggers, SCHEDULE_HANDLER, scheduleOf, triggerPropertyKey } from './jobs/dispatch';

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
export const CHANGE_HANDLER = 'onChangeInstalled';

/**
 * Installs the schedule: exactly one hourly time-driven trigger (the dispatcher, SCHEDULE_HANDLER),
 * the installable edit trigger and the change trigger (a deleted row: onchange.ts), all running as
 * the person who installs them, on their mail
 * quota (docs/architecture.md, Adding a job). Only a lead may. The workbook records who holds them
 * and the installer's user properties map the time trigger to this spreadsheet's id, which is how
 * a published add-on's trigger, with no active spreadsheet, finds it. Run again by the holder it
 * adds only what is missing; run by another lead it names the holder and asks whether to take
 * the schedule over (the former holder's triggers remove themselves at their next firing).
 * Returns the handlers it installed.
 */
export function installTriggers(): string[] {
  return handleRequest(
    LEADS,
    (request) => {
      const { email, settings, lang } = request;
      const ss = request.wb.ss;
      const record = readScheduleRecord(ss);
      const holder = record.holder;
      if (holder && holder.email !== email) {
        const since = Utilities.formatDate(new Date(holder.installedAt), request.wb.timeZone, 'yyyy-MM-dd HH:mm');
        if (!confirm(lang, tServer(lang, 'triggers.takeOver', { holder: holder.email, since, email }))) return [];
      }
      const mine = myTriggers(ss);
      const installed: string[] = [];
      const uidOf = (handler: string, install: () => string): string => {
        const found = mine.find((tr) => tr.handler === handler);
        if (found) return found.uid;
        installed.push(handler);
        return install();
      };
      const timeTrigger = uidOf(SCHEDULE_HANDLER, () => installHourly(SCHEDULE_HANDLER));
      const editTrigger = uidOf(EDIT_HANDLER, () => installOnEdit(EDIT_HANDLER, ss));
      const changeTrigger = uidOf(CHANGE_HANDLER, () => installOnChange(CHANGE_HANDLER, ss));
      if (installed.includes(SCHEDULE_HANDLER)) forgetOtherTriggers(ss.getId(), timeTrigger);
      // The time trigger signs the Events rows it writes with the holder's copy of the chain key.
      const events = findSheet(ss, EVENTS, request.wb.lang);
      if (events) withDocumentLock(() => keepChainCopy(Table.open(events, EVENTS)));
      const key = triggerPropertyKey(timeTrigger);
      if (getUserProperty(key) !== ss.getId()) setUserProperty(key, ss.getId());
      const same =
        holder?.email === email &&
        holder.timeTrigger === timeTrigger &&
        holder.editTrigger === editTrigger &&
        holder.changeTrigger === changeTrigger;
      if (!same) {
        withDocumentLock(() => {
          const current = readScheduleRecord(ss);
          const at = now();
          writeScheduleRecord(ss, {
            ...current,
            holder: { email, installedAt: at, timeTrigger, editTrigger, changeTrigger },
            // The first install starts the bookkeeping now: the schedule does not run the periods
            // that came due before it existed.
            done: Object.keys(current.done).length > 0 ? current.done : baselinePeriods(at, scheduleOf(settings)),
          });
        });
        toast(ss, lang, tServer(lang, 'triggers.installed', { email }));
      }
      return installed;
    },
    'triggers.leadsOnly',
  );
}

/**
 * A new time trigger replaces any this person had for the workbook (deleted by hand in the Apps
 * Script dashboard, say): their user properties forget the old ones' uids.
 */
function forgetOtherTriggers(spreadsheetId: string, keep: string): void {
  const prefix = triggerPropertyKey('');
  for (const [key, value] of Object.entries(getUserProperties())) {
    if (key.startsWith(prefix) && value === spreadsheetId && key !== triggerPropertyKey(keep)) deleteUserProperty(key);
  }
}

/** Every job's latest due period at `at`, as if done (the hourly job has no catching up to do). */
function baselinePeriods(at: number, schedule: ScheduleSettings): CompletedPeriods {
  return Object.fromEntries(
    JOB_NAMES.filter((job) => job !== 'hourly').map((job) => [job, latestDuePeriod(job, at, schedule)]),
  );
}

/**
 * Removes this lead's triggers for this document (ScriptApp can remove only one's own); when they
 * held the schedule, the workbook no longer names a holder. Returns how many were removed.
 */
export function removeTriggers(): number {
  return handleRequest(
    LEADS,
    ({ email, lang, wb }) => {
      const ss = wb.ss;
      const removed = forgetMyTriggers(ss);
      withDocumentLock(() => {
        const record = readScheduleRecord(ss);
        if (record.holder?.email === email) writeScheduleRecord(ss, { ...record, holder: null });
      });
      toast(ss, lang, tServer(lang, 'triggers.removed', { count: removed }));
      return removed;
    },
    'triggers.leadsOnly',
  );
}
