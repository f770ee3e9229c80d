/**
 * The Zones of growth and CSI tabs (docs/product.md, Zones of growth and CSI): an entry or a CSI
 * comment ↔ a row, read in one call per tab, found by id with one TextFinder, written in one
 * batch with one Events row each. Statuses, sources, categories and roles are written as labels
 * in the workbook's language and read back in either language or as codes.
 */
import { readVerifiedRows } from './events-log';
import { DomainError } from '../domain/errors';
import { csiEvent, zoneEvent, type CaseEvent } from '../domain/events';
import {
  CSI_ROLES,
  ZONE_CATEGORIES,
  ZONE_SOURCES,
  ZONE_STATUSES,
  type CsiEntry,
  type GrowthZone,
} from '../domain/growth-zones';
import { t, type Lang } from '../domain/i18n';
import { isZoneMessageKey, tZone, type ZoneMessageKey } from '../domain/i18n/zones';
import type { Ms } from '../domain/model';
import { getDocumentProperty, setDocumentProperty } from '../services/properties';
import { columnLetter } from './a1';
import { isDateValue, type CellProblem } from './case-row';
import { appendEvents, checkCellsFit, eventToCells, requireWholeRows } from './cases-repo';
import { CSI, ZONES } from './schema';
import { Table, type CellWrite } from './table';
import { eventsTable, requireSheet, type Workbook } from './workbook';

export const ZONE_ID = /^GZ-\d{4}-\d{5,}$/;
export const CSI_ID = /^CSI-\d{4}-\d{5,}$/;

export function zonesTable(wb: Workbook): Table {
  return Table.open(requireSheet(wb, ZONES), ZONES);
}

export function csiTable(wb: Workbook): Table {
  return Table.open(requireSheet(wb, CSI), CSI);
}

/** A choice's label in `lang` ↔ its code: each choice is read in either language or as its code. */
function choiceOf<T extends string>(codes: readonly T[], prefix: string) {
  const byText = new Map<string, T>();
  for (const code of codes) {
    byText.set(code, code);
    for (const lang of ['ru', 'en'] as const)
      byText.set(tZone(lang, `${prefix}.${code}` as ZoneMessageKey).toLowerCase(), code);
  }
  return {
    label: (code: T, lang: Lang): string => tZone(lang, `${prefix}.${code}` as ZoneMessageKey),
    parse: (value: unknown): T | null =>
      byText.get(
        String(value ?? '')
          .trim()
          .toLowerCase(),
      ) ?? null,
  };
}

export const ZONE_STATUS = choiceOf(ZONE_STATUSES, 'zoneStatus');
export const ZONE_SOURCE = choiceOf(ZONE_SOURCES, 'zoneSource');
export const ZONE_CATEGORY = choiceOf(ZONE_CATEGORIES, 'zoneCategory');
export const CSI_ROLE = choiceOf(CSI_ROLES, 'csiRole');

const dateCell = (ms: Ms | null): CellWrite => (ms === null ? null : new Date(ms));

/** The cells of an entry's row (every column of the Zones of growth tab). */
export function zoneToCells(z: GrowthZone, lang: Lang): Record<string, CellWrite> {
  return {
    id: z.id,
    status: ZONE_STATUS.label(z.status, lang),
    loggedAt: dateCell(z.loggedAt),
    manager: z.manager,
    team: z.team,
    teamLeaderEmail: z.teamLeaderEmail,
    source: ZONE_SOURCE.label(z.source, lang),
    category: ZONE_CATEGORY.label(z.category, lang),
    standard: z.standard,
    link: z.link,
    description: z.description,
    briefingAt: dateCell(z.briefingAt),
    briefingHeldAt: dateCell(z.briefingHeldAt),
    processAnswer: z.processAnswer,
    recheckAt: dateCell(z.recheckAt),
    appealedFrom: z.appealedFrom ? ZONE_STATUS.label(z.appealedFrom, lang) : null,
    appealReason: z.appealReason,
    decisionReason: z.decisionReason,
    closedAt: dateCell(z.closedAt),
    loggedBy: z.loggedBy,
    updatedAt: dateCell(z.updatedAt),
    updatedBy: z.updatedBy,
    version: z.version,
  };
}

export function csiToCells(c: CsiEntry, lang: Lang): Record<string, CellWrite> {
  return {
    id: c.id,
    at: new Date(c.at),
    manager: c.manager,
    role: CSI_ROLE.label(c.role, lang),
    team: c.team,
    client: c.client,
    orderNo: c.orderNo,
    caseId: c.caseId,
    comment: c.comment,
    score: c.score,
    loggedAt: new Date(c.loggedAt),
    loggedBy: c.loggedBy,
  };
}

