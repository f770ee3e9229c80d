/**
 * The Dashboard tab in the workbook (docs/product.md, KPIs: the dashboard): the layout of
 * domain/dashboard.ts written the way the weekly tab is (weekly-tab.ts, writeLayout): the tab
 * cleared and its charts removed, the values in one block, one range list per style, then its
 * charts. A refresh replaces everything, so charts never pile up. A fixed number of calls,
 * whatever the number of cases.
 */
import type { DashboardLayout } from '../domain/dashboard';
import { DASHBOARD } from './schema';
import { a1, writeLayout } from './weekly-tab';
import { findSheet, type Workbook } from './workbook';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Writes the dashboard over the Dashboard tab (created at the end when setup has not made it). */
export function writeDashboardTab(wb: Workbook, layout: DashboardLayout): Sheet {
  const existing = findSheet(wb.ss, DASHBOARD, wb.lang);
  const sheet = existing ?? wb.ss.insertSheet(DASHBOARD[wb.lang], wb.ss.getSheets().length);
  if (existing) {
    // Sheet.clear() leaves charts (as Sheets does): they go one by one.
    sheet.clear();
    for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  }
  writeLayout(sheet, layout);
  for (const chart of layout.charts) {
    const base = sheet.newChart();
    const typed =
      chart.type === 'line'
        ? base.asLineChart().setTitle(chart.title).setYAxisTitle(chart.axisTitle)
        : base.asBarChart().setTitle(chart.title).setXAxisTitle(chart.axisTitle);
    let builder: GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder = typed;
    for (const range of chart.ranges) builder = builder.addRange(sheet.getRange(a1(range)));
    // The ranges start at their header row: Sheets takes it for the series' names.
    sheet.insertChart(builder.setPosition(chart.anchorRow, chart.anchorColumn, 0, 0).build());
  }
  return sheet;
}
