/**
 * Installable triggers of this user in one document, and what their installer keeps about them.
 * ScriptApp only ever shows and deletes the current user's own triggers.
 */

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface InstalledTrigger {
  uid: string;
  handler: string;
}

/** This user's installable triggers for `ss`. */
export function myTriggers(ss: Spreadsheet): InstalledTrigger[] {
  return ScriptApp.getUserTriggers(ss).map((tr) => ({ uid: tr.getUniqueId(), handler: tr.getHandlerFunction() }));
}

/** An hourly time-driven trigger (an add-on may fire one at most hourly). Returns its uid. */
export function installHourly(handler: string): string {
  return ScriptApp.newTrigger(handler).timeBased().everyHours(1).create().getUniqueId();
}

/** An installable edit trigger for `ss`. Returns its uid. */
export function installOnEdit(handler: string, ss: Spreadsheet): string {
  return ScriptApp.newTrigger(handler).forSpreadsheet(ss).onEdit().create().getUniqueId();
}

/** An installable change trigger for `ss` (rows inserted or removed, and other changes). Returns its uid. */
export function installOnChange(handler: string, ss: Spreadsheet): string {
  return ScriptApp.newTrigger(handler).forSpreadsheet(ss).onChange().create().getUniqueId();
}

/** Deletes this user's triggers for `ss` whose uid is in `uids`; returns how many. */
export function deleteMyTriggers(ss: Spreadsheet, uids: readonly string[]): number {
  const doomed = ScriptApp.getUserTriggers(ss).filter((tr) => uids.includes(tr.getUniqueId()));
  doomed.forEach((tr) => ScriptApp.deleteTrigger(tr));
  return doomed.length;
}

/** The email of whom the execution runs as (a trigger's installer), lower-cased. */
export function effectiveUserEmail(): string {
  return (Session.getEffectiveUser().getEmail() || '').trim().toLowerCase();
}