/** Reads cells of one row, naming each broken cell with its address. */
function cellReader(table: Table, row: readonly unknown[], rowNumber: number, lang: Lang) {
  const problems: CellProblem[] = [];
  const at = (key: string) => `${columnLetter(table.has(key) ? table.columnNumber(key) : 0)}${rowNumber}`;
  const broken = (key: string, message: 'cell.date' | 'cell.number' | 'cell.status' | ZoneMessageKey, value: string) =>
    problems.push({
      cell: at(key),
      message: isZoneMessageKey(message) ? tZone(lang, message, { value }) : t(lang, message, { value }),
    });
  const raw = (key: string) => table.get(row, key);
  const blank = (v: unknown) => v === '' || v === null || v === undefined;
  const text = (key: string) => {
    const v = raw(key);
    return isDateValue(v) ? v.toISOString() : String(v ?? '').trim();
  };
  return {
    problems,
    text,
    email: (key: string) => text(key).toLowerCase(),
    date: (key: string, required: boolean): Ms | null => {
      const v = raw(key);
      if (isDateValue(v)) return v.getTime();
      if (blank(v)) {
        if (required) broken(key, 'cell.date', '');
        return null;
      }
      broken(key, 'cell.date', String(v));
      return null;
    },
    number: (key: string, fallback: number): number => {
      const v = raw(key);
      if (blank(v)) return fallback;
      const n = typeof v === 'number' ? v : Number(String(v).replace(',', '.'));
      if (Number.isFinite(n)) return n;
      broken(key, 'cell.number', String(v));
      return fallback;
    },
    choice: <T extends string>(key: string, parse: (v: unknown) => T | null, optional = false): T | null => {
      const v = raw(key);
      if (optional && blank(v)) return null;
      const parsed = parse(v);
      if (!parsed) broken(key, key === 'status' ? 'cell.status' : 'cell.choice', text(key));
      return parsed;
    },
    id: (key: string, pattern: RegExp) => {
      const id = text(key);
      if (!pattern.test(id)) broken(key, 'cell.zoneId', id);
      return id;
    },
  };
}

/** An entry from its row; a broken cell refuses the row with its address. */
export function rowToZone(
  table: Table,
  row: readonly unknown[],
  rowNumber: number,
  lang: Lang,
): { value: GrowthZone | null; problems: CellProblem[] } {
  const r = cellReader(table, row, rowNumber, lang);
  const loggedAt = r.date('loggedAt', true);
  const zone = {
    id: r.id('id', ZONE_ID),
    version: r.number('version', 1),
    status: r.choice('status', ZONE_STATUS.parse),
    manager: r.text('manager'),
    team: r.text('team'),
    teamLeaderEmail: r.email('teamLeaderEmail'),
    source: r.choice('source', ZONE_SOURCE.parse),
    category: r.choice('category', ZONE_CATEGORY.parse),
    standard: r.text('standard'),
    link: r.text('link'),
    description: r.text('description'),
    loggedAt,
    loggedBy: r.email('loggedBy'),
    updatedAt: r.date('updatedAt', false) ?? loggedAt,
    updatedBy: r.email('updatedBy'),
    briefingAt: r.date('briefingAt', false),
    briefingHeldAt: r.date('briefingHeldAt', false),
    recheckAt: r.date('recheckAt', false),
    processAnswer: r.text('processAnswer'),
    appealedFrom: r.choice('appealedFrom', ZONE_STATUS.parse, true),
    appealReason: r.text('appealReason'),
    decisionReason: r.text('decisionReason'),
    closedAt: r.date('closedAt', false),
  };
  return { value: r.problems.length === 0 ? (zone as GrowthZone) : null, problems: r.problems };
}

export function rowToCsi(
  table: Table,
  row: readonly unknown[],
  rowNumber: number,
  lang: Lang,
): { value: CsiEntry | null; problems: CellProblem[] } {
  const r = cellReader(table, row, rowNumber, lang);
  const entry = {
    id: r.id('id', CSI_ID),
    at: r.date('at', true),
    manager: r.text('manager'),
    role: r.choice('role', CSI_ROLE.parse),
    team: r.text('team'),
    client: r.text('client'),
    orderNo: r.text('orderNo'),
    caseId: r.text('caseId'),
    comment: r.text('comment'),
    score: r.number('score', 0),
    loggedAt: r.date('loggedAt', false),
    loggedBy: r.email('loggedBy'),
  };
  if (entry.loggedAt === null) entry.loggedAt = entry.at;
  return { value: r.problems.length === 0 ? (entry as CsiEntry) : null, problems: r.problems };
}

