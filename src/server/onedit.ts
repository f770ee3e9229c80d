/**
 * A person edits the Cases tab by hand. The same rules as the sidebar apply: a status change is a
 * transition (its guard reads what the row already holds: the resolution, the root cause…), an
 * edit of a field is validated with the API's rules, and either is recorded with its Events row.
 * Anything refused is put back exactly as the Events log has it, with a note on the cell that
 * says why; so are system columns, and rows a paste went over. When nothing can be checked (the
 * Settings tab is broken, another execution holds the lock) nothing is kept either.
 */
import { applyEdit, editProblems, validateEdit, type EditableField } from '../domain/case-input';
import { DomainError, fail, isDomainError, type Problem } from '../domain/errors';
import { caseEvent, type CaseEvent } from '../domain/events';
import { languageOfLocale, t, type Lang } from '../domain/i18n';
import { applyTransition, checkMayChange } from '../domain/lifecycle';
import type { Case, Role } from '../domain/model';
import { roleOf, type Settings } from '../domain/settings';
import { isStepCell, parseStepCell, stepFromRow } from '../domain/transition-input';
import { slaState } from '../domain/sla';
import { now } from '../services/clock';
import { withDocumentLock } from '../services/lock';
import { activeUserEmail } from '../services/session';
import { deleteMyTriggers } from '../services/triggers';
import { CASE_ID, caseToCells, parseStatus } from '../sheets/case-row';
import { appendEvents, readCase, replayVerifiedCases, requireWholeRows, writeCase } from '../sheets/cases-repo';
import { readScheduleRecord } from '../sheets/schedule-record';
import { CASES, EVENTS, SETTINGS_TAB } from '../sheets/schema';
import { putBackHeader } from '../sheets/header-repair';
import { editedRowCaseId, putBackCell, putBackUnchecked, recordedCell } from '../sheets/put-back';
import { Table } from '../sheets/table';
import { eventsTable, openWorkbookWithSettings, type Workbook } from '../sheets/workbook';
import { describeProblems, toUserError } from './errors';
import { onSettingsEdited } from './settings-save';
import { isZonesTab, onZonesEdit } from './zones-onedit';
import { breakMessage, guardEventsEdit, tellBreaks, type HistoryBreak } from './events-guard';
import { fillClearedRows } from './restore';

type EditEvent = GoogleAppsScript.Events.SheetsOnEdit;
type Range = GoogleAppsScript.Spreadsheet.Range;

/** A paste over more rows than this is only reported: restoring it would not fit in one run. */
const MAX_RESTORED_ROWS = 500;

export function onEditInstalled(e: EditEvent): void {
  // Called as anything but an edit trigger (through google.script.run, say): nothing to check.
  if (!isEditEvent(e)) return;
  const range = e.range;
  if (putBackHeader(e)) return;
  const sheet = range.getSheet();
  const sheetName = sheet.getName();
  if (sheetName === SETTINGS_TAB.ru || sheetName === SETTINGS_TAB.en) {
    // A hand edit of Settings is saved as the sidebar saves it, or put back (docs/product.md, Integrity).
    return onSettingsEdited(e, editorEmail(e));
  }
  // Zones of growth and CSI: their own checks (zones-onedit.ts).
  if (isZonesTab(sheetName)) return onZonesEdit(e, editorEmail(e));
  const events = sheetName === EVENTS.ru || sheetName === EVENTS.en;
  if (!events && sheetName !== CASES.ru && sheetName !== CASES.en) return;
  if (range.getLastRow() < 2) return; // the header row: setup repairs it
  if (!isHoldersTrigger(e as EditEvent & { triggerUid?: string })) return;
  if (events) return guardEventsEdit(e, editorEmail(e));

  const single = range.getNumRows() === 1 && range.getNumColumns() === 1;
  let lang: Lang = languageOfLocale(e.source.getSpreadsheetLocale());
  try {
    const { wb, settings } = openWorkbookWithSettings(e.source);
    lang = settings.language;
    const edit = { e, wb, settings, lang, table: Table.open(sheet, CASES), actor: editorEmail(e), at: now() };
    withDocumentLock(() => (single ? checkCellEdit(edit) : restorePastedRows(edit)));
  } catch (error) {
    // Nothing could be checked, so nothing is kept: the cell goes back and says why.
    const message = isDomainError(error) ? describeProblems(error, lang) : toUserError(error, lang).message;
    if (single) putBackUnchecked(e.source, Table.open(sheet, CASES), range, e.oldValue, lang);
    range.getCell(1, 1).setNote(t(lang, 'edit.statusReverted', { message }));
  }
}

function isEditEvent(e: unknown): e is EditEvent {
  const range = (e as { range?: { getSheet?: unknown } } | null)?.range;
  return typeof range?.getSheet === 'function';
}

/**
 * Only the edit trigger the workbook records is the product's (docs/architecture.md, Adding a
 * job): Apps Script allows one edit trigger per person and document, so two leads who each
 * installed one would check, and apply, one typed status twice. Another's trigger, or one left
 * behind by a lead whose schedule was taken over, does nothing and removes itself.
 */
