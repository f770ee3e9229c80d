/**
 * The bar chart builder of the fake (EmbeddedChartBuilder.asBarChart): the chart is a BAR chart
 * whose setters record the options Sheets reports, it is inserted, read back and removed like any
 * chart, clearing the sheet leaves it (as in Sheets: Sheet.clear clears contents and formats, not
 * charts), and what is not modeled says so.
 * https://developers.google.com/apps-script/reference/spreadsheet/embedded-bar-chart-builder
 * The line chart builder (asLineChart) records the same titles, and its value axis is the vertical
 * one. https://developers.google.com/apps-script/reference/spreadsheet/embedded-line-chart-builder
 */
import { createExecutionEnv } from '../../emulator/core/execution';
import { createEmulatorState } from '../../emulator/core/state';
import { createSpreadsheetApp } from '../../emulator/spreadsheet';

function open() {
  const state = createEmulatorState({ owner: 'lead@example.com', now: Date.UTC(2026, 10, 30, 6) });
  const env = createExecutionEnv({ state, user: { email: 'lead@example.com' } });
  const ss = createSpreadsheetApp(env).getActiveSpreadsheet();
  return { env, ss, sheet: ss.getSheets()[0]! };
}

describe('EmbeddedBarChartBuilder', () => {
  test('asBarChart builds a BAR chart with its title, axis titles, colours and legend', () => {
    const { sheet } = open();
    sheet.getRange('A1:B3').setValues([
      ['Cause', 'Cases'],
      ['Defect', 2],
      ['Picking', 1],
    ]);
    const chart = sheet
      .newChart()
      .asBarChart()
      .setTitle('Top causes 2026-W48')
      .setXAxisTitle('Cases')
      .setYAxisTitle('Cause')
      .setColors(['#1a73e8'])
      .setLegendPosition('NONE' as never)
      .addRange(sheet.getRange('A1:A3'))
      .addRange(sheet.getRange('B1:B3'))
      .setPosition(4, 9, 0, 0)
      .build();
    sheet.insertChart(chart);
    const [stored] = sheet.getCharts();
    expect(String(stored!.modify().getChartType())).toBe('BAR');
    expect(stored!.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:A3', 'B1:B3']);
    const options = stored!.getOptions();
    expect(['title', 'hAxis.title', 'vAxis.title', 'legend.position'].map((o) => options.get(o))).toEqual([
      'Top causes 2026-W48',
      'Cases',
      'Cause',
      'none',
    ]);
    expect(options.get('colors')).toEqual(['#1a73e8']);
    expect([stored!.getContainerInfo().getAnchorRow(), stored!.getContainerInfo().getAnchorColumn()]).toEqual([4, 9]);
  });

  test('the chart stays through Sheet.clear and goes with removeChart; building and inserting cost one call', () => {
    const { env, sheet } = open();
    const before = env.meter.snapshot().roundTrips;
    sheet.insertChart(sheet.newChart().asBarChart().setTitle('t').addRange(sheet.getRange('A1:B3')).build());
    expect(env.meter.snapshot().roundTrips - before).toBe(1);
    sheet.clear();
    expect(sheet.getCharts()).toHaveLength(1);
    sheet.removeChart(sheet.getCharts()[0]!);
    expect(sheet.getCharts()).toHaveLength(0);
  });

  test('text styles are not modeled and say so', () => {
    const { sheet } = open();
    expect(() =>
      sheet
        .newChart()
        .asBarChart()
        .setTitleTextStyle(null as never),
    ).toThrow(/EmbeddedBarChartBuilder\.setTitleTextStyle/);
  });
});

describe('EmbeddedLineChartBuilder', () => {
  test('asLineChart builds a LINE chart; its value axis (range, log scale) is the vertical one', () => {
    const { sheet } = open();
    sheet.getRange('A1:B3').setValues([
      ['Week', 'Per 100 orders'],
      ['2026-W47', 1.5],
      ['2026-W48', 'no order count'],
    ]);
    sheet.insertChart(
      sheet
        .newChart()
        .asLineChart()
        .setTitle('Incidents per 100 orders')
        .setXAxisTitle('Week')
        .setYAxisTitle('Per 100 orders')
        .setRange(0, 10)
        .useLogScale()
        .reverseCategories()
        .setLegendPosition('NONE' as never)
        .addRange(sheet.getRange('A1:A3'))
        .addRange(sheet.getRange('B1:B3'))
        .setPosition(2, 5, 0, 0)
        .build(),
    );
    const [stored] = sheet.getCharts();
    expect(String(stored!.modify().getChartType())).toBe('LINE');
    const options = stored!.getOptions();
    expect(
      [
        'title',
        'hAxis.title',
        'vAxis.title',
        'vAxis.viewWindow.min',
        'vAxis.viewWindow.max',
        'vAxis.logScale',
        'hAxis.direction',
        'legend.position',
      ].map((o) => options.get(o)),
    ).toEqual(['Incidents per 100 orders', 'Week', 'Per 100 orders', 0, 10, true, -1, 'none']);
    expect(stored!.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:A3', 'B1:B3']);
  });

  test('curve and point styles are not modeled and say so', () => {
    const { sheet } = open();
    expect(() =>
      sheet
        .newChart()
        .asLineChart()
        .setPointStyle(null as never),
    ).toThrow(/EmbeddedLineChartBuilder\.setPointStyle/);
  });
});