/** Rows of a tab read in one call: the parsed ones, and how many rows with an id did not parse. */
function readRows<T>(
  table: Table,
  lang: Lang,
  parse: (table: Table, raw: readonly unknown[], row: number, lang: Lang) => { value: T | null },
): { values: T[]; problems: number } {
  const values: T[] = [];
  let problems = 0;
  if (!table.has('id')) return { values, problems };
  table.readAll().forEach((raw, i) => {
    if (String(table.get(raw, 'id') ?? '').trim() === '') return;
    const parsed = parse(table, raw, i + 2, lang);
    if (parsed.value) values.push(parsed.value);
    else problems++;
  });
  return { values, problems };
}

/** Every entry of the Zones of growth tab (one read); rows a person broke are counted, not used. */
export function readGrowthZones(wb: Workbook): { zones: GrowthZone[]; problems: number } {
  const { values, problems } = readRows(zonesTable(wb), wb.lang, rowToZone);
  return { zones: values, problems };
}

/** Every CSI comment (one read); rows a person broke are counted, not used. */
export function readCsiEntries(wb: Workbook): { entries: CsiEntry[]; problems: number } {
  const { values, problems } = readRows(csiTable(wb), wb.lang, rowToCsi);
  return { entries: values, problems };
}

export interface ZoneRecord {
  value: GrowthZone;
  /** Sheet row (1-based). */
  row: number;
  /** The row as read, for writing back unchanged neighbours in the same call. */
  raw: unknown[];
}

/** Entry `id` found by one TextFinder over the id column and read as one row. */
export function loadGrowthZone(table: Table, id: string, lang: Lang): ZoneRecord {
  const row = table.findInColumn('id', id)[0];
  if (row === undefined) throw new DomainError('not_found', [{ key: 'zone.notFound', params: { id } }]);
  const raw = table.readRow(row);
  const parsed = rowToZone(table, raw, row, lang);
  if (!parsed.value) {
    throw new DomainError('validation', [
      {
        key: 'zone.brokenRow',
        params: { id, details: parsed.problems.map((p) => `${p.cell}: ${p.message}`).join('; ') },
      },
    ]);
  }
  return { value: parsed.value, row, raw };
}

/**
 * A row and its Events row, written only when both can be (docs/product.md, Integrity: a case
 * never exists without its history, and neither does an entry): both tabs have every column and
 * every cell fits, checked before anything is written.
 */
function writeWithHistory(
  wb: Workbook,
  table: Table,
  cells: Record<string, CellWrite>,
  event: CaseEvent,
  write: () => void,
): void {
  const events = eventsTable(wb);
  requireWholeRows(table, events);
  checkCellsFit([cells, eventToCells(event)]);
  write();
  appendEvents(events, [event]);
}

/** Writes the cells of `next` that differ from the record's, in one call, and its Events row. */
export function writeGrowthZone(
  wb: Workbook,
  table: Table,
  record: ZoneRecord,
  next: GrowthZone,
  event: CaseEvent,
): void {
  const after = zoneToCells(next, wb.lang);
  const before = zoneToCells(record.value, wb.lang);
  const changes: Record<string, CellWrite> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) changes[key] = after[key] ?? null;
  }
  writeWithHistory(wb, table, after, event, () => table.writeRow(record.row, changes, record.raw));
}

/**
 * Appends a logged entry's row (one call) and its Events row (one call), or neither; `claim` (its
 * id's counter) moves only once both are known to fit.
 */
export function appendGrowthZone(wb: Workbook, zone: GrowthZone, table: Table, claim: () => void): void {
  const cells = zoneToCells(zone, wb.lang);
  writeWithHistory(wb, table, cells, zoneEvent(null, zone, zone.loggedBy), () => {
    claim();
    table.appendRow(cells);
  });
}

/** Appends a CSI comment's row (one call) and its Events row (one call), or neither; see appendGrowthZone. */
export function appendCsiEntry(wb: Workbook, entry: CsiEntry, table: Table, claim: () => void): void {
  const cells = csiToCells(entry, wb.lang);
  writeWithHistory(wb, table, cells, csiEvent(entry, entry.loggedBy), () => {
    claim();
    table.appendRow(cells);
  });
}

/**
 * Writes many changed entries (the monthly job's rechecks): one read of the tab finds their rows
 * by id, one write per run of our columns over the span of those rows, and one append of their
 * Events rows (each from its status as the tab held it). Entries whose row is gone are skipped
 * and returned.
 */
