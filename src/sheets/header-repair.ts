/**
 * Headers are how Arbiter finds its columns (docs/product.md, The workbook), so a system header is
 * never left renamed (docs/product.md, Integrity): one edited by hand is put back with a note, and
 * setup finds a column whose header was renamed while nothing watched by what it holds, and
 * names it again instead of adding an empty column beside it (the cases' ids would be lost).
 */
import { tServer } from '../domain/i18n/server';
import type { Lang } from '../domain/i18n';
import { CASE_ID } from './case-row';
import { CASES, CSI, EVENTS, headerIndex, normalizeHeader, ZONES, type TabDef } from './schema';
import { toCell } from './table';
import { workbookLanguage } from './workbook';

type EditEvent = GoogleAppsScript.Events.SheetsOnEdit;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The tabs whose header row Arbiter owns. */
const HEADED_TABS: readonly TabDef[] = [CASES, EVENTS, ZONES, CSI];

/**
 * A hand edit of one header of ours: the header goes back (in the workbook's language) with a
 * note saying why. True when the edit touched nothing but the header row of such a tab, so there
 * is nothing more to check. A paste over the header row carries no old values: the headers it
 * broke are left to the writers' refusal and to setup.
 */
export function putBackHeader(e: EditEvent): boolean {
  const range = e.range;
  if (range.getRow() !== 1) return false;
  const sheet = range.getSheet();
  const def = HEADED_TABS.find((d) => d.ru === sheet.getName() || d.en === sheet.getName());
  if (!def) return false;
  const single = range.getNumRows() === 1 && range.getNumColumns() === 1;
  const key = single ? headerIndex(def).get(normalizeHeader(e.oldValue)) : undefined;
  const column = def.columns.find((c) => c.key === key);
  const lang: Lang = workbookLanguage(e.source);
  if (column && range.getValue() !== column[lang]) {
    range.setValue(toCell(column[lang]));
    range.setNote(tServer(lang, 'header.reverted', { header: column[lang] }));
  }
  return range.getLastRow() < 2;
}

/** What the data of a column of ours looks like, where it is unmistakable. */
const SHAPES: ReadonlyMap<TabDef, Readonly<Record<string, RegExp>>> = new Map([[CASES, { id: CASE_ID }]]);

/**
 * Names again, in `headers` (the header row as read), the columns of `def` whose header was
 * renamed: a column whose header is not one of ours and whose every filled cell has the shape of
 * the missing column (a case id) is that column, when exactly one does. One read of the data.
 */
export function recoverRenamedHeaders(sheet: Sheet, def: TabDef, headers: unknown[], lang: Lang): void {
  const shapes = SHAPES.get(def);
  if (!shapes) return;
  const byHeader = headerIndex(def);
  const present = new Set(headers.map((h) => byHeader.get(normalizeHeader(h))).filter(Boolean));
  const missing = Object.keys(shapes).filter((key) => !present.has(key));
  const lastRow = sheet.getLastRow();
  if (missing.length === 0 || lastRow < 2 || headers.length === 0) return;
  const rows = sheet.getRange(2, 1, lastRow - 1, headers.length).getValues();
  for (const key of missing) {
    const shape = shapes[key] as RegExp;
    const candidates = headers
      .map((header, index) => ({ header, index }))
      .filter(({ header }) => !byHeader.has(normalizeHeader(header)))
      .filter(({ index }) => {
        const filled = rows.map((row) => String(row[index] ?? '').trim()).filter(Boolean);
        return filled.length > 0 && filled.every((value) => shape.test(value));
      });
    const column = def.columns.find((c) => c.key === key);
    if (candidates.length === 1 && column) headers[(candidates[0] as { index: number }).index] = column[lang];
  }
}
