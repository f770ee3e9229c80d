/**
 * Embedded charts, recorded as specs (type, source ranges, position, options) on their sheet; the
 * emulator does not draw them. Of the typed builders, asBarChart() and asLineChart() are modeled
 * (their setters record the options the chart editor would); the others, getBlob/getAs, the
 * strategy setters, the Charts.TextStyle setters and the line chart's curve and point styles are
 * not.
 * https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder
 * https://developers.google.com/apps-script/reference/spreadsheet/embedded-bar-chart-builder
 * https://developers.google.com/apps-script/reference/spreadsheet/embedded-line-chart-builder
 */
import { gasError, notModeled } from '../core/errors';
import { ContainerInfoStub, EmbeddedChartBuilderStub, EmbeddedChartStub } from '../generated/stubs';
import { asEnum } from '../core/enums';
import { locationOf, type SheetsContext } from './context';
import type { ChartSpec } from '../core/spreadsheet-state';

/** A chart being built or read; `id` is 0 until Sheet.insertChart gives it one. */
export type ChartDraft = ChartSpec & { sheetId: number };

function cloneDraft(draft: ChartDraft): ChartDraft {
  return {
    ...draft,
    ranges: draft.ranges.map((range) => ({ ...range })),
    position: { ...draft.position },
    options: { ...draft.options },
  };
}

export function newChartDraft(sheetId: number): ChartDraft {
  return {
    id: 0,
    sheetId,
    type: '',
    ranges: [],
    position: { anchorRow: 1, anchorColumn: 1, offsetX: 0, offsetY: 0 },
    options: {},
  };
}

class FakeContainerInfo extends ContainerInfoStub implements GoogleAppsScript.Spreadsheet.ContainerInfo {
  constructor(private readonly position: ChartSpec['position']) {
    super();
  }

  override getAnchorRow(): number {
    return this.position.anchorRow;
  }

  override getAnchorColumn(): number {
    return this.position.anchorColumn;
  }

  override getOffsetX(): number {
    return this.position.offsetX;
  }

  override getOffsetY(): number {
    return this.position.offsetY;
  }
}

function rangesOf(context: SheetsContext, draft: ChartDraft): GoogleAppsScript.Spreadsheet.Range[] {
  return draft.ranges.map((range) => context.fakes.range(range.sheetId, range));
}

export class FakeEmbeddedChart extends EmbeddedChartStub implements GoogleAppsScript.Spreadsheet.EmbeddedChart {
  constructor(
    private readonly context: SheetsContext,
    readonly draft: ChartDraft,
  ) {
    super();
  }

  override getChartId(): number | null {
    this.context.local('EmbeddedChart.getChartId');
    return this.draft.id || null;
  }

  override getContainerInfo(): GoogleAppsScript.Spreadsheet.ContainerInfo {
    this.context.local('EmbeddedChart.getContainerInfo');
    return new FakeContainerInfo(this.draft.position);
  }

  override getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    this.context.local('EmbeddedChart.getRanges');
    return rangesOf(this.context, this.draft);
  }

  override getOptions(): GoogleAppsScript.Charts.ChartOptions {
    this.context.local('EmbeddedChart.getOptions');
    const options = { ...this.draft.options };
    return { get: (option: string) => options[option] ?? null };
  }

  override modify(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    this.context.local('EmbeddedChart.modify');
    return new FakeEmbeddedChartBuilder(this.context, cloneDraft(this.draft));
  }
}

export class FakeEmbeddedChartBuilder
  extends EmbeddedChartBuilderStub
  implements GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder
{
  constructor(
    protected readonly context: SheetsContext,
    protected readonly draft: ChartDraft,
  ) {
    super();
  }

  protected local(member: string): this {
    this.context.local(`EmbeddedChartBuilder.${member}`);
    return this;
  }

  /** The same chart as a bar chart (horizontal bars): type BAR, and the bar chart's setters. */
  override asBarChart(): FakeEmbeddedBarChartBuilder {
    this.local('asBarChart');
    this.draft.type = 'BAR';
    return new FakeEmbeddedBarChartBuilder(this.context, this.draft);
  }

  /** The same chart as a line chart: type LINE, and the line chart's setters. */
  override asLineChart(): FakeEmbeddedLineChartBuilder {
    this.local('asLineChart');
    this.draft.type = 'LINE';
    return new FakeEmbeddedLineChartBuilder(this.context, this.draft);
  }

  override setChartType(type: unknown): this {
    this.draft.type = String(type);
    return this.local('setChartType');
  }

  override getChartType(): GoogleAppsScript.Charts.ChartType {
    this.local('getChartType');
    return asEnum<GoogleAppsScript.Charts.ChartType>(this.draft.type);
  }

  override addRange(range: unknown): this {
    this.draft.ranges.push(locationOf(range, 'EmbeddedChartBuilder.addRange'));
    return this.local('addRange');
  }

  override removeRange(range: unknown): this {
    const location = locationOf(range, 'EmbeddedChartBuilder.removeRange');
    this.draft.ranges = this.draft.ranges.filter((r) => JSON.stringify(r) !== JSON.stringify(location));
    return this.local('removeRange');
  }

  override clearRanges(): this {
    this.draft.ranges = [];
    return this.local('clearRanges');
  }

  override getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    this.local('getRanges');
    return rangesOf(this.context, this.draft);
  }

  override setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): this {
    this.draft.position = { anchorRow: anchorRowPos, anchorColumn: anchorColPos, offsetX, offsetY };
    return this.local('setPosition');
  }

  override getContainer(): GoogleAppsScript.Spreadsheet.ContainerInfo {
    this.local('getContainer');
    return new FakeContainerInfo(this.draft.position);
  }

  override setOption(option: string, value: unknown): this {
    this.draft.options[String(option)] = value;
    return this.local('setOption');
  }

  override build(): GoogleAppsScript.Spreadsheet.EmbeddedChart {
    this.local('build');
    if (!this.draft.type) throw gasError('Chart type is not set: call setChartType before build.');
    return new FakeEmbeddedChart(this.context, cloneDraft(this.draft));
  }
}