export function updateGrowthZones(
  wb: Workbook,
  updated: readonly GrowthZone[],
  actor: string,
  at: number,
): { written: number; missing: string[] } {
  if (updated.length === 0) return { written: 0, missing: [] };
  const table = zonesTable(wb);
  const rows = table.readAll();
  const rowOf = new Map<string, number>();
  rows.forEach((raw, i) => {
    const id = String(table.get(raw, 'id') ?? '').trim();
    if (id && !rowOf.has(id)) rowOf.set(id, i);
  });
  const found = updated.filter((z) => rowOf.has(z.id));
  const missing = updated.filter((z) => !rowOf.has(z.id)).map((z) => z.id);
  if (found.length === 0) return { written: 0, missing };
  const indices = found.map((z) => rowOf.get(z.id) as number);
  const first = Math.min(...indices);
  const last = Math.max(...indices);
  const changes: Array<Record<string, CellWrite> | null> = Array.from({ length: last - first + 1 }, () => null);
  const events: CaseEvent[] = [];
  for (const given of found) {
    // Written as `actor` at `at`: who ran the change (the monthly job runs as its installer).
    const zone: GrowthZone = { ...given, updatedAt: at, updatedBy: actor };
    const index = rowOf.get(zone.id) as number;
    changes[index - first] = zoneToCells(zone, wb.lang);
    const before = rowToZone(table, rows[index] ?? [], index + 2, wb.lang).value;
    events.push(zoneEvent(before, zone, actor));
  }
  table.writeRows(first + 2, changes, rows.slice(first, last + 1));
  appendEvents(eventsTable(wb), events);
  return { written: found.length, missing };
}

/**
 * The next id of `prefix` (`GZ` or `CSI`) for the year of `at`: `PREFIX-YYYY-NNNNN`, numbered per
 * workbook and year by a counter in the document properties, so a deleted row never gives its
 * number away (docs/product.md, Case lifecycle: ids are never reused). A TextFinder check guards
 * against a counter that fell behind (a copy of the workbook). The counter moves only when
 * `claim` is called, once the entry is known to be written with its history.
 */
export function allocateEntryId(
  wb: Workbook,
  table: Table,
  prefix: 'GZ' | 'CSI',
  at: number,
): { id: string; claim: () => void } {
  const year = Utilities.formatDate(new Date(at), wb.timeZone, 'yyyy');
  const key = `arbiter.seq.entries.${prefix}-${year}`;
  const head = `${prefix}-${year}-`;
  const idOf = (n: number) => `${head}${String(n).padStart(5, '0')}`;
  let n = (Number(getDocumentProperty(key) ?? '0') || 0) + 1;
  if (table.findInColumn('id', idOf(n)).length > 0) {
    n =
      table.readColumn('id').reduce<number>((max, id) => {
        const text = String(id ?? '');
        return text.startsWith(head) ? Math.max(max, Number(text.slice(head.length)) || 0) : max;
      }, 0) + 1;
  }
  return { id: idOf(n), claim: () => setDocumentProperty(key, String(n)) };
}

/**
 * Every entry as its Events rows say it is (the fields each `zone` event set, in order): what a
 * hand edit of a system column is put back to.
 */
export function replayGrowthZones(events: Table): Map<string, GrowthZone> {
  const zones = new Map<string, Partial<GrowthZone>>();
  for (const raw of readVerifiedRows(events)) {
    if (String(events.get(raw, 'type') ?? '') !== 'zone') continue;
    const id = String(events.get(raw, 'caseId') ?? '').trim();
    try {
      const changes = JSON.parse(String(events.get(raw, 'changes') ?? '')) as Partial<GrowthZone>;
      zones.set(id, { ...zones.get(id), ...changes });
    } catch {
      // A row whose changes do not parse adds nothing.
    }
  }
  return new Map([...zones].filter((entry): entry is [string, GrowthZone] => typeof entry[1].id === 'string'));
}

/** Every CSI comment as its `csi` Events row recorded it. */
export function replayCsiEntries(events: Table): Map<string, CsiEntry> {
  const entries = new Map<string, CsiEntry>();
  for (const raw of readVerifiedRows(events)) {
    if (String(events.get(raw, 'type') ?? '') !== 'csi') continue;
    try {
      const entry = JSON.parse(String(events.get(raw, 'changes') ?? '')) as CsiEntry;
      if (typeof entry.id === 'string') entries.set(entry.id, entry);
    } catch {
      // A row whose changes do not parse adds nothing.
    }
  }
  return entries;
}
