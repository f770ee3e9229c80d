/**
 * The add-on menu and the sidebar. onOpen may run in AuthMode.NONE (the add-on is installed but
 * not yet used in this document), where nothing that needs authorization may be touched: the menu
 * is built from the user's locale only, and does nothing else.
 */
import { languageOfLocale, t, type Lang } from '../domain/i18n';
// The menu's words live in the server-only catalog: the sidebar never shows them.
import { tServer, type ServerMessageKey } from '../domain/i18n/server';

type OpenEvent = { authMode?: GoogleAppsScript.Script.AuthMode } | undefined;

/** The menu items, in order; each names a top-level function of the bundle. */
export const MENU_ITEMS: ReadonlyArray<{ label: ServerMessageKey; functionName: string }> = [
  { label: 'menu.openSidebar', functionName: 'showSidebar' },
  { label: 'menu.setup', functionName: 'setupWorkbook' },
  // Leads only (each checks the role): the scheduled jobs by hand, and who runs the schedule.
  { label: 'menu.runHourly', functionName: 'runHourly' },
  { label: 'menu.runDaily', functionName: 'runDaily' },
  { label: 'menu.runWeekly', functionName: 'runWeekly' },
  { label: 'menu.runMonthly', functionName: 'runMonthly' },
  { label: 'menu.installTriggers', functionName: 'installTriggers' },
  { label: 'menu.removeTriggers', functionName: 'removeTriggers' },
  // CS leads and team leaders (server/dashboard.ts checks the role).
  { label: 'menu.refreshDashboard', functionName: 'refreshDashboard' },
];

export function onOpen(_e?: OpenEvent): void {
  const lang = languageOfLocale(Session.getActiveUserLocale());
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of MENU_ITEMS) menu.addItem(tServer(lang, item.label), item.functionName);
  menu.addToUi();
}

/** Apps Script calls onInstall when the add-on is installed from the store: same menu. */
export function onInstall(e?: OpenEvent): void {
  onOpen(e);
}

export const SIDEBAR_WIDTH = 300;

export function showSidebar(): void {
  const lang = spreadsheetLanguage();
  const html = HtmlService.createHtmlOutputFromFile('sidebar')
    .setTitle(t(lang, 'sidebar.title'))
    .setWidth(SIDEBAR_WIDTH);
  SpreadsheetApp.getUi().showSidebar(html);
}

function spreadsheetLanguage(): Lang {
  return languageOfLocale(SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale());
}