export function isHoldersTrigger(
  e: { source: GoogleAppsScript.Spreadsheet.Spreadsheet; triggerUid?: string },
  kind: 'editTrigger' | 'changeTrigger' = 'editTrigger',
): boolean {
  const uid = e.triggerUid;
  const holder = readScheduleRecord(e.source).holder;
  if (uid !== undefined && holder?.[kind] === uid) return true;
  if (uid !== undefined) deleteMyTriggers(e.source, [uid]);
  return false;
}

function editorEmail(e: EditEvent): string {
  return String(e.user?.getEmail?.() || activeUserEmail() || '').toLowerCase();
}

interface Edit {
  e: EditEvent;
  wb: Workbook;
  settings: Settings;
  lang: Lang;
  table: Table;
  actor: string;
  at: number;
}

/** One cell: a transition or a field edit, recorded; or put back with the reason. */
function checkCellEdit(edit: Edit): void {
  const { e, table, settings, lang, actor, at } = edit;
  const range = e.range;
  const key = [...table.columns.entries()].find(([, index]) => index === range.getColumn() - 1)?.[0];
  if (!key) return; // a column people added: theirs to edit
  const row = range.getRow();
  const { record, problems } = readCase(table, row, lang);
  const id = editedRowCaseId(key, table.get(record?.raw ?? table.readRow(row), 'id'), e.oldValue);
  const putBack = (message: string) => restoreCell(edit, range, key, id, message);

  if (CASES.columns.find((c) => c.key === key)?.system) return putBack(t(lang, 'edit.protectedReverted'));
  if (!record) {
    // A case row the edit broke (a status cleared, text in a number column) goes back;
    // a row that is not a case is the person's own business.
    if (CASE_ID.test(id)) putBack(problems.map((p) => `${p.cell}: ${p.message}`).join('; '));
    return;
  }
  try {
    const role = editorRole(settings, actor);
    const before = key === 'status' ? record.value : beforeFieldEdit(record.value, key, e.oldValue);
    if (key !== 'status' && role === 'owner') fail('forbidden', 'auth.ownerEdit');
    if (key !== 'status') checkMayChange(before, role);
    const next =
      key === 'status'
        ? statusChange(record.value, e, settings, actor, role, at)
        : fieldChange(before, key, range.getValue(), settings, actor, at);
    const invalid = key === 'status' ? [] : editProblems(next);
    if (invalid.length > 0) throw new DomainError('guard', invalid);
    requireWholeRows(table, eventsTable(edit.wb));
    const previous =
      key === 'status' ? { ...record.value, status: parseStatus(e.oldValue) ?? record.value.status } : before;
    writeCase(table, { ...record, value: previous }, next, lang, slaState(next, settings, at));
    appendEvents(eventsTable(edit.wb), [
      caseEvent(key === 'status' ? 'status' : 'updated', previous, next, actor, t(lang, 'edit.bySheet')),
    ]);
    range.clearNote();
  } catch (error) {
    if (!isDomainError(error)) throw error;
    putBack(describeProblems(error, lang));
  }
}

/** Who may edit cases in the sheet: agents and leads; owners move their own cases to resolved. */
function editorRole(settings: Settings, actor: string): Role {
  if (!actor) fail('forbidden', 'auth.noEmail');
  const role = roleOf(settings, actor);
  if (!role) fail('forbidden', 'auth.unknownUser', { email: actor });
  if (role === 'viewer' || role === 'team_leader') fail('forbidden', 'auth.role', { roles: 'agent, lead', role });
  return role;
}

/**
 * Puts one cell back as the Events log records it (exact: a date keeps its seconds, a text stays
 * text), or as it was when the row is not in the log yet.
 */
function restoreCell(edit: Edit, range: Range, key: string, id: string, message: string): void {
  const recorded = CASE_ID.test(id) ? replayVerifiedCases(eventsTable(edit.wb)).cases.get(id) : undefined;
  const sla = recorded ? slaState(recorded, edit.settings, edit.at) : { overdue: false, atRisk: false };
  putBackCell(range, key, recordedCell(recorded, key, edit.lang, sla), edit.e.oldValue);
  range.setNote(t(edit.lang, 'edit.statusReverted', { message }));
}

/** The case after the person's status edit; the guard reads what the row already holds. */
function statusChange(current: Case, e: EditEvent, settings: Settings, actor: string, role: Role, at: number): Case {
  const from = parseStatus(e.oldValue) ?? current.status;
  const to = parseStatus(e.range.getValue());
  if (!to) fail('validation', 'input.status', { value: String(e.range.getValue()) }, 'status');
  return applyTransition({ ...current, status: from }, stepFromRow(current, to), { email: actor, role }, settings, at);
}

