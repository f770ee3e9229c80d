/**
 * Cases and their Events rows in the workbook. Finding one case costs one TextFinder call and one
 * row read, whatever the number of cases; a change is one row write and one appended event.
 */
import { DomainError, ServerRefusal } from '../domain/errors';
import type { Lang } from '../domain/i18n';
import type { Case } from '../domain/model';
import { caseToCells, isDateValue, rowToCase, type CellProblem } from './case-row';
import { toCell, type CellWrite, type Table } from './table';
import { MAX_CELL_TEXT } from '../domain/limits';
import type { SlaState } from '../domain/sla';
import { isMomentField, NON_CASE_EVENTS, type CaseEvent, type EventType } from '../domain/events';
import { CASE_FIELDS, type CaseField } from '../domain/case-fields';
import { localIso } from '../domain/zoned-time';
import { appendChained, verifyRows } from './events-log';

export interface CaseRecord {
  value: Case;
  /** Sheet row (1-based). */
  row: number;
  /** The row as read, for writing back unchanged neighbours in the same call. */
  raw: unknown[];
}

/** The row of case `id`, or null: a TextFinder over the id column (one call). */
export function findCaseRow(table: Table, id: string): number | null {
  return table.findInColumn('id', id)[0] ?? null;
}

export function readCase(
  table: Table,
  row: number,
  lang: Lang,
): { record: CaseRecord | null; problems: CellProblem[] } {
  const raw = table.readRow(row);
  const parsed = rowToCase(table, raw, row, lang);
  return { record: parsed.value ? { value: parsed.value, row, raw } : null, problems: parsed.problems };
}

export function loadCase(table: Table, id: string, lang: Lang): CaseRecord {
  const row = findCaseRow(table, id);
  if (row === null) throw new DomainError('not_found', [{ key: 'case.notFound', params: { id } }]);
  const { record, problems } = readCase(table, row, lang);
  if (!record) {
    throw new DomainError('validation', [
      { key: 'case.brokenRow', params: { id, details: problems.map((p) => `${p.cell}: ${p.message}`).join('; ') } },
    ]);
  }
  return record;
}

/** Every case row; rows with no id are skipped, broken rows reported. */
export function readAllCases(
  table: Table,
  lang: Lang,
): { records: CaseRecord[]; problems: CellProblem[]; rows: unknown[][] } {
  const records: CaseRecord[] = [];
  const problems: CellProblem[] = [];
  const rows = table.readAll();
  rows.forEach((raw, i) => {
    const row = i + 2;
    if (String(table.get(raw, 'id') ?? '').trim() === '') return;
    const parsed = rowToCase(table, raw, row, lang);
    if (parsed.value) records.push({ value: parsed.value, row, raw });
    else problems.push(...parsed.problems);
  });
  return { records, problems, rows };
}

/** Writes the cells of `next` that differ from the record (plus the SLA label) in one call. */
export function writeCase(table: Table, record: CaseRecord, next: Case, lang: Lang, sla: SlaState): void {
  const all = caseToCells(next, lang, sla);
  const before = caseToCells(record.value, lang, sla);
  const changes: Record<string, CellWrite> = {};
  for (const key of Object.keys(all)) {
    if (key === 'sla' || JSON.stringify(all[key]) !== JSON.stringify(before[key])) changes[key] = all[key] ?? null;
  }
  table.writeRow(record.row, changes, record.raw);
}

/**
 * Refuses, before anything is written, cells Sheets would refuse: a case row or an Events row
 * (its `changes` JSON) with a cell over the 50,000 characters Sheets keeps. The field limits
 * keep every valid case under it; this catches what they cannot bound, such as text that JSON
 * escaping multiplies (docs/architecture.md, The emulator).
 */
export function checkCellsFit(rows: ReadonlyArray<Record<string, CellWrite>>): void {
  for (const row of rows) {
    for (const value of Object.values(row)) {
      const written = toCell(value);
      if (typeof written === 'string' && written.length > MAX_CELL_TEXT)
        throw new ServerRefusal('validation', 'input.tooLarge');
    }
  }
}

/** The cells a new case and its Events row would write, checked to fit (see checkCellsFit). */
export function checkCaseFits(c: Case, event: CaseEvent, lang: Lang, sla: SlaState): void {
  checkCellsFit([caseToCells(c, lang, sla), eventToCells(event)]);
}

/**
 * A change writes a case row and its Events row: both tabs must have every column before either
 * is written, or the case would be written without its history (docs/product.md, Integrity).
 */
export function requireWholeRows(...tables: Table[]): void {
  for (const table of tables) table.requireAllColumns();
}

export function appendCase(table: Table, c: Case, lang: Lang, sla: SlaState): void {
  table.appendRow(caseToCells(c, lang, sla));
}

/**
 * An Events row's cells. Its time is written to the second, as the cell displays it, so that a
 * hand edit of it can be put back exactly from the edit's old value (docs/product.md, Integrity).
 * A case's moments in `changes` are written as the workbook's wall clock with its offset
 * (`2026-11-23T10:00:00+03:00`), so a person reading the tab reads times, not milliseconds; rows
 * written before hold milliseconds, and both read back alike (changesOfCell).
 */
