/**
 * The weekly top-causes report (docs/product.md, KPIs): the figures of the ISO week that ended,
 * computed once by the KPI functions, then laid out as the tab's cells and as the leaders' summary
 * email. Pure: the sheets layer writes the layout as it is, the job sends the email.
 */
import type { EmailDoc, EmailItem } from './email';
import type { Lang } from './i18n';
import { tServer, type ServerMessageKey } from './i18n/server';
import { parseWeekLabel, previousWeek, weekPeriod, type WeekPeriod } from './iso-week';
import {
  periodKpis,
  preventionByCause,
  rootCauses,
  type DepartmentLoad,
  type KpiCase,
  type NoIncidentRate,
  type PeriodKpis,
  type PreventionGroup,
  type RootCauseRanking,
} from './kpi';
import { CRITICALITIES, type Ms } from './model';
import type { WeeklyOrders } from './orders';
import type { Settings } from './settings';
import { wallTime } from './zoned-time';

/** Weekly tabs kept; older ones are deleted (the tab is generated from the cases, not history). */
export const WEEKLY_TABS_KEPT = 12;

/** Causes in the chart and in the email. */
const CHART_CAUSES = 10;
const MAIL_CAUSES = 3;

export interface WeeklyReport {
  week: WeekPeriod;
  previous: WeekPeriod;
  /** When the report was computed: open and overdue are as of this moment. */
  asOf: Ms;
  timeZone: string;
  kpis: PeriodKpis;
  causes: RootCauseRanking;
  prevention: PreventionGroup[];
}

export function weeklyReport(
  cases: readonly KpiCase[],
  week: WeekPeriod,
  settings: Settings,
  asOf: Ms,
  timeZone: string,
  /** Orders per ISO week (the Orders tab), for incidents per 100 orders. */
  orders: WeeklyOrders = new Map(),
): WeeklyReport {
  const previous = weekPeriod(previousWeek(week), timeZone);
  return {
    week,
    previous,
    asOf,
    timeZone,
    kpis: periodKpis(cases, week, settings, asOf, orders),
    causes: rootCauses(cases, week, previous),
    prevention: preventionByCause(cases, week),
  };
}

const LANGS: readonly Lang[] = ['ru', 'en'];

export function weeklyTabName(label: string, lang: Lang): string {
  return tServer(lang, 'weekly.tabName', { week: label });
}

/** The week label of a weekly tab's name (in either language); null for every other tab. */
export function weeklyTabWeek(name: string): string | null {
  for (const lang of LANGS) {
    const prefix = weeklyTabName('', lang);
    if (name.startsWith(prefix)) {
      const label = name.slice(prefix.length);
      return parseWeekLabel(label) && label === label.trim() ? label : null;
    }
  }
  return null;
}

/**
 * The weekly tabs to delete so that the newest `keep` weeks remain (by week, not by when they
 * were written); of two tabs for one week (a language change), the first listed is kept.
 */
export function weeklyTabsToDelete(names: readonly string[], keep = WEEKLY_TABS_KEPT): string[] {
  const weekly = names
    .map((name, index) => ({ name, index, label: weeklyTabWeek(name) }))
    .filter((tab): tab is { name: string; index: number; label: string } => tab.label !== null);
  const seen = new Set<string>();
  const duplicates = weekly.filter((tab) => (seen.has(tab.label) ? true : (seen.add(tab.label), false)));
  const newest = [...seen].sort().reverse();
  const dropped = new Set(newest.slice(keep));
  return [
    ...duplicates.map((tab) => tab.name),
    ...weekly.filter((tab) => dropped.has(tab.label)).map((tab) => tab.name),
  ].filter((name, i, all) => all.indexOf(name) === i);
}

// ---- Numbers as people read them ----

export function decimal(value: number, digits: number, lang: Lang): string {
  const text = value.toFixed(digits).replace(/\.0+$/, '');
  return lang === 'ru' ? text.replace('.', ',') : text;
}

function percentText(value: number, lang: Lang): string {
  return lang === 'ru' ? `${decimal(value, 1, lang)} %` : `${decimal(value, 1, lang)}%`;
}

function changeText(change: number): string {
  return change > 0 ? `+${change}` : change < 0 ? `−${-change}` : '0';
}

/** 'DD.MM.YYYY' in Russian, 'YYYY-MM-DD' in English, from 'YYYY-MM-DD'. */
export function dateText(isoDate: string, lang: Lang): string {
  const [y, m, d] = isoDate.split('-');
  return lang === 'ru' ? `${d}.${m}.${y}` : isoDate;
}

