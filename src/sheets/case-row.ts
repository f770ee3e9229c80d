/**
 * A case ↔ a row of the Cases tab. Statuses are written as labels in the workbook's language (so
 * the dropdown reads naturally) and read back in either language or as codes. A cell a person
 * broke is reported with its address, never silently taken as something else.
 */
import { t, type Lang } from '../domain/i18n';
import { CRITICALITIES, STATUSES, type Case, type Criticality, type Status } from '../domain/model';
import type { SlaState } from '../domain/sla';
import { columnLetter } from './a1';
import { CASES } from './schema';
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

const date = (ms: number | null): CellWrite => (ms === null ? null : new Date(ms));

/** The cells of a case row (every column of the Cases schema). */
export function caseToCells(c: Case, lang: Lang, sla: Pick<SlaState, 'overdue' | 'atRisk'>): Record<string, CellWrite> {
  return {
    id: c.id,
    status: statusLabel(c.status, lang),
    criticality: c.criticality,
    sla: slaLabel(sla, lang),
    orderNo: c.orderNo,
    client: c.client,
    contact: c.contact,
    channel: c.channel,
    source: c.source,
    kind: c.kind,
    summary: c.summary,
    evidence: c.evidence.join('\n'),
    ownerDept: c.ownerDept,
    ownerEmail: c.ownerEmail,
    agent: c.agent,
    manager: c.manager,
    team: c.team,
    bypass: c.bypass,
    stopShipment: c.stopShipment,
    createdAt: date(c.createdAt),
    dueFirstResponseAt: date(c.dueFirstResponseAt),
    firstResponseAt: date(c.firstResponseAt),
    dueAt: date(c.dueAt),
    resolvedAt: date(c.resolvedAt),
    closedAt: date(c.closedAt),
    resolution: c.resolution,
    rootCause: c.rootCause,
    prevention: c.prevention,
    cancelReason: c.cancelReason,
    csat: c.csat,
    nps: c.nps,
    reopenCount: c.reopenCount,
    escalationLevel: c.escalationLevel,
    cancelledAt: date(c.cancelledAt),
    createdBy: c.createdBy,
    updatedAt: date(c.updatedAt),
    updatedBy: c.updatedBy,
    resolutionStartAt: date(c.resolutionStartAt),
    pausedMinutes: c.pausedMinutes,
    waitingSince: date(c.waitingSince),
    version: c.version,
  };
}

export const CASE_ID = /^[A-Z][A-Z0-9]{0,7}-\d{4}-\d{5,}$/;

/** Reads a case from a row; `rowNumber` is the sheet row, for problem addresses. */
export function rowToCase(
  table: Table,
  row: readonly unknown[],
  rowNumber: number,
  lang: Lang,
): { value: Case | null; problems: CellProblem[] } {
  const problems: CellProblem[] = [];
  const at = (key: string) => `${columnLetter(table.has(key) ? table.columnNumber(key) : 0)}${rowNumber}`;
  const raw = (key: string) => table.get(row, key);
  const text = (key: string) => {
    const v = raw(key);
    return isDateValue(v) ? v.toISOString() : String(v ?? '').trim();
  };
  const ms = (key: string, required: boolean): number | null => {
    const v = raw(key);
    if (isDateValue(v)) return v.getTime();
    if (v === '' || v === null || v === undefined) {
      if (required) problems.push({ cell: at(key), message: t(lang, 'cell.date', { value: '' }) });
      return null;
    }
    problems.push({ cell: at(key), message: t(lang, 'cell.date', { value: String(v) }) });
    return null;
  };
  const num = (key: string, fallback: number | null): number | null => {
    const v = raw(key);
    if (v === '' || v === null || v === undefined) return fallback;
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    const parsed = Number(String(v).replace(',', '.'));
    if (Number.isFinite(parsed)) return parsed;
    problems.push({ cell: at(key), message: t(lang, 'cell.number', { value: String(v) }) });
    return fallback;
  };

  const id = text('id');
  if (!CASE_ID.test(id)) problems.push({ cell: at('id'), message: t(lang, 'cell.id', { value: id }) });
  const status = parseStatus(raw('status'));
  if (!status) problems.push({ cell: at('status'), message: t(lang, 'cell.status', { value: text('status') }) });
  const criticality = text('criticality').toUpperCase() as Criticality;
  if (!CRITICALITIES.includes(criticality))
    problems.push({ cell: at('criticality'), message: t(lang, 'cell.criticality', { value: text('criticality') }) });
  const createdAt = ms('createdAt', true);

  const value: Case = {
    id,
    version: num('version', 1) ?? 1,
    status: status ?? 'new',
    criticality,
    orderNo: text('orderNo'),
    client: text('client'),
    contact: text('contact'),
    channel: text('channel'),
    source: text('source'),
    kind: text('kind'),
    summary: text('summary'),
    evidence: text('evidence')
      .split(/\s*\n\s*/)
      .filter(Boolean),
    ownerDept: text('ownerDept'),
    ownerEmail: text('ownerEmail').toLowerCase(),
    agent: text('agent').toLowerCase(),
    manager: text('manager'),
    team: text('team'),
    bypass: raw('bypass') === true,
    stopShipment: raw('stopShipment') === true,
    createdAt: createdAt ?? 0,
    createdBy: text('createdBy').toLowerCase(),
    updatedAt: ms('updatedAt', false) ?? createdAt ?? 0,
    updatedBy: text('updatedBy').toLowerCase(),
    dueFirstResponseAt: ms('dueFirstResponseAt', true) ?? 0,
    firstResponseAt: ms('firstResponseAt', false),
    resolutionStartAt: ms('resolutionStartAt', false) ?? createdAt ?? 0,
    pausedMinutes: num('pausedMinutes', 0) ?? 0,
    waitingSince: ms('waitingSince', false),
    dueAt: ms('dueAt', true) ?? 0,
    resolvedAt: ms('resolvedAt', false),
    closedAt: ms('closedAt', false),
    cancelledAt: ms('cancelledAt', false),
    resolution: text('resolution'),
    rootCause: text('rootCause'),
    prevention: text('prevention'),
    cancelReason: text('cancelReason'),
    csat: num('csat', null),
    nps: num('nps', null),
    reopenCount: num('reopenCount', 0) ?? 0,
    escalationLevel: num('escalationLevel', 0) ?? 0,
  };
  return { value: problems.length === 0 ? value : null, problems };
}

export const CASE_KEYS: readonly string[] = CASES.columns.map((c) => c.key);
