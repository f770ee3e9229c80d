/**
 * A person edits the Zones of growth or the CSI tab by hand (docs/product.md, Zones of growth and
 * CSI; Integrity). What a person logged (the manager, the team, the standard, what happened…) may
 * be corrected in the sheet by a CS agent or lead: it is checked as logging checks it, and
 * recorded as a new version with its Events row. The status and everything a step records are
 * Arbiter's: an edit of those columns, an edit refused, and a paste over our columns are put back
 * as the Events log has them, with a note on the cell that says why.
 */
import { DomainError, fail, isDomainError, type Problem } from '../domain/errors';
import { csiEvent, zoneEvent, type CaseEvent } from '../domain/events';
import { parseCsiInput, parseGrowthZoneInput } from '../domain/growth-zone-lifecycle';
import type { CsiEntry, GrowthZone } from '../domain/growth-zones';
import { languageOfLocale, t, type Lang } from '../domain/i18n';
import { roleOf, type Settings } from '../domain/settings';
import { appendEvents } from '../sheets/cases-repo';
import { CSI, ZONES, type TabDef } from '../sheets/schema';
import { Table, toCell, type CellWrite } from '../sheets/table';
import { eventsTable, openWorkbookWithSettings, type Workbook } from '../sheets/workbook';
import { now } from '../services/clock';
import { withDocumentLock } from '../services/lock';
import {
  csiToCells,
  replayCsiEntries,
  replayGrowthZones,
  rowToCsi,
  rowToZone,
  ZONE_CATEGORY,
  ZONE_SOURCE,
  zoneToCells,
} from '../sheets/zones-tab';
import { describeProblems, toUserError } from './errors';

type EditEvent = GoogleAppsScript.Events.SheetsOnEdit;

/** A paste over more rows than this is only reported, as on the Cases tab. */
const MAX_RESTORED_ROWS = 500;

export function isZonesTab(name: string): boolean {
  return [ZONES.ru, ZONES.en, CSI.ru, CSI.en].includes(name);
}

interface ZoneEdit {
  e: EditEvent;
  wb: Workbook;
  settings: Settings;
  lang: Lang;
  table: Table;
  actor: string;
  at: number;
}

/**
 * The hand edit of one of the two tabs (onEditInstalled hands it over), checked under the document
 * lock. When nothing can be checked (Settings broken, the lock busy) nothing is kept: the cell
 * goes back and says why.
 */
export function onZonesEdit(e: EditEvent, actor: string): void {
  const range = e.range;
  const single = range.getNumRows() === 1 && range.getNumColumns() === 1;
  let lang: Lang = languageOfLocale(e.source.getSpreadsheetLocale());
  try {
    const { wb, settings } = openWorkbookWithSettings(e.source);
    lang = settings.language;
    withDocumentLock(() => checkZonesEdit(e, wb, settings, actor, now()));
  } catch (error) {
    const message = isDomainError(error) ? describeProblems(error, lang) : toUserError(error, lang).message;
    if (single) range.setValue(toCell(e.oldValue === undefined ? '' : String(e.oldValue)));
    range.getCell(1, 1).setNote(t(lang, 'edit.statusReverted', { message }));
  }
}

function checkZonesEdit(e: EditEvent, wb: Workbook, settings: Settings, actor: string, at: number): void {
  const sheet = e.range.getSheet();
  const def: TabDef = [ZONES.ru, ZONES.en].includes(sheet.getName()) ? ZONES : CSI;
  const edit: ZoneEdit = { e, wb, settings, lang: settings.language, table: Table.open(sheet, def), actor, at };
  const single = e.range.getNumRows() === 1 && e.range.getNumColumns() === 1;
  if (single) checkCell(edit, def);
  else restoreRows(edit, def);
}

/** What Arbiter recorded for the row's id: an entry's or a comment's cells, from the Events log. */
function recordedCells(edit: ZoneEdit, def: TabDef, id: string): Record<string, CellWrite> | null {
  const events = eventsTable(edit.wb);
  if (def === ZONES) {
    const zone = replayGrowthZones(events).get(id);
    return zone ? zoneToCells(zone, edit.lang) : null;
  }
  const entry = replayCsiEntries(events).get(id);
  return entry ? csiToCells(entry, edit.lang) : null;
}

function putBack(edit: ZoneEdit, def: TabDef, key: string, id: string, message: string): void {
  const range = edit.e.range;
  const recorded = id ? recordedCells(edit, def, id) : null;
  if (recorded) range.setValue(toCell(recorded[key] ?? null));
  else range.setValue(toCell(edit.e.oldValue === undefined ? '' : String(edit.e.oldValue)));
  range.setNote(t(edit.lang, 'edit.statusReverted', { message }));
}

/** CS agents and leads correct what was logged; anyone else's edit is put back. */
function checkEditor(settings: Settings, actor: string): void {
  if (!actor) fail('forbidden', 'auth.noEmail');
  const role = roleOf(settings, actor);
  if (!role) fail('forbidden', 'auth.unknownUser', { email: actor });
  if (role !== 'agent' && role !== 'lead') fail('forbidden', 'auth.role', { roles: 'agent, lead', role });
}

function checkCell(edit: ZoneEdit, def: TabDef): void {
  const { e, table, lang } = edit;
  const range = e.range;
  if (range.getRow() < 2) return; // the header row: setup repairs it
  const key = [...table.columns.entries()].find(([, index]) => index === range.getColumn() - 1)?.[0];
  if (!key) return; // a column people added: theirs to edit
  const row = range.getRow();
  const raw = table.readRow(row);
  const id = String(table.get(raw, 'id') ?? '').trim();
  const column = def.columns.find((c) => c.key === key);
  if (column?.system) return putBack(edit, def, key, id, t(lang, 'edit.protectedReverted'));
  if (!id) return; // not one of our rows yet: the person's own business
  try {
    checkEditor(edit.settings, edit.actor);
    if (def === ZONES) correctZone(edit, key, row, raw);
    else correctCsi(edit, key, row, raw);
    range.clearNote();
  } catch (error) {
    if (!isDomainError(error)) throw error;
    putBack(edit, def, key, id, describeProblems(error, lang));
  }
}

