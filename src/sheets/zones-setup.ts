/**
 * Setting up the Zones of growth and CSI tabs (docs/product.md, The workbook; Zones of growth and
 * CSI): the dropdowns and checks a person's columns get, the date formats, the labels in the
 * workbook's language, and the basic filter over the Zones table that lets each team leader
 * filter it by their team. Each kind of format is one call per run of adjacent columns, whatever
 * the number of rows. The system columns' protections are setup.ts's, as for Cases.
 */
import type { Lang } from '../domain/i18n';
import { CSAT } from '../domain/limits';
import type { Settings } from '../domain/settings';
import { columnLetter } from './a1';
import { CSI, ZONES, type ColumnDef, type ListSource, type TabDef } from './schema';
import { Table, type CellWrite } from './table';
import { CSI_ROLE, ZONE_CATEGORY, ZONE_SOURCE, ZONE_STATUS } from './zones-tab';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;

const DATE_FORMAT: Record<Lang, string> = { ru: 'dd.mm.yyyy hh:mm', en: 'yyyy-mm-dd hh:mm' };

/** The hand-edit check of a person's column, or null when the column takes any text. */
function ruleOf(
  column: ColumnDef,
  lang: Lang,
  listValues: (source: ListSource, settings: Settings, lang: Lang) => string[],
  settings: Settings,
): DataValidation | null {
  if (column.system) return null;
  if (column.list)
    return SpreadsheetApp.newDataValidation()
      .requireValueInList(listValues(column.list, settings, lang), true)
      .setAllowInvalid(false)
      .build();
  if (column.type === 'email')
    return SpreadsheetApp.newDataValidation().requireTextIsEmail().setAllowInvalid(false).build();
  if (column.key === 'score' && column.type === 'number')
    return SpreadsheetApp.newDataValidation().requireNumberBetween(CSAT.min, CSAT.max).setAllowInvalid(false).build();
  if (column.type === 'date') return SpreadsheetApp.newDataValidation().requireDate().setAllowInvalid(false).build();
  return null;
}

/** Dropdowns, checks and date formats of one of the two tabs. */
function formatTab(
  sheet: Sheet,
  def: TabDef,
  lang: Lang,
  settings: Settings,
  listValues: (source: ListSource, settings: Settings, lang: Lang) => string[],
): Table {
  const table = Table.open(sheet, def);
  const rows = sheet.getMaxRows() - 1;
  const present = def.columns.filter((c) => table.has(c.key));
  const rules = present
    .map((c) => ({ column: table.columnNumber(c.key), rule: ruleOf(c, lang, listValues, settings) }))
    .filter((r): r is { column: number; rule: DataValidation } => r.rule !== null)
    .sort((a, b) => a.column - b.column);
  // One call per run of adjacent checked columns.
  for (let i = 0; i < rules.length;) {
    let j = i;
    while (
      j + 1 < rules.length &&
      (rules[j + 1] as { column: number }).column === (rules[j] as { column: number }).column + 1
    )
      j++;
    const run = rules.slice(i, j + 1).map((r) => r.rule);
    const range = sheet.getRange(2, (rules[i] as { column: number }).column, rows, run.length);
    if (run.length === 1) range.setDataValidation(run[0] as DataValidation);
    else range.setDataValidations(Array.from({ length: rows }, () => run));
    i = j + 1;
  }
  const dates = present
    .filter((c) => c.type === 'date')
    .map((c) => columnLetter(table.columnNumber(c.key)))
    .map((letter) => `${letter}2:${letter}${rows + 1}`);
  if (dates.length > 0) sheet.getRangeList(dates).setNumberFormat(DATE_FORMAT[lang]);
  return table;
}

/** The choice columns of each tab and how their cells read: relabelled after a language change. */
const LABELLED: ReadonlyArray<{
  def: TabDef;
  key: string;
  choice: typeof ZONE_SOURCE | typeof ZONE_STATUS | typeof CSI_ROLE | typeof ZONE_CATEGORY;
}> = [
  { def: ZONES, key: 'status', choice: ZONE_STATUS },
  { def: ZONES, key: 'appealedFrom', choice: ZONE_STATUS },
  { def: ZONES, key: 'source', choice: ZONE_SOURCE },
  { def: ZONES, key: 'category', choice: ZONE_CATEGORY },
  { def: CSI, key: 'role', choice: CSI_ROLE },
];

/**
 * Labels in the workbook's language (after a language change the dropdowns expect the new ones):
 * one read of the tab, one write per run of columns when a label changed.
 */
function relabel(table: Table, def: TabDef, lang: Lang): void {
  if (table.sheet.getLastRow() < 2) return;
  const columns = LABELLED.filter((l) => l.def === def && table.has(l.key));
  const rows = table.readAll();
  let changed = false;
  const changes = rows.map((raw) => {
    const row: Record<string, CellWrite> = {};
    for (const { key, choice } of columns) {
      const current = table.get(raw, key);
      const code = (choice.parse as (v: unknown) => string | null)(current);
      if (!code) continue;
      const label = (choice.label as (c: string, l: Lang) => string)(code, lang);
      if (label !== current) {
        row[key] = label;
        changed = true;
      }
    }
    return Object.keys(row).length > 0 ? row : null;
  });
  if (changed) table.writeRows(2, changes, rows);
}

/**
 * A basic filter over the Zones table (docs/product.md, Zones of growth and CSI): each team leader
 * filters by the Team column from its header. Kept, with the criteria people chose, when it
 * covers the table; otherwise (none, columns added, rows grown past it) made again over every row
 * and column of the table.
 */
function ensureFilter(sheet: Sheet, table: Table): void {
  const existing = sheet.getFilter();
  if (existing) {
    const range = existing.getRange();
    const covers =
      range.getRow() === 1 &&
      range.getColumn() === 1 &&
      range.getLastColumn() >= table.width &&
      range.getLastRow() >= sheet.getMaxRows();
    if (covers) return;
    existing.remove();
  }
  sheet.getRange(1, 1, sheet.getMaxRows(), table.width).createFilter();
}

export function formatZoneTabs(
  zones: Sheet,
  csi: Sheet,
  lang: Lang,
  settings: Settings,
  listValues: (source: ListSource, settings: Settings, lang: Lang) => string[],
): void {
  const zonesTable = formatTab(zones, ZONES, lang, settings, listValues);
  relabel(zonesTable, ZONES, lang);
  ensureFilter(zones, zonesTable);
  const csiTable = formatTab(csi, CSI, lang, settings, listValues);
  relabel(csiTable, CSI, lang);
}