/** The case as it was before the person's edit of `key` (the row already holds the new value). */
function beforeFieldEdit(current: Case, key: string, oldValue: unknown): Case {
  if (isStepCell(key)) {
    const raw = oldValue === undefined ? '' : oldValue;
    const old = key === 'csat' || key === 'nps' ? (raw === '' ? null : Number(raw)) : String(raw);
    return { ...current, [key]: old };
  }
  return { ...current, [key]: fromCell(key as EditableField, oldValue) };
}

function fieldChange(before: Case, key: string, value: unknown, settings: Settings, actor: string, at: number): Case {
  // A step's own field (the resolution, the root cause…) is checked as the step checks it, and stored for it.
  if (isStepCell(key)) {
    const stored = parseStepCell(key, value, settings);
    return { ...before, [key]: stored, version: before.version + 1, updatedAt: at, updatedBy: actor };
  }
  const field = key as EditableField;
  return applyEdit(before, validateEdit({ [field]: fromCell(field, value) }, settings), settings, actor, at);
}

/** A cell value as the field's type: evidence is one link per line, flags are checkboxes. */
function fromCell(field: EditableField, value: unknown): unknown {
  if (field === 'evidence')
    return String(value ?? '')
      .split(/\s*\n\s*/)
      .filter(Boolean);
  if (field === 'bypass' || field === 'stopShipment') return value === true || String(value).toUpperCase() === 'TRUE';
  return String(value ?? '').trim();
}

/**
 * A paste (or any edit of several cells) carries no old values, so its changes to our columns
 * cannot be checked one by one. The rows are put back as the Events log has them, and the person
 * is told to change cases one cell at a time or in the sidebar; their own columns keep the paste.
 * A paste over the id column can leave numbers that no longer match their rows: that is reported.
 */
function restorePastedRows(edit: Edit): void {
  const { e, table, settings, lang, actor, at } = edit;
  const range = e.range;
  const first = range.getColumn() - 1;
  const last = range.getLastColumn() - 1;
  if (![...table.columns.values()].some((index) => index >= first && index <= last)) return;
  const top = Math.max(2, range.getRow());
  const count = range.getLastRow() - top + 1;
  const note = range.getCell(top - range.getRow() + 1, 1);
  if (count > MAX_RESTORED_ROWS) {
    note.setNote(t(lang, 'edit.pasteTooLarge', { max: MAX_RESTORED_ROWS }));
    return;
  }
  // The block is read once and written back once per run of our columns, whatever the number
  // of rows (a call per row held the lock for a minute at 300 rows); rows that are not logged
  // cases are written back as they are, their formulas as formulas.
  const block = table.sheet.getRange(top, 1, count, table.width);
  const rows = block.getValues();
  const events = eventsTable(edit.wb);
  requireWholeRows(table, events);
  const { cases: history, breaks } = replayVerifiedCases(events);
  const recorded = rows.map((raw) => history.get(String(table.get(raw, 'id') ?? '').trim()) ?? null);
  fillClearedRows(table, rows, recorded, history);
  const restored = recorded.filter((c): c is Case => c !== null);
  if (restored.length > 0) {
    const cells = recorded.map((c) => (c ? caseToCells(c, lang, slaState(c, settings, at)) : null));
    table.writeRows(top, cells, rows, recorded.includes(null) ? block.getFormulas() : undefined);
  }
  const messages = [t(lang, restored.length > 0 ? 'edit.pasteReverted' : 'edit.pasteUnknownRows')];
  const broken = brokenHistories(
    rows.map((raw) => String(table.get(raw, 'id') ?? '').trim()),
    breaks,
  );
  messages.push(...broken.map((b) => breakMessage(lang, b, EVENTS[lang])));
  const idColumn = table.columnNumber('id') - 1;
  if (idColumn >= first && idColumn <= last) {
    const broken = brokenIds(table, history);
    if (broken.length > 0)
      messages.push(t(lang, 'case.idsBroken', { details: broken.map((p) => t(lang, p.key, p.params)).join('; ') }));
  }
  note.setNote(messages.join('\n'));
  appendEvents(
    events,
    restored.map((c): CaseEvent => ({
      at,
      caseId: c.id,
      type: 'reverted',
      actor,
      from: '',
      to: '',
      note: messages[0] ?? '',
      version: c.version,
      changes: null,
    })),
  );
  tellBreaks(settings, EVENTS[lang], broken);
}

/** Ids that appear twice in the Cases tab, and logged cases whose row is gone (one read). */
function brokenIds(table: Table, history: Map<string, Case>): Problem[] {
  const ids = table.readColumn('id').map((v) => String(v ?? '').trim());
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const id of ids) {
    if (id && seen.has(id)) problems.push({ key: 'case.idDuplicate', params: { id } });
    seen.add(id);
  }
  for (const id of history.keys()) if (!seen.has(id)) problems.push({ key: 'case.idMissing', params: { id } });
  return problems;
}

/** What the restore refused: cases among `ids` whose history stops holding (docs/product.md, Integrity). */
function brokenHistories(ids: string[], breaks: Map<string, number>): HistoryBreak[] {
  return [...new Set(ids)].flatMap((id) => {
    const row = breaks.get(id);
    return row === undefined ? [] : [{ id, row }];
  });
}
