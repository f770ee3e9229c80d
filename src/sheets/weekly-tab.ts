/**
 * The weekly top-causes tab in the workbook (docs/product.md, KPIs): the cases' KPI fields read in
 * bulk, and the report's layout written as values in one block, styled with one range list per
 * style, with its bar chart. The tab is generated: a run for the same week clears and rewrites
 * it, and only the newest weekly tabs are kept.
 */
import { KPI_FIELDS, type KpiCase } from '../domain/kpi';
import {
  weeklyTabName,
  weeklyTabsToDelete,
  weeklyTabWeek,
  type CellFormat,
  type LayoutValue,
  type Rect,
  type SheetLayout,
  type WeeklyLayout,
} from '../domain/weekly-report';
import { columnLetter } from './a1';
import { rowToCaseFields, type CellProblem } from './case-row';
import { readColumns } from './column-blocks';
import { toCell } from './table';
import { casesTable, type Workbook } from './workbook';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Every case's KPI fields: one read per block of those columns (column-blocks.ts), whatever the
 * number of cases. A row with a broken cell among them is reported and left out of the figures.
 */
export function readKpiCases(wb: Workbook): { cases: KpiCase[]; problems: CellProblem[] } {
  const table = casesTable(wb);
  const cases: KpiCase[] = [];
  const problems: CellProblem[] = [];
  const rows = table.sheet.getLastRow() - 1;
  if (rows < 1 || !table.has('id')) return { cases, problems };
  readColumns(table, KPI_FIELDS, 2, rows).forEach((raw, i) => {
    if (String(table.get(raw, 'id') ?? '').trim() === '') return;
    const parsed = rowToCaseFields(table, raw, i + 2, wb.lang, KPI_FIELDS);
    if (parsed.value) cases.push(parsed.value);
    else problems.push(...parsed.problems);
  });
  return { cases, problems };
}

/** Number formats of the layout's formatted cells. */
const NUMBER_FORMATS: Record<CellFormat, string> = {
  percent: '0.0%',
  hours: '0.0',
  change: '+0;-0;0',
  score: '0.0',
  nps: '+0;-0;0',
  ratio: '0.00',
  ratioChange: '+0.00;-0.00;0',
};
const HEADER_BACKGROUND = '#e8eaed';
/** Rows of a new sheet: a layout that fits needs no call to find the sheet's size. */
const NEW_SHEET_ROWS = 1000;

export function a1(rect: Rect): string {
  const first = `${columnLetter(rect.column)}${rect.row}`;
  if (rect.rows === 1 && rect.columns === 1) return first;
  return `${first}:${columnLetter(rect.column + rect.columns - 1)}${rect.row + rect.rows - 1}`;
}

/**
 * A generated tab's cells on a cleared sheet: the values in one block (text escaped, so nothing
 * typed becomes a formula), one range list per style and per number format, one call per run of
 * column widths; a fixed number of calls whatever the number of rows.
 */
export function writeLayout(sheet: Sheet, layout: SheetLayout): void {
  const rows = layout.rows.length;
  if (rows > NEW_SHEET_ROWS) {
    const max = sheet.getMaxRows();
    if (rows > max) sheet.insertRowsAfter(max, rows - max);
  }
  const cells = layout.rows.map((row) => row.map((value: LayoutValue) => toCell(value)));
  sheet.getRange(1, 1, rows, layout.width).setValues(cells);

  const styled = (rects: readonly Rect[], apply: (list: GoogleAppsScript.Spreadsheet.RangeList) => void) => {
    if (rects.length > 0) apply(sheet.getRangeList(rects.map(a1)));
  };
  styled([layout.title, ...layout.bold], (list) => list.setFontWeight('bold'));
  styled(layout.headers, (list) => list.setBackground(HEADER_BACKGROUND));
  for (const format of Object.keys(NUMBER_FORMATS) as CellFormat[]) {
    styled(layout.formats[format], (list) => list.setNumberFormat(NUMBER_FORMATS[format]));
  }
  for (const run of layout.columnWidths) sheet.setColumnWidths(run.column, run.count, run.width);
}

export interface WrittenTab {
  name: string;
  /** The tab's id, for a link to it (#gid=…). */
  sheetId: number;
  /** True when the week's tab was there and was rewritten. */
  rewritten: boolean;
  /** Older weekly tabs deleted to keep the newest. */
  deleted: string[];
}

/**
 * Writes the week's tab: the existing one for that week (in either language) is cleared, its
 * charts removed and rewritten in place, so links to it keep working; otherwise a new tab goes
 * last. Then weekly tabs beyond the newest WEEKLY_TABS_KEPT weeks are deleted (only those: every
 * other tab is left alone). About 15 calls whatever the number of rows.
 */
export function writeWeeklyTab(wb: Workbook, label: string, layout: WeeklyLayout): WrittenTab {
  const name = weeklyTabName(label, wb.lang);
  const sheets = wb.ss.getSheets();
  const existing = sheets.find((s) => weeklyTabWeek(s.getName()) === label) ?? null;
  let sheet: Sheet;
  if (existing) {
    sheet = existing;
    if (sheet.getName() !== name) sheet.setName(name);
    sheet.clear();
    for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  } else {
    sheet = wb.ss.insertSheet(name, sheets.length);
  }

  writeLayout(sheet, layout);

  if (layout.chart) {
    const chart = layout.chart;
    sheet.insertChart(
      sheet
        .newChart()
        .asBarChart()
        .setTitle(chart.title)
        .setXAxisTitle(chart.axisTitle)
        .addRange(sheet.getRange(a1(chart.labels)))
        .addRange(sheet.getRange(a1(chart.values)))
        // The legend would only repeat the axis title (one series); Charts.Position needs the
        // Charts service, the option does not.
        .setOption('legend', { position: 'none' })
        .setPosition(chart.anchorRow, chart.anchorColumn, 0, 0)
        .build(),
    );
  }

  // This week's tab first: of two tabs for one week (the other one in the other language), it stays.
  const names = [name, ...sheets.filter((s) => s !== existing).map((s) => s.getName())];
  const deleted = weeklyTabsToDelete(names).filter((old) => old !== name);
  for (const old of deleted) {
    const doomed = sheets.find((s) => s !== existing && s.getName() === old);
    if (doomed) wb.ss.deleteSheet(doomed);
  }
  return { name, sheetId: sheet.getSheetId(), rewritten: existing !== null, deleted };
}
