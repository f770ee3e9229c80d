/**
 * The weekly report's pure parts: which tabs are weekly tabs and which of them go, the layout the
 * tab is written from (every row full width, formats on numbers only, the chart over the causes
 * that occurred, "no data" instead of 0), and the leaders' summary.
 */
import fc from 'fast-check';
import { weekPeriod, weekLabel, nextWeek, type IsoWeek } from '../../src/domain/iso-week';
import type { KpiCase } from '../../src/domain/kpi';
import { defaultSettings } from '../../src/domain/settings';
import {
  weeklyEmail,
  weeklyLayout,
  weeklyReport,
  weeklyTabName,
  weeklyTabsToDelete,
  weeklyTabWeek,
  type Rect,
  type WeeklyLayout,
} from '../../src/domain/weekly-report';

const TZ = 'Europe/Moscow';
const settings = defaultSettings('ru', TZ);
const W48 = weekPeriod({ year: 2026, week: 48 }, TZ);
const AS_OF = Date.parse('2026-11-30T10:00:00+03:00');
const at = (local: string) => Date.parse(`${local}+03:00`);

function closed(id: number, day: string, rootCause: string, prevention = ''): KpiCase {
  const t = at(`${day}T10:00`);
  return {
    id: `ARB-2026-${String(id).padStart(5, '0')}`,
    status: 'closed',
    criticality: 'B',
    ownerDept: 'Склад',
    bypass: false,
    createdAt: t,
    dueFirstResponseAt: t + 3_600_000,
    firstResponseAt: t + 600_000,
    resolutionStartAt: t,
    pausedMinutes: 0,
    waitingSince: null,
    dueAt: t + 86_400_000,
    resolvedAt: t + 3_600_000,
    closedAt: t + 7_200_000,
    rootCause,
    prevention,
    reopenCount: 0,
    ownerEmail: '',
    csat: null,
    nps: null,
  };
}

const CAUSES = ['Производственный брак', 'Ошибка поставщика', 'Повреждение при перевозке', 'Ошибка замера или проекта'];
const CASES = [
  closed(1, '2026-11-23', CAUSES[0]!, 'Проверка кромки'),
  closed(2, '2026-11-24', CAUSES[0]!, 'Проверка кромки'),
  closed(3, '2026-11-24', CAUSES[1]!, 'Входной контроль'),
  closed(4, '2026-11-25', CAUSES[2]!),
  closed(5, '2026-11-26', CAUSES[3]!),
  closed(6, '2026-11-17', CAUSES[1]!), // the week before
];

const cell = (layout: WeeklyLayout, r: Rect) => layout.rows[r.row - 1]?.[r.column - 1];

describe('weekly tabs', () => {
  test('a weekly tab is named in either language; other tabs, and weeks that do not exist, are not', () => {
    expect(weeklyTabName('2026-W48', 'ru')).toBe('Топ причин 2026-W48');
    expect(weeklyTabName('2026-W48', 'en')).toBe('Top causes 2026-W48');
    expect(weeklyTabWeek('Топ причин 2026-W48')).toBe('2026-W48');
    expect(weeklyTabWeek('Top causes 2026-W53')).toBe('2026-W53');
    expect(weeklyTabWeek('Top causes 2025-W53')).toBeNull();
    expect(weeklyTabWeek('Top causes 2026-W48 (copy)')).toBeNull();
    expect(weeklyTabWeek('Кейсы')).toBeNull();
  });

  test('the newest twelve weeks are kept; other tabs are never deleted; a week twice keeps the first', () => {
    const weeks: IsoWeek[] = [{ year: 2026, week: 40 }];
    while (weeks.length < 14) weeks.push(nextWeek(weeks[weeks.length - 1]!));
    const names = ['Кейсы', ...weeks.map((w) => weeklyTabName(weekLabel(w), 'ru')), 'Top causes 2026-W53', 'Дашборд'];
    expect(weeklyTabsToDelete(names).sort()).toEqual(
      ['Top causes 2026-W53', 'Топ причин 2026-W40', 'Топ причин 2026-W41'].sort(),
    );
    expect(weeklyTabsToDelete(names.slice(0, 10))).toEqual([]);
  });

  test('whatever the tabs, what remains is at most twelve distinct weeks, the newest ones', () => {
    // Tab names are unique in a workbook; one week may have a tab in each language.
    const tabs = fc.uniqueArray(
      fc.tuple(fc.integer({ min: 1, max: 52 }), fc.constantFrom('ru' as const, 'en' as const)),
      {
        maxLength: 30,
        selector: ([n, lang]) => `${n}${lang}`,
      },
    );
    fc.assert(
      fc.property(tabs, (pairs) => {
        const numbers = pairs.map(([n]) => n);
        const names = pairs.map(([n, lang]) => weeklyTabName(weekLabel({ year: 2026, week: n }), lang));
        const deleted = new Set(weeklyTabsToDelete(['Кейсы', ...names]));
        const kept = names.filter((n) => !deleted.has(n));
        const distinct = [...new Set(numbers)].sort((a, b) => b - a);
        expect(deleted.has('Кейсы')).toBe(false);
        expect(new Set(kept).size).toBe(Math.min(12, distinct.length));
        expect(kept.map((n) => Number(n.slice(-2))).sort((a, b) => b - a)).toEqual(distinct.slice(0, 12));
      }),
    );
  });
});