/** Problems about `field` only: a person's edit of one cell answers for that cell. */
function onlyField(error: unknown, field: string): Problem[] {
  if (!isDomainError(error)) throw error;
  return error.problems.filter((p) => p.field === field || !p.field);
}

function rowProblem(id: string, problems: Array<{ cell: string; message: string }>): DomainError {
  return new DomainError('validation', [
    { key: 'zone.brokenRow', params: { id, details: problems.map((p) => `${p.cell}: ${p.message}`).join('; ') } },
  ]);
}

const ZONE_FIELD_OLD: Record<string, (value: unknown) => unknown> = {
  source: (v) => ZONE_SOURCE.parse(v),
  category: (v) => ZONE_CATEGORY.parse(v),
};

/** A corrected field of an entry: checked as logging checks it, written as a new version. */
function correctZone(edit: ZoneEdit, key: string, row: number, raw: unknown[]): void {
  const { table, lang, actor, at } = edit;
  const parsed = rowToZone(table, raw, row, lang);
  if (!parsed.value) throw rowProblem(String(table.get(raw, 'id') ?? ''), parsed.problems);
  const zone = parsed.value;
  let clean: ReturnType<typeof parseGrowthZoneInput>;
  try {
    clean = parseGrowthZoneInput({ ...zone, link: zone.link || undefined }, edit.settings);
  } catch (error) {
    const problems = onlyField(error, key);
    if (problems.length > 0) throw new DomainError('validation', problems);
    clean = { ...zone };
  }
  const oldRaw = edit.e.oldValue === undefined ? '' : edit.e.oldValue;
  const old = ZONE_FIELD_OLD[key]?.(oldRaw) ?? String(oldRaw).trim();
  const before: GrowthZone = { ...zone, [key]: old };
  const next: GrowthZone = {
    ...zone,
    [key]: clean[key as keyof typeof clean] ?? '',
    version: zone.version + 1,
    updatedAt: at,
    updatedBy: actor,
  };
  const cells = zoneToCells(next, lang);
  table.writeRow(
    row,
    { [key]: cells[key] ?? null, version: next.version, updatedAt: cells.updatedAt ?? null, updatedBy: actor },
    raw,
  );
  appendEvents(eventsTable(edit.wb), [zoneEvent(before, next, actor, t(lang, 'edit.bySheet'))]);
}

/** A corrected CSI comment: checked as logging checks it; its Events row records it whole. */
function correctCsi(edit: ZoneEdit, key: string, row: number, raw: unknown[]): void {
  const { table, lang, actor, at } = edit;
  const parsed = rowToCsi(table, raw, row, lang);
  if (!parsed.value) throw rowProblem(String(table.get(raw, 'id') ?? ''), parsed.problems);
  const entry = parsed.value;
  let next: CsiEntry = entry;
  try {
    const { atMs, ...fields } = parseCsiInput({ ...entry, at: new Date(entry.at).toISOString() }, edit.settings, at);
    next = { ...entry, ...fields, at: atMs } as CsiEntry;
  } catch (error) {
    const problems = onlyField(error, key);
    if (problems.length > 0) throw new DomainError('validation', problems);
  }
  table.writeRow(row, { [key]: csiToCells(next, lang)[key] ?? null }, raw);
  const event: CaseEvent = { ...csiEvent(next, actor), at, note: t(lang, 'edit.bySheet') };
  appendEvents(eventsTable(edit.wb), [event]);
}

/**
 * A paste carries no old values to check: the rows it touched are put back as the Events log has
 * them (their own columns keep the paste), in one read and one write per run of our columns.
 */
function restoreRows(edit: ZoneEdit, def: TabDef): void {
  const { e, table, lang } = edit;
  const range = e.range;
  const first = range.getColumn() - 1;
  const last = range.getLastColumn() - 1;
  if (![...table.columns.values()].some((index) => index >= first && index <= last)) return;
  const top = Math.max(2, range.getRow());
  const count = range.getLastRow() - top + 1;
  if (count < 1) return;
  const note = range.getCell(top - range.getRow() + 1, 1);
  if (count > MAX_RESTORED_ROWS) {
    note.setNote(t(lang, 'edit.pasteTooLarge', { max: MAX_RESTORED_ROWS }));
    return;
  }
  const block = table.sheet.getRange(top, 1, count, table.width);
  const rows = block.getValues();
  const events = eventsTable(edit.wb);
  const ids = rows.map((raw) => String(table.get(raw, 'id') ?? '').trim());
  let cells: Array<Record<string, CellWrite> | null>;
  if (def === ZONES) {
    const history = replayGrowthZones(events);
    cells = ids.map((id) => {
      const zone = history.get(id);
      return zone ? zoneToCells(zone, lang) : null;
    });
  } else {
    const history = replayCsiEntries(events);
    cells = ids.map((id) => {
      const entry = history.get(id);
      return entry ? csiToCells(entry, lang) : null;
    });
  }
  const restored = cells.filter((c) => c !== null).length;
  if (restored > 0) table.writeRows(top, cells, rows, cells.includes(null) ? block.getFormulas() : undefined);
  note.setNote(t(lang, restored > 0 ? 'edit.pasteReverted' : 'edit.pasteUnknownRows'));
}
