/**
 * The workbook's shape: its tabs and their columns, named in both languages. Columns are found by
 * header text in either language and in any order, so a person may rename a tab's language,
 * reorder columns or add their own; setup re-adds what is missing.
 */
import { CASE_FIELDS, isSystemField, type CaseField, type FieldKind } from '../domain/case-fields';
import type { Lang } from '../domain/i18n';

export type ColumnType = 'text' | 'longtext' | 'date' | 'number' | 'bool' | 'status' | 'list' | 'email';

/** Which Settings list feeds a column's dropdown. */
export type ListSource =
  | 'status'
  | 'criticality'
  | 'department'
  | 'channel'
  | 'kind'
  | 'source'
  | 'rootCause'
  // The zones of growth's and CSI's own choices (docs/product.md, Zones of growth and CSI).
  | 'zoneSource'
  | 'zoneCategory'
  | 'csiRole';

export interface ColumnDef {
  key: string;
  ru: string;
  en: string;
  type: ColumnType;
  /** Written only by Arbiter: protected, and put back when a person edits it. */
  system?: boolean;
  list?: ListSource;
  width?: number;
}

export interface TabDef {
  key: TabKey;
  ru: string;
  en: string;
  columns: readonly ColumnDef[];
  /** The whole tab is Arbiter's (Events: append-only). */
  protectedTab?: boolean;
}

export type TabKey = 'cases' | 'events' | 'settings' | 'zones' | 'csi' | 'orders' | 'dashboard' | 'zoneSummary';

const col = (
  key: string,
  ru: string,
  en: string,
  type: ColumnType,
  extra: Partial<Pick<ColumnDef, 'system' | 'list' | 'width'>> = {},
): ColumnDef => ({ key, ru, en, type, ...extra });

/** A Cases column: the workbook's part (headers, width, dropdown); its type and protection come from the field. */
type CaseColumn<K extends CaseField | 'sla'> = Pick<ColumnDef, 'ru' | 'en' | 'width'> &
  // Status, criticality and choice columns read from a dropdown; no other column has one.
  (K extends CaseField
    ? FieldKindOf<K> extends 'status' | 'criticality' | 'choice'
      ? { list: ListSource }
      : { list?: never }
    : { list?: never });

type FieldKindOf<K extends CaseField> = (typeof CASE_FIELDS)[K]['kind'];

/**
 * Every field of a case has its column, and the SLA label (computed, Arbiter's) one more; the
 * order of the keys here is the order of the columns in the workbook.
 */
const CASE_COLUMNS: { [K in CaseField | 'sla']: CaseColumn<K> } = {
  id: { ru: 'Номер', en: 'ID', width: 130 },
  status: { ru: 'Статус', en: 'Status', list: 'status', width: 120 },
  criticality: { ru: 'Критичность', en: 'Criticality', list: 'criticality', width: 60 },
  sla: { ru: 'SLA', en: 'SLA', width: 90 },
  orderNo: { ru: 'Заказ', en: 'Order', width: 90 },
  client: { ru: 'Клиент', en: 'Client', width: 150 },
  contact: { ru: 'Контакт', en: 'Contact', width: 120 },
  channel: { ru: 'Канал', en: 'Channel', list: 'channel' },
  source: { ru: 'Источник', en: 'Source', list: 'source' },
  kind: { ru: 'Тип', en: 'Kind', list: 'kind' },
  summary: { ru: 'Суть', en: 'Summary', width: 280 },
  evidence: { ru: 'Фото и видео', en: 'Evidence', width: 160 },
  ownerDept: { ru: 'Отдел-владелец', en: 'Owner department', list: 'department', width: 120 },
  ownerEmail: { ru: 'Владелец', en: 'Owner', width: 160 },
  agent: { ru: 'Специалист КС', en: 'CS agent', width: 160 },
  manager: { ru: 'Менеджер', en: 'Manager' },
  team: { ru: 'Команда', en: 'Team' },
  bypass: { ru: 'Мимо КС', en: 'Past CS', width: 70 },
  stopShipment: { ru: 'Стоп отгрузки', en: 'Shipment stopped', width: 70 },
  createdAt: { ru: 'Создан', en: 'Created' },
  dueFirstResponseAt: { ru: 'Срок первого ответа', en: 'First response due' },
  firstResponseAt: { ru: 'Первый ответ', en: 'First response' },
  dueAt: { ru: 'Срок решения', en: 'Resolution due' },
  resolvedAt: { ru: 'Решён', en: 'Resolved' },
  closedAt: { ru: 'Закрыт', en: 'Closed' },
  resolution: { ru: 'Что сделано', en: 'Resolution', width: 200 },
  rootCause: { ru: 'Корневая причина', en: 'Root cause', list: 'rootCause', width: 160 },
  prevention: { ru: 'Профилактика', en: 'Prevention', width: 200 },
  cancelReason: { ru: 'Причина отмены', en: 'Cancellation reason' },
  csat: { ru: 'CSAT', en: 'CSAT', width: 50 },
  nps: { ru: 'NPS', en: 'NPS', width: 50 },
  reopenCount: { ru: 'Переоткрытий', en: 'Reopens', width: 60 },
  escalationLevel: { ru: 'Эскалация', en: 'Escalation', width: 60 },
  atRiskAt: { ru: 'Под риском с', en: 'At risk from' },
  nextDueAt: { ru: 'Ближайший срок', en: 'Next due' },
  cancelledAt: { ru: 'Отменён', en: 'Cancelled' },
  createdBy: { ru: 'Кто создал', en: 'Created by' },
  updatedAt: { ru: 'Изменён', en: 'Updated' },
  updatedBy: { ru: 'Кто изменил', en: 'Updated by' },
  resolutionStartAt: { ru: 'Старт часов решения', en: 'Resolution clock start' },
  pausedMinutes: { ru: 'Минут ожидания клиента', en: 'Minutes waiting for client' },
  waitingSince: { ru: 'Ждём клиента с', en: 'Waiting since' },
  version: { ru: 'Версия', en: 'Version', width: 60 },
};