export function eventToCells(e: CaseEvent, timeZone: string | null = null): Record<string, CellWrite> {
  return {
    at: new Date(Math.floor(e.at / 1000) * 1000),
    caseId: e.caseId,
    type: e.type,
    actor: e.actor,
    from: e.from,
    to: e.to,
    note: e.note,
    version: e.version,
    changes: e.changes ? JSON.stringify(readableChanges(e, timeZone ?? 'UTC')) : '',
  };
}

const isCaseMoment = (key: string): boolean => key in CASE_FIELDS && isMomentField(key as CaseField);

function readableChanges(e: CaseEvent, timeZone: string): Record<string, unknown> {
  const changes = e.changes as Record<string, unknown>;
  if (NON_CASE_EVENTS.includes(e.type)) return changes;
  return Object.fromEntries(
    Object.entries(changes).map(([key, value]) => [
      key,
      typeof value === 'number' && isCaseMoment(key) ? localIso(value, timeZone) : value,
    ]),
  );
}

/**
 * The fields an Events row's `changes` cell set: its JSON, a case's moments back to milliseconds
 * (written as local times, or as milliseconds before they were); null when it is not JSON.
 */
export function changesOfCell(text: string, type: EventType): Partial<Case> | null {
  let changes: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
    changes = parsed as Record<string, unknown>;
  } catch {
    return null;
  }
  if (NON_CASE_EVENTS.includes(type)) return changes as Partial<Case>;
  for (const [key, value] of Object.entries(changes)) {
    if (typeof value === 'string' && isCaseMoment(key)) {
      const ms = Date.parse(value);
      changes[key] = Number.isNaN(ms) ? null : ms;
    }
  }
  return changes as Partial<Case>;
}

/** Appends events, each signed after the one before (docs/product.md, Integrity). */
export function appendEvents(table: Table, events: CaseEvent[]): void {
  appendChained(
    table,
    events.map((e) => eventToCells(e, table.timeZone)),
  );
}

/** Parses an Events row (as read) into an event; null for a blank or foreign row. */
export function rowToEvent(table: Table, raw: readonly unknown[]): CaseEvent | null {
  const at = table.get(raw, 'at');
  const caseId = String(table.get(raw, 'caseId') ?? '').trim();
  if (!isDateValue(at) || !caseId) return null;
  const versionCell = table.get(raw, 'version');
  const changesText = String(table.get(raw, 'changes') ?? '');
  const type = String(table.get(raw, 'type') ?? '') as EventType;
  const changes = changesText ? changesOfCell(changesText, type) : null;
  return {
    at: at.getTime(),
    caseId,
    type,
    actor: String(table.get(raw, 'actor') ?? ''),
    from: String(table.get(raw, 'from') ?? ''),
    to: String(table.get(raw, 'to') ?? ''),
    note: String(table.get(raw, 'note') ?? ''),
    version: typeof versionCell === 'number' ? versionCell : null,
    changes,
  };
}

/**
 * The events of one case, oldest first: a TextFinder finds its rows, then one read covers the
 * span from its first to its last event (bounded by the case's lifetime, not the log's size).
 */
export function readCaseEvents(table: Table, id: string): CaseEvent[] {
  const rows = table.findInColumn('caseId', id);
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (first === undefined || last === undefined) return [];
  const block = table.sheet.getRange(first, 1, last - first + 1, table.width).getValues();
  return block.map((raw) => rowToEvent(table, raw)).filter((e): e is CaseEvent => e !== null && e.caseId === id);
}

/**
 * Every case as its Events rows say it is: the fields each event set, applied in order. The log
 * is the history of record, so this is how rows a person overwrote are put back.
 */
export function replayCases(table: Table): Map<string, Case> {
  const cases = new Map<string, Partial<Case>>();
  for (const raw of table.readAll()) {
    const event = rowToEvent(table, raw);
    if (!event?.changes || NON_CASE_EVENTS.includes(event.type)) continue;
    cases.set(event.caseId, { ...cases.get(event.caseId), ...event.changes });
  }
  return new Map([...cases].filter((entry): entry is [string, Case] => typeof entry[1].id === 'string'));
}

/** Cases as their verified history has them, and where a case's history stops holding. */
export interface VerifiedHistory {
  cases: Map<string, Case>;
  /** Case id → the sheet row of its first Events row whose chain does not hold. */
  breaks: Map<string, number>;
}

/**
 * replayCases over rows whose chain holds only: a case's replay stops at its first row that does
 * not verify, so what a person wrote into the log is never applied (docs/product.md, Integrity).
 * A row whose case cell itself was changed stops the case it now names.
 */
export function replayVerifiedCases(table: Table): VerifiedHistory {
  const rows = table.readAll();
  const holds = verifyRows(table, rows, 2);
  const cases = new Map<string, Partial<Case>>();
  const breaks = new Map<string, number>();
  rows.forEach((raw, i) => {
    const event = rowToEvent(table, raw);
    if (!event || breaks.has(event.caseId)) return;
    if (!holds[i]) {
      breaks.set(event.caseId, i + 2);
      return;
    }
    if (event.changes && !NON_CASE_EVENTS.includes(event.type))
      cases.set(event.caseId, { ...cases.get(event.caseId), ...event.changes });
  });
  return {
    cases: new Map([...cases].filter((entry): entry is [string, Case] => typeof entry[1].id === 'string')),
    breaks,
  };
}
