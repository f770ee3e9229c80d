/**
 * A person edits the Cases tab by hand. The same rules as the sidebar apply: a status change is a
 * transition (its guard reads what the row already holds: the resolution, the root cause…), an
 * edit of a field is validated, and either is recorded with its Events row; anything refused is
 * put back, with a note on the cell that says why. System columns are put back too.
 */
import { applyEdit, validateEdit, type EditableField } from '../domain/case-input';
import { fail, isDomainError } from '../domain/errors';
import { t } from '../domain/i18n';
import { applyTransition, type TransitionInput } from '../domain/lifecycle';
import type { Case } from '../domain/model';
import { roleOf } from '../domain/settings';
import { slaState } from '../domain/sla';
import { now } from '../services/clock';
import { withDocumentLock } from '../services/lock';
import { activeUserEmail } from '../services/session';
import { caseToCells, parseStatus } from '../sheets/case-row';
import { appendEvents, caseEvent, readCase, replayCases, writeCase } from '../sheets/cases-repo';
import { CASES, SETTINGS_TAB } from '../sheets/schema';
import { Table } from '../sheets/table';
import { eventsTable, forgetSettings, openWorkbookWithSettings, type Workbook } from '../sheets/workbook';
import { describeProblems } from './errors';

type EditEvent = GoogleAppsScript.Events.SheetsOnEdit;

export function onEditInstalled(e: EditEvent): void {
  const range = e.range;
  const sheet = range.getSheet();
  const sheetName = sheet.getName();
  if (sheetName === SETTINGS_TAB.ru || sheetName === SETTINGS_TAB.en) {
    // A lead edited Settings by hand: the next call reads (and validates) the tab again.
    forgetSettings();
    return;
  }
  if (sheetName !== CASES.ru && sheetName !== CASES.en) return;
  if (range.getRow() < 2) return;

  const { wb, settings } = openWorkbookWithSettings(e.source);
  const lang = settings.language;
  const table = Table.open(sheet, CASES);
  if (range.getNumRows() !== 1 || range.getNumColumns() !== 1) {
    restorePastedRows(e, wb, table, settings);
    return;
  }
  const column = range.getColumn() - 1;
  const key = [...table.columns.entries()].find(([, index]) => index === column)?.[0];
  if (!key) return; // a column people added: theirs to edit

  const actor = (e.user?.getEmail?.() || activeUserEmail()).toLowerCase();
  const revert = (message: string) => {
    range.setValue(e.oldValue === undefined ? '' : e.oldValue);
    range.setNote(t(lang, 'edit.statusReverted', { message }));
  };

  const definition = CASES.columns.find((c) => c.key === key);
  if (definition?.system) {
    revert(t(lang, 'edit.protectedReverted'));
    return;
  }

  withDocumentLock(() => {
    const at = now();
    const { record } = readCase(table, range.getRow(), lang);
    if (!record) return; // a row that is not (yet) a case: nothing to check
    const role = roleOf(settings, actor);
    if (!role || role === 'viewer' || role === 'leader') {
      revert(
        t(lang, role ? 'auth.role' : 'auth.unknownUser', { email: actor, roles: 'agent, lead', role: role ?? '' }),
      );
      return;
    }
    try {
      const { before, next, type } =
        key === 'status'
          ? statusChange(record.value, e, settings, actor, role, at)
          : fieldChange(record.value, key, range.getValue(), e, settings, actor, at);
      writeCase(table, { ...record, value: before }, next, lang, slaState(next, settings, at));
      appendEvents(eventsTable(wb), [caseEvent(type, before, next, actor, t(lang, 'edit.bySheet'))]);
      range.clearNote();
    } catch (error) {
      if (!isDomainError(error)) throw error;
      revert(describeProblems(error, lang));
    }
  });
}

/** A paste over more rows than this is only reported: restoring it would not fit in one run. */
const MAX_RESTORED_ROWS = 500;

/**
 * A paste (or any edit of several cells) carries no old values, so its changes to our columns
 * cannot be checked one by one. The rows are put back as the Events log has them, and the person
 * is told to change cases one cell at a time or in the sidebar; their own columns keep the paste.
 */