/**
 * The setters every typed builder (bar, line) shares: they record chart options under the names
 * Sheets reports them with (getOptions().get('title'), 'hAxis.title', …).
 */
abstract class FakeTypedChartBuilder extends FakeEmbeddedChartBuilder {
  protected set(member: string, option: string, value: unknown): this {
    this.draft.options[option] = value;
    return this.local(member);
  }

  setTitle(chartTitle: string): this {
    return this.set('setTitle', 'title', String(chartTitle));
  }

  setXAxisTitle(title: string): this {
    return this.set('setXAxisTitle', 'hAxis.title', String(title));
  }

  setYAxisTitle(title: string): this {
    return this.set('setYAxisTitle', 'vAxis.title', String(title));
  }

  setColors(cssValues: string[]): this {
    if (!Array.isArray(cssValues)) throw gasError("The parameters don't match the method signature for setColors.");
    return this.set('setColors', 'colors', cssValues.map(String));
  }

  setBackgroundColor(cssValue: string): this {
    return this.set('setBackgroundColor', 'backgroundColor', String(cssValue));
  }

  /** Charts.Position (NONE, TOP, RIGHT, BOTTOM): the legend's position, as its option reads. */
  setLegendPosition(position: GoogleAppsScript.Charts.Position): this {
    return this.set('setLegendPosition', 'legend.position', String(position).toLowerCase());
  }

  setLegendTextStyle(): this {
    return notModeled(`${this.kind}.setLegendTextStyle`);
  }

  setTitleTextStyle(): this {
    return notModeled(`${this.kind}.setTitleTextStyle`);
  }

  setXAxisTextStyle(): this {
    return notModeled(`${this.kind}.setXAxisTextStyle`);
  }

  setXAxisTitleTextStyle(): this {
    return notModeled(`${this.kind}.setXAxisTitleTextStyle`);
  }

  setYAxisTextStyle(): this {
    return notModeled(`${this.kind}.setYAxisTextStyle`);
  }

  setYAxisTitleTextStyle(): this {
    return notModeled(`${this.kind}.setYAxisTitleTextStyle`);
  }

  /** The builder's class name, for what is not modeled. */
  protected abstract readonly kind: string;
}

/**
 * EmbeddedBarChartBuilder. In a bar chart the categories run down the vertical axis and the values
 * along the horizontal one.
 */
export class FakeEmbeddedBarChartBuilder
  extends FakeTypedChartBuilder
  implements GoogleAppsScript.Spreadsheet.EmbeddedBarChartBuilder
{
  protected readonly kind = 'EmbeddedBarChartBuilder';

  setStacked(): this {
    return this.set('setStacked', 'isStacked', true);
  }

  reverseCategories(): this {
    return this.set('reverseCategories', 'vAxis.direction', -1);
  }

  reverseDirection(): this {
    return this.set('reverseDirection', 'hAxis.direction', -1);
  }

  useLogScale(): this {
    return this.set('useLogScale', 'hAxis.logScale', true);
  }

  /** The value axis's range. */
  setRange(start: number, end: number): this {
    this.draft.options['hAxis.viewWindow.min'] = start;
    return this.set('setRange', 'hAxis.viewWindow.max', end);
  }
}

/**
 * EmbeddedLineChartBuilder. In a line chart the categories run along the horizontal axis and the
 * values up the vertical one, so the value axis's setters record `vAxis` options.
 */
export class FakeEmbeddedLineChartBuilder
  extends FakeTypedChartBuilder
  implements GoogleAppsScript.Spreadsheet.EmbeddedLineChartBuilder
{
  protected readonly kind = 'EmbeddedLineChartBuilder';

  reverseCategories(): this {
    return this.set('reverseCategories', 'hAxis.direction', -1);
  }

  useLogScale(): this {
    return this.set('useLogScale', 'vAxis.logScale', true);
  }

  /** The value axis's range. */
  setRange(start: number, end: number): this {
    this.draft.options['vAxis.viewWindow.min'] = start;
    return this.set('setRange', 'vAxis.viewWindow.max', end);
  }

  setCurveStyle(): this {
    return notModeled('EmbeddedLineChartBuilder.setCurveStyle');
  }

  setPointStyle(): this {
    return notModeled('EmbeddedLineChartBuilder.setPointStyle');
  }
}

/** The chart argument of insertChart / updateChart / removeChart. */
export function chartDraftOf(chart: unknown, member: string): ChartDraft {
  if (!(chart instanceof FakeEmbeddedChart))
    throw gasError(`The parameters don't match the method signature for ${member}.`);
  return chart.draft;
}

export function toChartSpec(draft: ChartDraft): ChartSpec {
  const { sheetId: _sheetId, ...spec } = cloneDraft(draft);
  return spec;
}
