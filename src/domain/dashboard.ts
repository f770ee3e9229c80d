/**
 * The Dashboard tab (docs/product.md, KPIs: the dashboard): every KPI for the current ISO week,
 * the four full weeks before it and the current month, in the business calendar's time zone, each
 * figure beside the number of cases it rests on; incidents per 100 orders week by week with its
 * change; per owner department open, overdue and the median time to resolve; the charts' ranges;
 * and what was left out (Orders rows that could not be used, case rows that could not be read).
 * Pure: the figures come from `periodKpis` (the weekly tab's own), the sheets layer writes the
 * layout as it is.
 */
import type { Lang } from './i18n';
import { tServer, type ServerMessageKey } from './i18n/server';
import { isoWeekAt, previousWeek, weekPeriod, type IsoWeek, type WeekPeriod } from './iso-week';
import { incidentTrend, periodKpis, type KpiCase, type Period, type PeriodKpis, type TrendWeek } from './kpi';
import type { Ms } from './model';
import type { OrdersProblem, WeeklyOrders } from './orders';
import type { Settings } from './settings';
import {
  dateText,
  incidentsNoData,
  kpiLines,
  LayoutBuilder,
  momentText,
  type FormattedCell,
  type Rect,
  type SheetLayout,
} from './weekly-report';
import { startOfLocalDay, wallTime } from './zoned-time';

/** Weeks in the incidents trend, the current one last. */
export const TREND_WEEKS = 8;
/** Full weeks in the middle column, before the current one. */
export const PAST_WEEKS = 4;

export type DashboardColumn = 'week' | 'fourWeeks' | 'month';
export const DASHBOARD_COLUMNS: readonly DashboardColumn[] = ['week', 'fourWeeks', 'month'];

export interface DashboardPeriods {
  /** The ISO week holding `now`. */
  week: WeekPeriod;
  /** The PAST_WEEKS full weeks before it: [their first Monday, this week's Monday). */
  fourWeeks: Period & { first: WeekPeriod; last: WeekPeriod };
  /** The calendar month holding `now`: [its first day, the next month's first day). */
  month: Period & { year: number; month: number };
  /** The TREND_WEEKS weeks ending with the current one, oldest first. */
  trend: WeekPeriod[];
}

function weeksBack(week: IsoWeek, count: number): IsoWeek[] {
  const weeks: IsoWeek[] = [];
  let w = week;
  for (let i = 0; i < count; i++) {
    w = previousWeek(w);
    weeks.unshift(w);
  }
  return weeks;
}

export function dashboardPeriods(now: Ms, timeZone: string): DashboardPeriods {
  const current = isoWeekAt(now, timeZone);
  const week = weekPeriod(current, timeZone);
  const past = weeksBack(current, PAST_WEEKS).map((w) => weekPeriod(w, timeZone));
  const first = past[0] as WeekPeriod;
  const last = past[past.length - 1] as WeekPeriod;
  const w = wallTime(now, timeZone);
  const [nextYear, nextMonth] = w.month === 12 ? [w.year + 1, 1] : [w.year, w.month + 1];
  return {
    week,
    fourWeeks: { start: first.start, end: week.start, first, last },
    month: {
      start: startOfLocalDay(timeZone, w.year, w.month, 1),
      end: startOfLocalDay(timeZone, nextYear, nextMonth, 1),
      year: w.year,
      month: w.month,
    },
    trend: [...weeksBack(current, TREND_WEEKS - 1).map((x) => weekPeriod(x, timeZone)), week],
  };
}

export interface Dashboard {
  asOf: Ms;
  timeZone: string;
  periods: DashboardPeriods;
  kpis: Record<DashboardColumn, PeriodKpis>;
  trend: TrendWeek[];
  ordersProblems: OrdersProblem[];
  /** Case rows that could not be read (left out of every figure). */
  skippedCases: number;
}

export function dashboard(input: {
  cases: readonly KpiCase[];
  orders: WeeklyOrders;
  ordersProblems: readonly OrdersProblem[];
  skippedCases: number;
  settings: Settings;
  now: Ms;
}): Dashboard {
  const { cases, orders, settings, now } = input;
  const timeZone = settings.calendar.timeZone;
  const periods = dashboardPeriods(now, timeZone);
  const kpisOf = (period: Period) => periodKpis(cases, period, settings, now, orders);
  return {
    asOf: now,
    timeZone,
    periods,
    kpis: { week: kpisOf(periods.week), fourWeeks: kpisOf(periods.fourWeeks), month: kpisOf(periods.month) },
    trend: incidentTrend(cases, periods.trend, orders, timeZone),
    ordersProblems: [...input.ordersProblems],
    skippedCases: input.skippedCases,
  };
}

// ---- The layout ----

/** A chart of the tab: its type, the ranges of its categories and series (headers included). */
export interface DashboardChart {
  type: 'line' | 'bar';
  title: string;
  /** The categories (first) and the series, each a column with its header. */
  ranges: Rect[];
  /** The value axis's title. */
  axisTitle: string;
  anchorRow: number;
  anchorColumn: number;
}

export interface DashboardLayout extends SheetLayout {
  charts: DashboardChart[];
}

/** Department, open, overdue, then a median and its basis per column. */
const WIDTH = 3 + 2 * DASHBOARD_COLUMNS.length;
const COLUMN_WIDTHS: SheetLayout['columnWidths'] = [
  { column: 1, count: 1, width: 300 },
  { column: 2, count: WIDTH - 1, width: 120 },
];