export function momentText(ms: Ms, timeZone: string, lang: Lang): string {
  const w = wallTime(ms, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${w.year}-${pad(w.month)}-${pad(w.day)}`;
  return `${dateText(date, lang)} ${pad(w.hour)}:${pad(w.minute)}`;
}

// ---- The KPIs as lines (shared by the tab and the email) ----

/**
 * How a figure reads: a percentage, business hours, a count, a 1–5 score (CSAT), a score in
 * −100…100 (NPS), a rate (incidents per 100 orders).
 */
export type ValueFormat = 'percent' | 'hours' | 'count' | 'score' | 'nps' | 'ratio';

export interface KpiLine {
  label: string;
  value: number | null;
  format: ValueFormat;
  /** The cases it rests on; null where the line is itself a count. */
  cases: number | null;
  /** What a missing value says instead of "no data" (incidents: "no order count"). */
  noData?: string;
}

/** What a missing incidents figure says: why it is missing. */
export function incidentsNoData(reason: NoIncidentRate | null, lang: Lang): string {
  return tServer(lang, reason === 'noOrders' ? 'kpi.noOrders' : 'kpi.noOrderCount');
}

/** The week's KPIs as the tab lists them, each with the cases it rests on. */
export function kpiLines(kpis: PeriodKpis, lang: Lang): KpiLine[] {
  const line = (label: string, value: number | null, format: ValueFormat, cases: number | null): KpiLine => ({
    label,
    value,
    format,
    cases,
  });
  const text = (key: ServerMessageKey, params?: Record<string, string>) => tServer(lang, key, params);
  const { firstResponse, reopen, bypass, incidents } = kpis;
  return [
    line(text('weekly.kpi.firstResponse'), firstResponse.value, 'percent', firstResponse.cases),
    line(text('weekly.kpi.pending'), firstResponse.pending, 'count', null),
    ...CRITICALITIES.flatMap((criticality) => {
      const times = kpis.timeToClose[criticality];
      return [
        line(text('weekly.kpi.median', { criticality }), times.medianHours, 'hours', times.cases),
        line(text('weekly.kpi.p90', { criticality }), times.p90Hours, 'hours', times.cases),
        line(text('weekly.kpi.within', { criticality }), times.withinTarget.value, 'percent', times.cases),
      ];
    }),
    line(text('weekly.kpi.reopen'), reopen.value, 'percent', reopen.cases),
    line(text('weekly.kpi.bypass'), bypass.value, 'percent', bypass.cases),
    line(text('kpi.csat'), kpis.csat.value, 'score', kpis.csat.cases),
    line(text('kpi.nps'), kpis.nps.value, 'nps', kpis.nps.cases),
    line(text('kpi.firstContact'), kpis.firstContact.value, 'percent', kpis.firstContact.cases),
    {
      ...line(text('kpi.incidents'), incidents.value, 'ratio', incidents.cases),
      noData: incidentsNoData(incidents.reason, lang),
    },
  ];
}

function valueText(value: number | null, format: ValueFormat, lang: Lang): string {
  if (value === null) return tServer(lang, 'weekly.noData');
  if (format === 'percent') return percentText(value, lang);
  if (format === 'hours') return decimal(value, 1, lang);
  return String(value);
}

function bottleneckText(bottleneck: DepartmentLoad | null, lang: Lang): string {
  if (!bottleneck) return tServer(lang, 'weekly.noBottleneck');
  return tServer(lang, 'weekly.bottleneck', {
    department: bottleneck.department || '—',
    missed: bottleneck.resolvedLate + bottleneck.overdue,
    late: bottleneck.resolvedLate,
    overdue: bottleneck.overdue,
  });
}

// ---- The tab ----

/** A value of a cell: text, a number, or empty. Percentages are fractions (0.5 shows as 50 %). */
export type LayoutValue = string | number | null;

/** A block of cells, 1-based. */
export interface Rect {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/** The number formats a generated tab gives its cells (the sheets layer maps each to a pattern). */
export type CellFormat = Exclude<ValueFormat, 'count'> | 'change' | 'ratioChange';

/** A generated tab's cells and styles: the weekly tab's and the dashboard's. */
export interface SheetLayout {
  /** Every row has `width` cells. */
  rows: LayoutValue[][];
  width: number;
  title: Rect;
  /** Section titles and table headers. */
  bold: Rect[];
  /** Table headers (shaded). */
  headers: Rect[];
  /** Cells whose number format is a percentage, hours, a signed change… */
  formats: Record<CellFormat, Rect[]>;
  /** Column widths in pixels, as runs of equal width (one call each). */
  columnWidths: Array<{ column: number; count: number; width: number }>;
}

export interface WeeklyLayout extends SheetLayout {
  /** The chart of the top causes: its labels and counts (the header row included), or none. */
  chart: {
    labels: Rect;
    values: Rect;
    anchorRow: number;
    anchorColumn: number;
    title: string;
    /** The value axis: the number of cases. */
    axisTitle: string;
  } | null;
}

const WIDTH = 7;
const COLUMN_WIDTHS: WeeklyLayout['columnWidths'] = [
  { column: 1, count: 1, width: 280 },
  { column: 2, count: WIDTH - 1, width: 110 },
];

/** A formatted cell: its value (null: `noData` is written instead), its format, its no-data text. */
export type FormattedCell = [number | null, ValueFormat | CellFormat, string];

/** Builds a generated tab row by row: values, bold and shaded cells, number formats. */
export class LayoutBuilder {
  readonly rows: LayoutValue[][] = [];
  readonly bold: Rect[] = [];
  readonly headers: Rect[] = [];
  readonly formats: SheetLayout['formats'] = {
    percent: [],
    hours: [],
    change: [],
    score: [],
    nps: [],
    ratio: [],
    ratioChange: [],
  };

  constructor(readonly width: number = WIDTH) {}

  /** Appends a row; returns its row number. Formatted cells are given as [value, format, no data]. */
  row(cells: ReadonlyArray<LayoutValue | FormattedCell>): number {
    const rowNumber = this.rows.length + 1;
    const values = cells.map((cell, i) => {
      if (!Array.isArray(cell)) return cell;
      const [value, format, noData] = cell;
      if (value === null) return noData;
      if (format !== 'count') this.formats[format].push(cellRect(rowNumber, i + 1));
      return format === 'percent' ? value / 100 : value;
    });
    this.rows.push([...values, ...Array.from({ length: this.width - values.length }, () => null)]);
    return rowNumber;
  }

  blank(): void {
    this.row([]);
  }

  section(title: string): void {
    const row = this.row([title]);
    this.bold.push(cellRect(row, 1));
  }

  header(labels: string[]): number {
    const row = this.row(labels);
    const rect = { row, column: 1, rows: 1, columns: labels.length };
    this.bold.push(rect);
    this.headers.push(rect);
    return row;
  }

  /** The tab as built, its first cell the title. */
  layout(columnWidths: SheetLayout['columnWidths']): SheetLayout {
    const { rows, width, bold, headers, formats } = this;
    return { rows, width, title: cellRect(1, 1), bold, headers, formats, columnWidths };
  }
}

export function cellRect(row: number, column: number): Rect {
  return { row, column, rows: 1, columns: 1 };
}

export function weeklyLayout(report: WeeklyReport, lang: Lang): WeeklyLayout {
  const b = new LayoutBuilder();
  const tr = (key: ServerMessageKey, params?: Record<string, string | number>) => tServer(lang, key, params);
  const noData = tr('weekly.noData');
  const { week, kpis, causes } = report;

  b.row([
    tr('weekly.title', { week: week.label, from: dateText(week.firstDay, lang), to: dateText(week.lastDay, lang) }),
  ]);
  b.row([tr('weekly.generated', { at: momentText(report.asOf, report.timeZone, lang), zone: report.timeZone })]);
  b.blank();

  b.section(tr('weekly.causes'));
  const causeHeader = b.header([
    tr('weekly.cause'),
    tr('weekly.count'),
    tr('weekly.share'),
    tr('weekly.previous'),
    tr('weekly.change'),
  ]);
  for (const c of causes.rows) {
    b.row([c.cause, c.count, [c.share, 'percent', noData], c.previous, [c.change, 'change', noData]]);
  }
  if (causes.rows.length === 0) b.row([tr('weekly.noCauses')]);
  const charted = Math.min(CHART_CAUSES, causes.rows.filter((c) => c.count > 0).length);
  b.blank();

  b.section(tr('weekly.departments'));
  b.header([
    tr('weekly.department'),
    tr('weekly.registered'),
    tr('weekly.open'),
    tr('weekly.overdue'),
    tr('weekly.resolved'),
    tr('weekly.medianHours'),
    tr('weekly.withinTarget'),
  ]);
  for (const d of kpis.departments) {
    b.row([
      d.department || '—',
      d.registered,
      d.open,
      d.overdue,
      d.resolved,
      [d.medianHours, 'hours', noData],
      [d.withinTarget.value, 'percent', noData],
    ]);
  }
  if (kpis.departments.length === 0) b.row([tr('weekly.noDepartments')]);
  b.bold.push(cellRect(b.row([bottleneckText(kpis.bottleneck, lang)]), 1));
  b.blank();

  b.section(tr('weekly.prevention'));
  b.header([tr('weekly.cause'), tr('weekly.count'), tr('weekly.action')]);
  for (const group of report.prevention) {
    group.actions.forEach((action, i) => b.row([i === 0 ? group.cause : null, action.caseIds.length, action.text]));
  }
  if (report.prevention.length === 0) b.row([tr('weekly.noPrevention')]);
  b.blank();

  b.section(tr('weekly.kpis'));
  b.header([tr('weekly.kpi'), tr('weekly.value'), tr('weekly.basis')]);
  for (const line of kpiLines(kpis, lang))
    b.row([line.label, [line.value, line.format, line.noData ?? noData], line.cases]);
  b.row([tr('weekly.kpi.note')]);

  return {
    ...b.layout(COLUMN_WIDTHS),
    chart:
      charted === 0
        ? null
        : {
            labels: { row: causeHeader, column: 1, rows: charted + 1, columns: 1 },
            values: { row: causeHeader, column: 2, rows: charted + 1, columns: 1 },
            anchorRow: causeHeader - 1,
            anchorColumn: WIDTH + 2,
            title: weeklyTabName(week.label, lang),
            axisTitle: tr('weekly.count'),
          },
  };
}

// ---- The leaders' summary ----

export function weeklyEmail(report: WeeklyReport, lang: Lang, tab: { name: string; url: string }): EmailDoc {
  const { week, kpis, causes } = report;
  const dates = { week: week.label, from: dateText(week.firstDay, lang), to: dateText(week.lastDay, lang) };
  const top: EmailItem[] = causes.rows
    .filter((c) => c.count > 0)
    .slice(0, MAIL_CAUSES)
    .map((c) => ({
      title: tServer(lang, 'weekly.mail.cause', { cause: c.cause, count: c.count, share: percentText(c.share, lang) }),
      facts: [tServer(lang, 'weekly.mail.causeChange', { previous: c.previous, change: changeText(c.change) })],
    }));
  // The summary is short: first response, per criticality the median and the share within target
  // in one line, reopen rate and bypass share; the tab has the rest.
  const basis = (count: number) => [tServer(lang, 'weekly.mail.basis', { count })];
  const kpi = (label: string, value: number | null, cases: number): EmailItem => ({
    title: tServer(lang, 'weekly.mail.kpi', { name: label, value: valueText(value, 'percent', lang) }),
    facts: basis(cases),
  });
  const kpiItems: EmailItem[] = [
    kpi(tServer(lang, 'weekly.kpi.firstResponse'), kpis.firstResponse.value, kpis.firstResponse.cases),
    ...CRITICALITIES.map((criticality): EmailItem => {
      const times = kpis.timeToClose[criticality];
      const title =
        times.cases === 0
          ? tServer(lang, 'weekly.mail.noResolution', { criticality })
          : tServer(lang, 'weekly.mail.resolution', {
              criticality,
              median: valueText(times.medianHours, 'hours', lang),
              within: valueText(times.withinTarget.value, 'percent', lang),
            });
      return { title, facts: basis(times.cases) };
    }),
    kpi(tServer(lang, 'weekly.kpi.reopen'), kpis.reopen.value, kpis.reopen.cases),
    kpi(tServer(lang, 'weekly.kpi.bypass'), kpis.bypass.value, kpis.bypass.cases),
  ];
  const neck = kpis.bottleneck;
  const bottleneckItems: EmailItem[] = neck
    ? [
        {
          title: neck.department || '—',
          facts: [
            tServer(lang, 'weekly.mail.deptLoad', { open: neck.open, overdue: neck.overdue }),
            ...(neck.medianHours === null
              ? []
              : [tServer(lang, 'weekly.mail.deptMedian', { median: valueText(neck.medianHours, 'hours', lang) })]),
            ...(neck.withinTarget.value === null
              ? []
              : [
                  tServer(lang, 'weekly.mail.deptWithin', {
                    within: valueText(neck.withinTarget.value, 'percent', lang),
                  }),
                ]),
          ],
          tone: neck.overdue > 0 ? 'overdue' : 'normal',
        },
      ]
    : [];
  return {
    lang,
    subject: tServer(lang, 'weekly.mail.subject', dates),
    title: tServer(lang, 'weekly.mail.title', dates),
    intro: bottleneckText(neck, lang),
    sections: [
      {
        title: tServer(lang, 'weekly.mail.topCauses'),
        items: top.length > 0 ? top : [{ title: tServer(lang, 'weekly.noCauses'), facts: [] }],
      },
      { title: tServer(lang, 'weekly.mail.kpis'), items: kpiItems },
      ...(bottleneckItems.length > 0
        ? [{ title: tServer(lang, 'weekly.mail.bottleneck'), items: bottleneckItems }]
        : []),
    ],
    link: { url: tab.url, label: tServer(lang, 'weekly.mail.open', { tab: tab.name }) },
    footer: tServer(lang, 'email.footer'),
  };
}
