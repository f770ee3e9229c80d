/** A yes/no question to the person at the spreadsheet, for the menu's actions that need one. */
import { t, type Lang } from '../domain/i18n';

/** True when they answer Yes (Ui.alert with Yes and No). */
export function confirm(lang: Lang, question: string): boolean {
  const ui = SpreadsheetApp.getUi();
  return ui.alert(t(lang, 'app.name'), question, ui.ButtonSet.YES_NO) === ui.Button.YES;
}

/** A short note in the corner of the spreadsheet. */
export function toast(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang, message: string): void {
  ss.toast(message, t(lang, 'app.name'));
}
