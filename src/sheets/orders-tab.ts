/**
 * The Orders tab (docs/product.md, KPIs: incidents per 100 orders): one read of the whole tab,
 * its Week and Orders columns found by header, the rows checked by the domain (domain/orders.ts).
 * Rows that cannot be used come back as problems with their row number, never as figures.
 */
import { parseOrders, type OrdersRow, type ParsedOrders } from '../domain/orders';
import { ORDERS } from './schema';
import { Table } from './table';
import { findSheet, type Workbook } from './workbook';

export interface OrdersRead extends ParsedOrders {
  /** The tab's name, for the problems' wording; null when the workbook has no Orders tab. */
  tab: string | null;
}

/**
 * The orders per week. A workbook without the tab (set up before it existed) has no counts: every
 * week then says "no order count". Dates typed as the week are read in the spreadsheet's time
 * zone, the zone Sheets stores a typed date in.
 */
export function readOrders(wb: Workbook): OrdersRead {
  const sheet = findSheet(wb.ss, ORDERS, wb.lang);
  if (!sheet) return { tab: null, orders: new Map(), problems: [] };
  const values = sheet.getDataRange().getValues();
  const table = Table.fromHeaders(sheet, ORDERS, values[0] ?? []);
  if (!table.has('week') || !table.has('orders')) return { tab: sheet.getName(), orders: new Map(), problems: [] };
  const rows: OrdersRow[] = values.slice(1).map((raw, i) => ({
    row: i + 2,
    week: table.get(raw, 'week'),
    orders: table.get(raw, 'orders'),
  }));
  return { tab: sheet.getName(), ...parseOrders(rows, wb.timeZone) };
}
