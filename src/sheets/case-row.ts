/**
 * A case ↔ a row of the Cases tab. Statuses are written as labels in the workbook's language (so
 * the dropdown reads naturally) and read back in either language or as codes. A cell a person
 * broke is reported with its address, never silently taken as something else.
 */
import {
  CASE_FIELD_NAMES,
  CASE_FIELDS,
  type CaseField,
  type FieldKind,
  type FieldKinds,
  type FieldOfKind,
} from '../domain/case-fields';
import { t, type Lang, type MessageKey } from '../domain/i18n';
import { CRITICALITIES, STATUSES, type Case, type Criticality, type Status } from '../domain/model';
import type { SlaState } from '../domain/sla';
import { columnLetter } from './a1';
import type { CellWrite, Table } from './table';

export interface CellProblem {
  /** A1 address, e.g. 'D7'. */
  cell: string;
  message: string;
}

const STATUS_BY_LABEL: ReadonlyMap<string, Status> = new Map(
  STATUSES.flatMap((s) => [
    [s, s],
    [t('ru', `status.${s}`).toLowerCase(), s],
    [t('en', `status.${s}`).toLowerCase(), s],
  ]),
);

export function statusLabel(status: Status, lang: Lang): string {
  return t(lang, `status.${status}`);
}

/** 'В работе', 'in progress', 'in_progress' → 'in_progress'; null when unknown. */
export function parseStatus(value: unknown): Status | null {
  return (
    STATUS_BY_LABEL.get(
      String(value ?? '')
        .trim()
        .toLowerCase(),
    ) ?? null
  );
}

export function slaLabel(sla: Pick<SlaState, 'overdue' | 'atRisk'>, lang: Lang): string {
  if (sla.overdue) return t(lang, 'sla.overdue');
  if (sla.atRisk) return t(lang, 'sla.atRisk');
  return '';
}

export function isDateValue(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]' && !Number.isNaN((value as Date).getTime());
}

/** How each kind of field is written to its cell. */
const CELL_OF: { [K in FieldKind]: (value: FieldKinds[K], lang: Lang) => CellWrite } = {
  caseId: (v) => v,
  text: (v) => v,
  longtext: (v) => v,
  choice: (v) => v,
  email: (v) => v,
  links: (v) => v.join('\n'),
  bool: (v) => v,
  status: statusLabel,
  criticality: (v) => v,
  date: (ms) => new Date(ms),
  optionalDate: (ms) => (ms === null ? null : new Date(ms)),
  number: (v) => v,
  optionalNumber: (v) => v,
};

function cellOf<K extends FieldKind>(kind: K, value: FieldKinds[K], lang: Lang): CellWrite {
  return CELL_OF[kind](value, lang);
}

/** The cells of a case row (every column of the Cases schema). */
export function caseToCells(c: Case, lang: Lang, sla: Pick<SlaState, 'overdue' | 'atRisk'>): Record<string, CellWrite> {
  const cells: Record<string, CellWrite> = { sla: slaLabel(sla, lang) };
  // The field's kind and its value always match (Case is derived from CASE_FIELDS); the compiler
  // cannot follow that through a loop, hence `never`.
  for (const field of CASE_FIELD_NAMES) cells[field] = cellOf(CASE_FIELDS[field].kind, c[field] as never, lang);
  return cells;
}

export const CASE_ID = /^[A-Z][A-Z0-9]{0,7}-\d{4}-\d{5,}$/;

/**
 * What an empty cell reads as where a case row may hold none: the value the case had when it was
 * registered. Any other empty date of a case is a broken cell.
 */
const EMPTY_NUMBER: Record<FieldOfKind<'number'>, number> = {
  version: 1,
  pausedMinutes: 0,
  reopenCount: 0,
  escalationLevel: 0,
};
const EMPTY_MEANS_CREATED: ReadonlySet<CaseField> = new Set<FieldOfKind<'date'>>(['updatedAt', 'resolutionStartAt']);

/** Reads a case from a row; `rowNumber` is the sheet row, for problem addresses. */
export function rowToCase(
  table: Table,
  row: readonly unknown[],
  rowNumber: number,
  lang: Lang,
): { value: Case | null; problems: CellProblem[] } {
  return rowToCaseFields(table, row, rowNumber, lang, CASE_FIELD_NAMES);
}

/**
 * Reads `fields` of a case from a row (a job that reads only the columns it needs); a broken
 * cell among them refuses the row, a broken cell elsewhere is not looked at.
 */
export function rowToCaseFields<F extends CaseField>(
  table: Table,
  row: readonly unknown[],
  rowNumber: number,
  lang: Lang,
  fields: readonly F[],
): { value: Pick<Case, F> | null; problems: CellProblem[] } {
  const problems: CellProblem[] = [];
  const at = (key: string) => `${columnLetter(table.has(key) ? table.columnNumber(key) : 0)}${rowNumber}`;
  const broken = (key: CaseField, message: MessageKey, value: string) =>
    problems.push({ cell: at(key), message: t(lang, message, { value }) });
  const raw = (key: string) => table.get(row, key);
  const text = (key: string) => {
    const v = raw(key);
    return isDateValue(v) ? v.toISOString() : String(v ?? '').trim();
  };
  const blank = (v: unknown) => v === '' || v === null || v === undefined;
  const ms = (key: CaseField, required: boolean): number | null => {
    const v = raw(key);
    if (isDateValue(v)) return v.getTime();
    if (blank(v)) {
      if (required) broken(key, 'cell.date', '');
      return null;
    }
    broken(key, 'cell.date', String(v));
    return null;
  };
  const num = (key: CaseField, fallback: number | null): number | null => {
    const v = raw(key);
    if (blank(v)) return fallback;
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    const parsed = Number(String(v).replace(',', '.'));
    if (Number.isFinite(parsed)) return parsed;
    broken(key, 'cell.number', String(v));
    return fallback;
  };
  // A value read from a broken cell is never used: the row is refused with its problems.
  const read: { [K in FieldKind]: (key: CaseField) => FieldKinds[K] | null } = {
    caseId: (key) => {
      const id = text(key);
      if (!CASE_ID.test(id)) broken(key, 'cell.id', id);
      return id;
    },
    text,
    longtext: text,
    choice: text,
    email: (key) => text(key).toLowerCase(),
    links: (key) =>
      text(key)
        .split(/\s*\n\s*/)
        .filter(Boolean),
    bool: (key) => raw(key) === true,
    status: (key) => {
      const status = parseStatus(raw(key));
      if (!status) broken(key, 'cell.status', text(key));
      return status;
    },
    criticality: (key) => {
      const criticality = text(key).toUpperCase() as Criticality;
      if (!CRITICALITIES.includes(criticality)) broken(key, 'cell.criticality', text(key));
      return criticality;
    },
    date: (key) => ms(key, !EMPTY_MEANS_CREATED.has(key)),
    optionalDate: (key) => ms(key, false),
    number: (key) => num(key, EMPTY_NUMBER[key as FieldOfKind<'number'>]),
    optionalNumber: (key) => num(key, null),
  };

  const value: Record<string, unknown> = {};
  for (const field of fields) value[field] = read[CASE_FIELDS[field].kind](field);
  for (const field of EMPTY_MEANS_CREATED) if (field in value) value[field] ??= value.createdAt;
  return { value: problems.length === 0 ? (value as Pick<Case, F>) : null, problems };
}
