/**
 * The workbook's shape: its tabs and their columns, named in both languages. Columns are found by
 * header text in either language and in any order, so a person may rename a tab's language,
 * reorder columns or add their own; setup re-adds what is missing.
 */
import type { Lang } from '../domain/i18n';

export type ColumnType = 'text' | 'longtext' | 'date' | 'number' | 'bool' | 'status' | 'list' | 'email';

/** Which Settings list feeds a column's dropdown. */
export type ListSource = 'status' | 'criticality' | 'department' | 'channel' | 'kind' | 'source' | 'rootCause';

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

export type TabKey = 'cases' | 'events' | 'settings' | 'zones' | 'csi' | 'orders' | 'dashboard';

const col = (
  key: string,
  ru: string,
  en: string,
  type: ColumnType,
  extra: Partial<Pick<ColumnDef, 'system' | 'list' | 'width'>> = {},
): ColumnDef => ({ key, ru, en, type, ...extra });

export const CASES: TabDef = {
  key: 'cases',
  ru: 'Кейсы',
  en: 'Cases',
  columns: [
    col('id', 'Номер', 'ID', 'text', { system: true, width: 130 }),
    col('status', 'Статус', 'Status', 'status', { list: 'status', width: 120 }),
    col('criticality', 'Критичность', 'Criticality', 'list', { list: 'criticality', width: 60 }),
    col('sla', 'SLA', 'SLA', 'text', { system: true, width: 90 }),
    col('orderNo', 'Заказ', 'Order', 'text', { width: 90 }),
    col('client', 'Клиент', 'Client', 'text', { width: 150 }),
    col('contact', 'Контакт', 'Contact', 'text', { width: 120 }),
    col('channel', 'Канал', 'Channel', 'list', { list: 'channel' }),
    col('source', 'Источник', 'Source', 'list', { list: 'source' }),
    col('kind', 'Тип', 'Kind', 'list', { list: 'kind' }),
    col('summary', 'Суть', 'Summary', 'longtext', { width: 280 }),
    col('evidence', 'Фото и видео', 'Evidence', 'longtext', { width: 160 }),
    col('ownerDept', 'Отдел-владелец', 'Owner department', 'list', { list: 'department', width: 120 }),
    col('ownerEmail', 'Владелец', 'Owner', 'email', { width: 160 }),
    col('agent', 'Специалист КС', 'CS agent', 'email', { width: 160 }),
    col('manager', 'Менеджер', 'Manager', 'text'),
    col('team', 'Команда', 'Team', 'text'),
    col('bypass', 'Мимо КС', 'Past CS', 'bool', { width: 70 }),
    col('stopShipment', 'Стоп отгрузки', 'Shipment stopped', 'bool', { width: 70 }),
    col('createdAt', 'Создан', 'Created', 'date', { system: true }),
    col('dueFirstResponseAt', 'Срок первого ответа', 'First response due', 'date', { system: true }),
    col('firstResponseAt', 'Первый ответ', 'First response', 'date', { system: true }),
    col('dueAt', 'Срок решения', 'Resolution due', 'date', { system: true }),
    col('resolvedAt', 'Решён', 'Resolved', 'date', { system: true }),
    col('closedAt', 'Закрыт', 'Closed', 'date', { system: true }),
    col('resolution', 'Что сделано', 'Resolution', 'longtext', { width: 200 }),
    col('rootCause', 'Корневая причина', 'Root cause', 'list', { list: 'rootCause', width: 160 }),
    col('prevention', 'Профилактика', 'Prevention', 'longtext', { width: 200 }),
    col('cancelReason', 'Причина отмены', 'Cancellation reason', 'text'),
    col('csat', 'CSAT', 'CSAT', 'number', { width: 50 }),
    col('nps', 'NPS', 'NPS', 'number', { width: 50 }),
    col('reopenCount', 'Переоткрытий', 'Reopens', 'number', { system: true, width: 60 }),
    col('escalationLevel', 'Эскалация', 'Escalation', 'number', { system: true, width: 60 }),
    col('cancelledAt', 'Отменён', 'Cancelled', 'date', { system: true }),
    col('createdBy', 'Кто создал', 'Created by', 'email', { system: true }),
    col('updatedAt', 'Изменён', 'Updated', 'date', { system: true }),
    col('updatedBy', 'Кто изменил', 'Updated by', 'email', { system: true }),
    col('resolutionStartAt', 'Старт часов решения', 'Resolution clock start', 'date', { system: true }),
    col('pausedMinutes', 'Минут ожидания клиента', 'Minutes waiting for client', 'number', { system: true }),
    col('waitingSince', 'Ждём клиента с', 'Waiting since', 'date', { system: true }),
    col('version', 'Версия', 'Version', 'number', { system: true, width: 60 }),
  ],
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
  ],
};

export const SETTINGS_TAB: TabDef = { key: 'settings', ru: 'Настройки', en: 'Settings', columns: [] };

export const ZONES: TabDef = {
  key: 'zones',
  ru: 'Зоны роста',
  en: 'Zones of growth',
  columns: [
    col('id', 'Номер', 'ID', 'text', { system: true }),
    col('status', 'Статус', 'Status', 'text'),
    col('manager', 'Менеджер', 'Manager', 'text'),
    col('team', 'Команда', 'Team', 'text'),
    col('teamLeader', 'Руководитель команды', 'Team leader', 'email'),
    col('source', 'Источник', 'Source', 'text'),
    col('category', 'Категория', 'Category', 'text'),
    col('standard', 'Нарушенный стандарт', 'Standard broken', 'longtext'),
    col('link', 'Ссылка', 'Link', 'text'),
    col('loggedAt', 'Зафиксировано', 'Logged', 'date', { system: true }),
    col('recheckAt', 'Перепроверка', 'Recheck', 'date'),
    col('version', 'Версия', 'Version', 'number', { system: true }),
  ],
};

export const CSI: TabDef = {
  key: 'csi',
  ru: 'CSI',
  en: 'CSI',
  columns: [
    col('at', 'Дата', 'Date', 'date'),
    col('manager', 'Менеджер', 'Manager', 'text'),
    col('team', 'Команда', 'Team', 'text'),
    col('client', 'Клиент', 'Client', 'text'),
    col('orderNo', 'Заказ', 'Order', 'text'),
    col('comment', 'Комментарий клиента', 'Client comment', 'longtext'),
    col('score', 'Оценка', 'Score', 'number'),
  ],
};

export const ORDERS: TabDef = {
  key: 'orders',
  ru: 'Заказы',
  en: 'Orders',
  columns: [col('week', 'Неделя (ISO)', 'Week (ISO)', 'text'), col('orders', 'Заказов', 'Orders', 'number')],
};

export const DASHBOARD: TabDef = { key: 'dashboard', ru: 'Дашборд', en: 'Dashboard', columns: [] };

export const TABS: readonly TabDef[] = [CASES, EVENTS, SETTINGS_TAB, ZONES, CSI, ORDERS, DASHBOARD];

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
