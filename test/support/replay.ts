/**
 * The Cases tab and the Events log, read as a person's copy of the workbook would be: every case
 * row parsed (the product's own parser, run outside the bundle on the emulator's sheets), and the
 * log replayed by merging each row's changes in order (docs/product.md, Integrity), so a test can
 * check that they agree.
 */
import type { Emulator } from '../../emulator/runtime';
import type { Case } from '../../src/domain/model';
import { NON_CASE_EVENTS, type EventType } from '../../src/domain/events';
import { changesOfCell, readAllCases } from '../../src/sheets/cases-repo';
import type { CellProblem } from '../../src/sheets/case-row';
import { CASES, EVENTS } from '../../src/sheets/schema';
import { Table } from '../../src/sheets/table';
import { asPerson } from './workbook';

export interface CasesAndLog {
  /** Each parsed case row, by id. */
  rows: Map<string, Case>;
  /** Rows with an id that do not parse. */
  broken: CellProblem[];
  /** Ids that appear on more than one row. */
  duplicates: string[];
  /** Each case as the Events log rebuilds it. */
  replayed: Map<string, Partial<Case>>;
}

export function readCasesAndLog(emulator: Emulator, lang: 'ru' | 'en' = 'ru'): CasesAndLog {
  return asPerson(emulator, (ss) => {
    const casesSheet = ss.getSheetByName(CASES[lang]);
    const eventsSheet = ss.getSheetByName(EVENTS[lang]);
    if (!casesSheet || !eventsSheet) throw new Error('the Cases or Events tab is missing');
    const { records, problems } = readAllCases(Table.open(casesSheet, CASES), lang);
    const rows = new Map<string, Case>();
    const duplicates: string[] = [];
    for (const r of records) {
      if (rows.has(r.value.id)) duplicates.push(r.value.id);
      rows.set(r.value.id, r.value);
    }
    const values = eventsSheet.getDataRange().getValues();
    const header = (values[0] ?? []).map(String);
    const caseCol = header.indexOf(EVENTS.columns.find((c) => c.key === 'caseId')![lang]);
    const changesCol = header.indexOf(EVENTS.columns.find((c) => c.key === 'changes')![lang]);
    const typeCol = header.indexOf(EVENTS.columns.find((c) => c.key === 'type')![lang]);
    const replayed = new Map<string, Partial<Case>>();
    for (const row of values.slice(1)) {
      const changes = row[changesCol];
      const type = String(row[typeCol]) as EventType;
      if (!changes || NON_CASE_EVENTS.includes(type)) continue;
      const id = String(row[caseCol]);
      replayed.set(id, { ...replayed.get(id), ...changesOfCell(String(changes), type) });
    }
    return { rows, broken: problems, duplicates, replayed };
  });
}

/** The fields where the row and the replayed log disagree, per case id (empty when they agree). */
export function disagreements({ rows, replayed }: CasesAndLog): string[] {
  const found: string[] = [];
  for (const id of new Set([...rows.keys(), ...replayed.keys()])) {
    const row = rows.get(id);
    const log = replayed.get(id);
    if (!row || !log) {
      found.push(`${id}: ${row ? 'not in the log' : 'no row'}`);
      continue;
    }
    for (const key of Object.keys(row) as Array<keyof Case>) {
      if (JSON.stringify(row[key]) !== JSON.stringify(log[key] ?? null)) {
        found.push(`${id}.${key}: row ${JSON.stringify(row[key])} log ${JSON.stringify(log[key])}`);
      }
    }
  }
  return found;
}
