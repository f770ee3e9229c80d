/**
 * The dashboard's periods and layout (docs/product.md, KPIs: the dashboard): the current ISO week,
 * the four full weeks before it and the month in the business calendar's zone; the trend's eight
 * weeks; on no cases, every figure says it has no data (and incidents that there is no order
 * count) instead of 0; the charts' ranges start at their headers.
 */
import { dashboard, dashboardLayout, dashboardPeriods } from '../../src/domain/dashboard';
import { defaultSettings } from '../../src/domain/settings';

const TZ = 'Asia/Almaty';
const at = (local: string) => Date.parse(`${local}+05:00`);

describe('the periods', () => {
  test('Wednesday 2 December 2026: W49, the four weeks W45–W48, December, the trend W42–W49', () => {
    const p = dashboardPeriods(at('2026-12-02T10:00'), TZ);
    expect(p.week.label).toBe('2026-W49');
    expect([p.fourWeeks.first.label, p.fourWeeks.last.label]).toEqual(['2026-W45', '2026-W48']);
    expect([p.fourWeeks.start, p.fourWeeks.end]).toEqual([at('2026-11-02T00:00'), at('2026-11-30T00:00')]);
    expect([p.month.start, p.month.end]).toEqual([at('2026-12-01T00:00'), at('2027-01-01T00:00')]);
    expect(p.trend.map((w) => w.label)).toEqual([
      '2026-W42',
      '2026-W43',
      '2026-W44',
      '2026-W45',
      '2026-W46',
      '2026-W47',
      '2026-W48',
      '2026-W49',
    ]);
  });

  test('across a year: 1 January 2027 is in 2026-W53; the month is January 2027', () => {
    const p = dashboardPeriods(at('2027-01-01T12:00'), TZ);
    expect(p.week.label).toBe('2026-W53');
    expect([p.month.year, p.month.month]).toEqual([2027, 1]);
    expect(p.fourWeeks.first.label).toBe('2026-W49');
  });
});

describe('the layout with no cases and no orders', () => {
  const settings = defaultSettings('en', TZ);
  const d = dashboard({
    cases: [],
    orders: new Map(),
    ordersProblems: [],
    skippedCases: 0,
    settings,
    now: at('2026-11-25T12:00'),
  });
  const layout = dashboardLayout(d, 'en', 'Orders');
  const cells = layout.rows.flat();

  test('every figure says it has no data, incidents that there is no order count; never a 0 value', () => {
    const kpiRows = layout.rows.slice(5, 22);
    expect(kpiRows[0]![0]).toBe('First response on time');
    expect(kpiRows[kpiRows.length - 1]![0]).toBe('Incidents per 100 orders');
    for (const row of kpiRows.filter((r) => r[0] !== 'Not answered yet, not yet due')) {
      const values = [row[1], row[3], row[5]];
      expect(values).toEqual(
        row[0] === 'Incidents per 100 orders'
          ? ['no order count', 'no order count', 'no order count']
          : ['no data', 'no data', 'no data'],
      );
      expect([row[2], row[4], row[6]]).toEqual([0, 0, 0]);
    }
    expect(cells).toContain('No department has a case.');
    expect(layout.formats.percent).toEqual([]);
  });

  test('every row is the full width; the trend chart spans its header and eight weeks; no department chart', () => {
    for (const row of layout.rows) expect(row).toHaveLength(layout.width);
    expect(layout.charts.map((c) => c.type)).toEqual(['line']);
    const [labels, values] = layout.charts[0]!.ranges;
    expect(layout.rows[labels!.row - 1]![0]).toBe('Week');
    expect(labels!.rows).toBe(9);
    expect(values!.column).toBe(2);
  });
});