/** How a column shows what its field holds. */
const COLUMN_TYPE: Record<FieldKind, ColumnType> = {
  caseId: 'text',
  text: 'text',
  longtext: 'longtext',
  choice: 'list',
  email: 'email',
  links: 'longtext',
  bool: 'bool',
  status: 'status',
  criticality: 'list',
  date: 'date',
  optionalDate: 'date',
  number: 'number',
  optionalNumber: 'number',
};

function caseColumn(key: CaseField | 'sla'): ColumnDef {
  const { ru, en, ...extra } = CASE_COLUMNS[key];
  if (key === 'sla') return col(key, ru, en, 'text', { ...extra, system: true });
  return col(key, ru, en, COLUMN_TYPE[CASE_FIELDS[key].kind], isSystemField(key) ? { ...extra, system: true } : extra);
}

export const CASES: TabDef = {
  key: 'cases',
  ru: 'Кейсы',
  en: 'Cases',
  columns: (Object.keys(CASE_COLUMNS) as Array<keyof typeof CASE_COLUMNS>).map(caseColumn),
};

export const EVENTS: TabDef = {
  key: 'events',
  ru: 'События',
  en: 'Events',
  protectedTab: true,
  columns: [
    col('at', 'Когда', 'At', 'date', { system: true }),
    col('caseId', 'Кейс', 'Case', 'text', { system: true, width: 130 }),
    col('type', 'Событие', 'Event', 'text', { system: true }),
    col('actor', 'Кто', 'Who', 'email', { system: true, width: 160 }),
    col('from', 'Было', 'From', 'text', { system: true }),
    col('to', 'Стало', 'To', 'text', { system: true }),
    col('note', 'Комментарий', 'Note', 'longtext', { system: true, width: 240 }),
    col('version', 'Версия', 'Version', 'number', { system: true, width: 60 }),
    col('changes', 'Изменения (JSON)', 'Changes (JSON)', 'longtext', { system: true, width: 320 }),
    // The row's link in the chain (docs/product.md, Integrity).
    col('digest', 'Подпись', 'Digest', 'text', { system: true, width: 120 }),
  ],
};

export const SETTINGS_TAB: TabDef = { key: 'settings', ru: 'Настройки', en: 'Settings', columns: [] };

/**
 * One row per zone of growth (docs/product.md, Zones of growth and CSI). What a person logged
 * (manager, team, team leader, source, category, standard, link, what happened) may be edited
 * by hand; the status and what the steps record are Arbiter's, put back when edited.
 */