describe('the layout', () => {
  const report = weeklyReport(CASES, W48, settings, AS_OF, TZ);
  const layout = weeklyLayout(report, 'ru');

  test('every row is as wide as the block; percentages are fractions, hours and changes numbers', () => {
    for (const row of layout.rows) expect(row).toHaveLength(layout.width);
    for (const r of layout.formats.percent) {
      const value = cell(layout, r);
      expect(typeof value).toBe('number');
      expect(value as number).toBeGreaterThanOrEqual(0);
      expect(value as number).toBeLessThanOrEqual(1);
    }
    for (const r of [...layout.formats.hours, ...layout.formats.change]) expect(typeof cell(layout, r)).toBe('number');
  });

  test('the chart spans the header and the causes that occurred this week, not those that went away', () => {
    // Five cases closed this week with four causes; the supplier error of the week before recurred.
    expect(report.causes.rows.map((r) => [r.cause, r.count])).toEqual([
      [CAUSES[0], 2],
      [CAUSES[1], 1],
      [CAUSES[3], 1],
      [CAUSES[2], 1],
    ]);
    const chart = layout.chart!;
    expect(chart.labels).toEqual({ row: chart.labels.row, column: 1, rows: 5, columns: 1 });
    expect(cell(layout, { ...chart.labels, rows: 1 })).toBe('Причина');
    expect(cell(layout, { ...chart.values, rows: 1 })).toBe('Кейсов');
    expect(layout.rows[chart.values.row]?.[1]).toBe(2);
  });

  test('a figure with no data says so; an empty week has a line per section and no chart', () => {
    const empty = weeklyLayout(weeklyReport([], W48, settings, AS_OF, TZ), 'en');
    const text = empty.rows.flat().filter((v) => typeof v === 'string');
    expect(text).toContain('No case was closed with a root cause this week.');
    expect(text).toContain('No cases this week.');
    expect(text).toContain('No prevention action was recorded this week.');
    // first response, A/B/C × (median, p90, within), reopen, bypass, CSAT, NPS, first contact
    expect(text.filter((v) => v === 'no data')).toHaveLength(15);
    expect(text.filter((v) => v === 'no order count')).toHaveLength(1); // incidents per 100 orders
    expect(empty.chart).toBeNull();
    expect(empty.formats.percent).toEqual([]);
  });
});

describe('the leaders’ summary', () => {
  test('three causes at most, the KPIs with their case counts, and the tab linked', () => {
    const report = weeklyReport(CASES, W48, settings, AS_OF, TZ);
    const doc = weeklyEmail(report, 'en', { name: 'Top causes 2026-W48', url: 'https://docs.google.com/x#gid=1' });
    expect(doc.subject).toBe('Arbiter: top causes 2026-W48 (2026-11-23 – 2026-11-29)');
    expect(doc.sections[0]!.items.map((i) => i.title)).toEqual([
      'Производственный брак: 2 (40%)',
      'Ошибка поставщика: 1 (20%)',
      'Ошибка замера или проекта: 1 (20%)',
    ]);
    expect(doc.sections[1]!.items.map((i) => [i.title, ...i.facts])).toEqual([
      ['First response on time: 100%', 'cases counted: 5'],
      ['Resolution A: no data', 'cases counted: 0'],
      ['Resolution B: median 1 business h, 100% within target', 'cases counted: 5'], // each 10:00 → 11:00
      ['Resolution C: no data', 'cases counted: 0'],
      ['Reopen rate: 0%', 'cases counted: 5'],
      ['Share of promises past client service: 0%', 'cases counted: 5'],
    ]);
    expect(doc.link).toEqual({ url: 'https://docs.google.com/x#gid=1', label: 'Open the tab "Top causes 2026-W48"' });
    expect(doc.intro).toBe('No bottleneck: no case is past its target.');
  });
});