function restorePastedRows(e: EditEvent, wb: Workbook, table: Table, settings: Settings): void {
  const range = e.range;
  const lang = settings.language;
  const first = range.getColumn() - 1;
  const last = range.getLastColumn() - 1;
  const ours = [...table.columns.values()].some((index) => index >= first && index <= last);
  if (!ours) return;
  if (range.getNumRows() > MAX_RESTORED_ROWS) {
    range.getCell(1, 1).setNote(t(lang, 'edit.pasteTooLarge', { max: MAX_RESTORED_ROWS }));
    return;
  }
  const actor = (e.user?.getEmail?.() || activeUserEmail()).toLowerCase();
  withDocumentLock(() => {
    const at = now();
    const top = range.getRow();
    const rows = table.sheet.getRange(top, 1, range.getNumRows(), table.width).getValues();
    const events = eventsTable(wb);
    const history = replayCases(events);
    const restored: Case[] = [];
    rows.forEach((raw, i) => {
      const recorded = history.get(String(table.get(raw, 'id') ?? '').trim());
      if (!recorded) return;
      table.writeRow(top + i, caseToCells(recorded, lang, slaState(recorded, settings, at)), raw);
      restored.push(recorded);
    });
    range.getCell(1, 1).setNote(t(lang, restored.length > 0 ? 'edit.pasteReverted' : 'edit.pasteUnknownRows'));
    appendEvents(
      events,
      restored.map((c) => ({
        at,
        caseId: c.id,
        type: 'reverted',
        actor,
        from: '',
        to: '',
        note: t(lang, 'edit.pasteReverted'),
        version: c.version,
        changes: null,
      })),
    );
  });
}

type Role = Parameters<typeof applyTransition>[2]['role'];
type Settings = Parameters<typeof applyTransition>[3];

/** The case as it was before the person's status edit, and after the transition. */
function statusChange(current: Case, e: EditEvent, settings: Settings, actor: string, role: Role, at: number) {
  const from = parseStatus(e.oldValue) ?? current.status;
  const to = parseStatus(e.range.getValue());
  if (!to) fail('validation', 'input.status', { value: String(e.range.getValue()) }, 'status');
  const before: Case = { ...current, status: from };
  const input: TransitionInput = {
    to,
    resolution: current.resolution,
    rootCause: current.rootCause,
    prevention: current.prevention,
    reason: current.cancelReason,
    csat: current.csat,
    nps: current.nps,
  };
  return {
    before,
    next: applyTransition(before, input, { email: actor, role }, settings, at),
    type: 'status' as const,
  };
}

/** Fields a transition reads from the row: stored as typed, checked by the next transition. */
const TRANSITION_FIELDS: Record<string, (v: unknown) => unknown> = {
  resolution: (v) => String(v ?? '').trim(),
  rootCause: (v) => String(v ?? '').trim(),
  prevention: (v) => String(v ?? '').trim(),
  cancelReason: (v) => String(v ?? '').trim(),
  csat: (v) => (v === '' || v === null || v === undefined ? null : Number(v)),
  nps: (v) => (v === '' || v === null || v === undefined ? null : Number(v)),
};

function fieldChange(
  current: Case,
  key: string,
  value: unknown,
  e: EditEvent,
  settings: Settings,
  actor: string,
  at: number,
) {
  const convert = TRANSITION_FIELDS[key];
  if (convert) {
    const before: Case = { ...current, [key]: convert(e.oldValue) };
    return {
      before,
      next: { ...current, [key]: convert(value), version: current.version + 1, updatedAt: at, updatedBy: actor },
      type: 'updated' as const,
    };
  }
  const field = key as EditableField;
  const edit = validateEdit({ [field]: fromCell(field, value) }, settings);
  const before: Case = { ...current, [field]: fromCell(field, e.oldValue) };
  return { before, next: applyEdit(before, edit, settings, actor, at), type: 'updated' as const };
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
