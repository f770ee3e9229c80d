/**
 * Refreshing the Dashboard tab (docs/product.md, KPIs: the dashboard): from the menu ("Refresh the
 * dashboard", CS leads and team leaders) and as a step of the daily job. One read of the Cases
 * columns the KPIs need, one read of the Orders tab, the figures computed once (domain/kpi.ts,
 * the weekly tab's own), and one write of the tab under the document lock.
 */
import { dashboard, dashboardLayout } from '../domain/dashboard';
import type { Lang } from '../domain/i18n';
import { tServer } from '../domain/i18n/server';
import type { Ms, Role } from '../domain/model';
import type { Settings } from '../domain/settings';
import { now } from '../services/clock';
import { withDocumentLock } from '../services/lock';
import { writeDashboardTab } from '../sheets/dashboard-tab';
import { readOrders } from '../sheets/orders-tab';
import { ORDERS } from '../sheets/schema';
import { readKpiCases } from '../sheets/weekly-tab';
import type { Workbook } from '../sheets/workbook';
import { toast } from './confirm';
import { handleRequest } from './context';

/** Who may refresh it: the CS leads, and the team leaders who read it. */
export const DASHBOARD_ROLES: readonly Role[] = ['lead', 'team_leader'];

export interface DashboardRefresh {
  /** The tab written. */
  tab: string;
  /** Cases the figures rest on. */
  cases: number;
  /** Weeks with a usable order count. */
  weeks: number;
  /** Case rows and Orders rows left out (each named on the tab). */
  skippedCases: number;
  ordersProblems: number;
  /** One line saying what was done, in the workbook's language. */
  summary: string;
}

/** Reads, computes and writes the dashboard as of `at`. */
export function refreshDashboardTab(wb: Workbook, settings: Settings, at: Ms, lang: Lang = wb.lang): DashboardRefresh {
  const { cases, problems } = readKpiCases(wb);
  const orders = readOrders(wb);
  // A broken row has a problem per broken cell: count rows.
  const skippedCases = new Set(problems.map((p) => p.cell.replace(/^[A-Z]+/, ''))).size;
  const figures = dashboard({
    cases,
    orders: orders.orders,
    ordersProblems: orders.problems,
    skippedCases,
    settings,
    now: at,
  });
  const layout = dashboardLayout(figures, wb.lang, orders.tab ?? ORDERS[wb.lang]);
  const sheet = withDocumentLock(() => writeDashboardTab(wb, layout));
  const left = skippedCases + orders.problems.length;
  const summary =
    tServer(lang, 'dashboard.summary', { cases: cases.length, weeks: orders.orders.size }) +
    (left > 0 ? tServer(lang, 'dashboard.summary.problems', { count: left }) : '');
  return {
    tab: sheet.getName(),
    cases: cases.length,
    weeks: orders.orders.size,
    skippedCases,
    ordersProblems: orders.problems.length,
    summary,
  };
}

/** The menu's "Refresh the dashboard". */
export function refreshDashboard(): DashboardRefresh {
  return handleRequest(
    DASHBOARD_ROLES,
    (request) => {
      const result = refreshDashboardTab(request.wb, request.settings, now(), request.lang);
      toast(request.wb.ss, request.lang, result.summary);
      return result;
    },
    'dashboard.forbidden',
  );
}