function monthLabel(year: number, month: number, lang: Lang): string {
  const mm = String(month).padStart(2, '0');
  return lang === 'ru' ? `${mm}.${year}` : `${year}-${mm}`;
}

function columnTitle(d: Dashboard, column: DashboardColumn, lang: Lang): string {
  const { week, fourWeeks, month } = d.periods;
  if (column === 'week') return tServer(lang, 'dashboard.week', { week: week.label });
  if (column === 'fourWeeks')
    return tServer(lang, 'dashboard.fourWeeks', {
      from: dateText(fourWeeks.first.firstDay, lang),
      to: dateText(fourWeeks.last.lastDay, lang),
    });
  return tServer(lang, 'dashboard.month', { month: monthLabel(month.year, month.month, lang) });
}

export function dashboardLayout(d: Dashboard, lang: Lang, ordersTab: string): DashboardLayout {
  const b = new LayoutBuilder(WIDTH);
  const tr = (key: ServerMessageKey, params?: Record<string, string | number>) => tServer(lang, key, params);
  const noData = tr('weekly.noData');
  const charts: DashboardChart[] = [];

  b.row([tr('dashboard.title')]);
  b.row([tr('dashboard.generated', { at: momentText(d.asOf, d.timeZone, lang), zone: d.timeZone })]);
  b.blank();

  // Every KPI, a value and its basis per column (the weekly tab's lines, computed the same way).
  b.section(tr('dashboard.kpis'));
  b.header([
    tr('weekly.kpi'),
    ...DASHBOARD_COLUMNS.flatMap((column) => [columnTitle(d, column, lang), tr('dashboard.basis')]),
  ]);
  const lines = DASHBOARD_COLUMNS.map((column) => kpiLines(d.kpis[column], lang));
  (lines[0] ?? []).forEach((first, i) => {
    b.row([
      first.label,
      ...lines.flatMap((columnLines): Array<FormattedCell | number | null> => {
        const line = columnLines[i] ?? first;
        return [[line.value, line.format, line.noData ?? noData], line.cases];
      }),
    ]);
  });
  b.blank();

  // Incidents per 100 orders, week by week, with its change: the trend chart's data.
  b.section(tr('dashboard.trend'));
  const trendHeader = b.header([
    tr('dashboard.trend.week'),
    tr('dashboard.trend.rate'),
    tr('dashboard.trend.incidents'),
    tr('dashboard.trend.orders'),
    tr('dashboard.trend.change'),
  ]);
  for (const week of d.trend) {
    const missing = incidentsNoData(week.reason, lang);
    b.row([
      week.label,
      [week.value, 'ratio', missing],
      week.cases,
      week.orders ?? missing,
      [week.change, 'ratioChange', '—'],
    ]);
  }
  charts.push({
    type: 'line',
    title: tr('dashboard.chart.trend'),
    ranges: [
      { row: trendHeader, column: 1, rows: d.trend.length + 1, columns: 1 },
      { row: trendHeader, column: 2, rows: d.trend.length + 1, columns: 1 },
    ],
    axisTitle: tr('dashboard.trend.rate'),
    anchorRow: trendHeader - 1,
    anchorColumn: WIDTH + 2,
  });
  b.blank();

  // Per owner department: open and overdue now, the median time to resolve per column.
  b.section(tr('dashboard.departments'));
  const deptHeader = b.header([
    tr('weekly.department'),
    tr('weekly.open'),
    tr('weekly.overdue'),
    ...DASHBOARD_COLUMNS.flatMap((column) => {
      const period = tr(`dashboard.short.${column}`);
      return [tr('dashboard.dept.median', { period }), tr('dashboard.dept.resolved', { period })];
    }),
  ]);
  const names = [
    ...new Set(DASHBOARD_COLUMNS.flatMap((column) => d.kpis[column].departments.map((r) => r.department))),
  ];
  for (const name of names) {
    const rows = DASHBOARD_COLUMNS.map((column) => d.kpis[column].departments.find((r) => r.department === name));
    const now = rows.find((r) => r !== undefined);
    b.row([
      name || '—',
      now?.open ?? 0,
      now?.overdue ?? 0,
      ...rows.flatMap((r): Array<FormattedCell | number> => [
        [r?.medianHours ?? null, 'hours', noData],
        r?.resolved ?? 0,
      ]),
    ]);
  }
  if (names.length === 0) b.row([tr('dashboard.noDepartments')]);
  else
    charts.push({
      type: 'bar',
      title: tr('dashboard.chart.departments'),
      ranges: [
        { row: deptHeader, column: 1, rows: names.length + 1, columns: 1 },
        { row: deptHeader, column: 2, rows: names.length + 1, columns: 2 },
      ],
      axisTitle: tr('dashboard.basis'),
      anchorRow: deptHeader - 1,
      anchorColumn: WIDTH + 2,
    });

  // What was left out, so a figure is never silently short.
  if (d.ordersProblems.length > 0 || d.skippedCases > 0) {
    b.blank();
    b.section(tr('dashboard.problems'));
    if (d.skippedCases > 0) b.row([tr('dashboard.casesSkipped', { count: d.skippedCases })]);
    for (const p of d.ordersProblems) {
      b.row([tr('dashboard.ordersProblem', { tab: ordersTab, row: p.row, message: tr(p.key, p.params) })]);
    }
  }

  return { ...b.layout(COLUMN_WIDTHS), charts };
}
