/**
 * The Orders tab's rows (docs/product.md, KPIs: incidents per 100 orders): a week and its number of
 * orders, typed by a lead or pasted from the shop's system. Pure: the sheets layer hands over the
 * cells of the Week and Orders columns with their row numbers; what comes back is the weeks that
 * can be used and a problem for every row that cannot, so a bad row is reported, never used.
 *
 * - Week: an ISO week 'YYYY-Www' ('2026-W48'), or a date (a cell holding a date, any day of the
 *   week: the week it falls in, in the workbook's time zone).
 * - Orders: a whole number, 0 or more (a text of digits is read as the number it spells).
 * - A row with neither is skipped; a week typed with no count yet is a week with no count.
 * - A week given in two rows is refused, both rows reported: the week counts as having no order
 *   count until one row goes (summing them, or taking either, would guess).
 */
import type { ServerMessageKey } from './i18n/server';
import { isoWeekAt, parseWeekLabel, weekLabel } from './iso-week';
import type { Ms } from './model';

/** Orders per ISO week, by its label 'YYYY-Www'. */
export type WeeklyOrders = ReadonlyMap<string, number>;

/** One row of the tab: its sheet row number and the raw cells. */
export interface OrdersRow {
  row: number;
  week: unknown;
  orders: unknown;
}

/** A row that cannot be used: its sheet row and why (message keys of i18n/server.ts). */
export interface OrdersProblem {
  row: number;
  key: ServerMessageKey;
  params: Record<string, string | number>;
}

export interface ParsedOrders {
  orders: WeeklyOrders;
  problems: OrdersProblem[];
}

/** A cell holding a date: Apps Script gives a Date (checked without `instanceof`: another realm's Date). */
function dateMs(value: unknown): Ms | null {
  if (Object.prototype.toString.call(value) !== '[object Date]') return null;
  const ms = (value as Date).getTime();
  return Number.isFinite(ms) ? ms : null;
}

const isBlank = (value: unknown) => value === null || value === undefined || String(value).trim() === '';

/** The week a cell names, or null. */
export function parseOrdersWeek(value: unknown, timeZone: string): string | null {
  const ms = dateMs(value);
  if (ms !== null) return weekLabel(isoWeekAt(ms, timeZone));
  const week = parseWeekLabel(String(value ?? '').toUpperCase());
  return week ? weekLabel(week) : null;
}

/** A count of orders: a whole number, 0 or more; null when it is not one. */
export function parseOrdersCount(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : null;
  const digits = String(value ?? '').replace(/[\s\u00a0\u202f]/g, '');
  return /^\d{1,9}$/.test(digits) ? Number(digits) : null;
}

export function parseOrders(rows: readonly OrdersRow[], timeZone: string): ParsedOrders {
  const problems: OrdersProblem[] = [];
  const byWeek = new Map<string, Array<{ row: number; count: number }>>();
  for (const { row, week, orders } of rows) {
    if (isBlank(week) && isBlank(orders)) continue;
    const label = isBlank(week) ? null : parseOrdersWeek(week, timeZone);
    if (label === null) {
      problems.push({ row, key: isBlank(week) ? 'orders.noWeek' : 'orders.badWeek', params: { value: String(week) } });
      continue;
    }
    if (isBlank(orders)) continue;
    const count = parseOrdersCount(orders);
    if (count === null) {
      problems.push({ row, key: 'orders.badCount', params: { week: label, value: String(orders) } });
      continue;
    }
    byWeek.set(label, [...(byWeek.get(label) ?? []), { row, count }]);
  }
  const orders = new Map<string, number>();
  for (const [label, given] of byWeek) {
    if (given.length === 1) orders.set(label, (given[0] as { count: number }).count);
    else
      for (const { row } of given)
        problems.push({
          row,
          key: 'orders.twice',
          params: { week: label, rows: given.map((g) => g.row).join(', ') },
        });
  }
  problems.sort((a, b) => a.row - b.row);
  return { orders, problems };
}