export const ZONES: TabDef = {
  key: 'zones',
  ru: 'Зоны роста',
  en: 'Zones of growth',
  columns: [
    col('id', 'Номер', 'ID', 'text', { system: true, width: 130 }),
    col('status', 'Статус', 'Status', 'status', { system: true, width: 150 }),
    col('loggedAt', 'Зафиксировано', 'Logged', 'date', { system: true }),
    col('manager', 'Менеджер', 'Manager', 'text', { width: 150 }),
    col('team', 'Команда', 'Team', 'text', { width: 120 }),
    col('teamLeaderEmail', 'Руководитель команды', 'Team leader', 'email', { width: 180 }),
    col('source', 'Источник', 'Source', 'list', { list: 'zoneSource', width: 130 }),
    col('category', 'Категория', 'Category', 'list', { list: 'zoneCategory', width: 160 }),
    col('standard', 'Нарушенный стандарт', 'Standard broken', 'longtext', { width: 200 }),
    col('link', 'Ссылка', 'Link', 'text', { width: 160 }),
    col('description', 'Что произошло', 'What happened', 'longtext', { width: 260 }),
    col('briefingAt', 'Брифинг назначен на', 'Briefing on', 'date', { system: true }),
    col('briefingHeldAt', 'Брифинг проведён', 'Briefing held', 'date', { system: true }),
    col('processAnswer', 'Ответ руководителя', "Team leader's answer", 'longtext', { system: true, width: 240 }),
    col('recheckAt', 'Перепроверка', 'Recheck', 'date', { system: true }),
    col('appealedFrom', 'Обжаловано из статуса', 'Appealed from', 'text', { system: true }),
    col('appealReason', 'Причина апелляции', 'Appeal reason', 'longtext', { system: true, width: 200 }),
    col('decisionReason', 'Решение по апелляции', 'Appeal decision', 'longtext', { system: true, width: 200 }),
    col('closedAt', 'Закрыто', 'Closed', 'date', { system: true }),
    col('loggedBy', 'Кто зафиксировал', 'Logged by', 'email', { system: true, width: 160 }),
    col('updatedAt', 'Изменено', 'Updated', 'date', { system: true }),
    col('updatedBy', 'Кто изменил', 'Updated by', 'email', { system: true, width: 160 }),
    col('version', 'Версия', 'Version', 'number', { system: true, width: 60 }),
  ],
};

/** One row per negative client comment about a manager (docs/product.md, Zones of growth and CSI). */
export const CSI: TabDef = {
  key: 'csi',
  ru: 'CSI',
  en: 'CSI',
  columns: [
    col('id', 'Номер', 'ID', 'text', { system: true, width: 130 }),
    col('at', 'Дата', 'Date', 'date'),
    col('manager', 'Менеджер', 'Manager', 'text', { width: 150 }),
    col('role', 'Роль менеджера', "Manager's role", 'list', { list: 'csiRole', width: 160 }),
    col('team', 'Команда', 'Team', 'text', { width: 120 }),
    col('client', 'Клиент', 'Client', 'text'),
    col('orderNo', 'Заказ', 'Order', 'text'),
    col('caseId', 'Кейс', 'Case', 'text', { width: 130 }),
    col('comment', 'Комментарий клиента', 'Client comment', 'longtext', { width: 280 }),
    col('score', 'Оценка', 'Score', 'number', { width: 60 }),
    col('loggedAt', 'Зафиксировано', 'Logged', 'date', { system: true }),
    col('loggedBy', 'Кто зафиксировал', 'Logged by', 'email', { system: true, width: 160 }),
  ],
};

export const ORDERS: TabDef = {
  key: 'orders',
  ru: 'Заказы',
  en: 'Orders',
  columns: [col('week', 'Неделя (ISO)', 'Week (ISO)', 'text'), col('orders', 'Заказов', 'Orders', 'number')],
};

export const DASHBOARD: TabDef = { key: 'dashboard', ru: 'Дашборд', en: 'Dashboard', columns: [] };

/** Generated from the Zones of growth and CSI tabs (sheets/zone-summary-tab.ts): values only. */
export const ZONE_SUMMARY: TabDef = {
  key: 'zoneSummary',
  ru: 'Зоны роста — сводка',
  en: 'Zones of growth — summary',
  columns: [],
};

export const TABS: readonly TabDef[] = [CASES, EVENTS, SETTINGS_TAB, ZONES, CSI, ORDERS, DASHBOARD, ZONE_SUMMARY];

export function tabName(tab: TabDef, lang: Lang): string {
  return tab[lang];
}

export function header(column: ColumnDef, lang: Lang): string {
  return column[lang];
}

/** Header text → column key, in both languages, case- and space-insensitive. */
export function headerIndex(tab: TabDef): Map<string, string> {
  const index = new Map<string, string>();
  for (const c of tab.columns) {
    index.set(normalizeHeader(c.ru), c.key);
    index.set(normalizeHeader(c.en), c.key);
  }
  return index;
}

export function normalizeHeader(text: unknown): string {
  return String(text ?? '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}
