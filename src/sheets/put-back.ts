/**
 * What a put-back writes into a cell of the Cases tab (docs/product.md, Integrity): the value the
 * case's history holds, with its type (a checkbox a boolean, a date a Date, a number a number);
 * for a row the history does not know, the value the cell held before the edit, read by its
 * column's type. An edit event carries that old value as text ('TRUE', '5', a date as the cell
 * displayed it), and written back as text it would break the row: a checkbox reading "TRUE" is
 * read as unticked, a date held as text makes the case a broken row.
 */
import type { Case } from '../domain/model';
import type { SlaState } from '../domain/sla';
import type { Lang } from '../domain/i18n';
import { CASE_ID, caseToCells } from './case-row';
import { replayCases } from './cases-repo';
import { CASES, type ColumnType } from './schema';
import { toCell, type Table } from './table';
import { eventsTable, openWorkbook } from './workbook';

type Range = GoogleAppsScript.Spreadsheet.Range;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** A date as a cell displays it (31.12.2026, 2026-12-31 10:00, 12/31/2026 10:00:05). */
const DISPLAYED_DATE = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(,? \d{1,2}:\d{2}(:\d{2})?)?$/;

/**
 * The id of the case whose row was edited. The id cell itself holds what the person typed (maybe
 * another case's id), so for an edit of the id column it is the old value: the row's own case,
 * or none for a row that had no id (an id typed into an empty row is cleared).
 */
export function editedRowCaseId(key: string, idInRow: unknown, oldValue: string | undefined): string {
  return String((key === 'id' ? oldValue : idInRow) ?? '').trim();
}

/** The cell `key` of a recorded case, typed; null when the history does not know the case. */
export function recordedCell(
  recorded: Case | undefined,
  key: string,
  lang: Lang,
  sla: Pick<SlaState, 'overdue' | 'atRisk'>,
): unknown {
  if (!recorded) return null;
  return toCell(caseToCells(recorded, lang, sla)[key] ?? null);
}

/** The value an edit event's old text stands for, as the column's type has it. */
export function cellFromEventText(type: ColumnType | undefined, text: string | undefined): unknown {
  if (text === undefined || text === '') return '';
  if (type === 'bool' && /^(true|false)$/i.test(text)) return text.toUpperCase() === 'TRUE';
  if (type === 'number' && text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  // Written unescaped, Sheets reads the text as the date it displayed, in the workbook's locale
  // (only text shaped as a date: anything else stays text).
  if (type === 'date' && DISPLAYED_DATE.test(text.trim())) return text.trim();
  return toCell(text);
}

/** Puts one cell of the Cases tab back: from the case's history when it has one, else from the event, typed. */
export function putBackCell(range: Range, key: string, recorded: unknown, oldValue: string | undefined): void {
  const type = CASES.columns.find((c) => c.key === key)?.type;
  range.setValue(recorded ?? cellFromEventText(type, oldValue));
}

/**
 * A put-back when nothing could be checked (Settings broken, the lock busy): the history is read
 * without the lock (reading changes nothing) and without Settings (the SLA label, which needs
 * them, falls back to the old value). Whatever cannot be read falls back to the old value, typed.
 */
export function putBackUnchecked(
  ss: Spreadsheet,
  table: Table,
  range: Range,
  oldValue: string | undefined,
  lang: Lang,
): void {
  const key = [...table.columns.entries()].find(([, index]) => index === range.getColumn() - 1)?.[0];
  if (!key) return void range.setValue(toCell(oldValue ?? ''));
  let recorded: unknown = null;
  try {
    const id = editedRowCaseId(key, key === 'id' ? '' : table.get(table.readRow(range.getRow()), 'id'), oldValue);
    if (key !== 'sla' && CASE_ID.test(id)) {
      recorded = recordedCell(replayCases(eventsTable(openWorkbook(ss))).get(id), key, lang, NO_SLA);
    }
  } catch {
    recorded = null; // the history could not be read: the old value, typed
  }
  putBackCell(range, key, recorded, oldValue);
}

const NO_SLA = { overdue: false, atRisk: false };
