/**
 * TextFinder (createTextFinder on a Spreadsheet, Sheet or Range): searches what the cells show
 * (display values), or formula text with matchFormulaText(true). Each search is one round trip
 * (docs/architecture.md, The performance model); replacing writes the cells it changes.
 * ignoreDiacritics is not modeled.
 * https://developers.google.com/apps-script/reference/spreadsheet/text-finder
 */
import { TextFinderStub } from '../generated/stubs';
import type { Book } from './book';
import { locationOf, type SheetsContext } from './context';
import type { GridRect, SheetRect } from '../core/spreadsheet-state';

/** Where to search: a sheet's used area (rect null) or a rectangle. */
export interface SearchArea {
  sheetId: number;
  rect: GridRect | null;
}

interface Match {
  sheetId: number;
  row: number;
  column: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class FakeTextFinder extends TextFinderStub implements GoogleAppsScript.Spreadsheet.TextFinder {
  private caseSensitive = false;
  private entireCell = false;
  private regularExpression = false;
  private formulaText = false;
  /** The current match (findNext / findPrevious move it; startFrom sets it). */
  private cursor: Match | null = null;

  constructor(
    private readonly context: SheetsContext,
    private readonly areas: SearchArea[],
    private readonly findText: string,
  ) {
    super();
  }

  private option(member: string, apply: () => void): this {
    this.context.local(`TextFinder.${member}`);
    apply();
    return this;
  }

  override matchCase(matchCase: boolean): this {
    return this.option('matchCase', () => (this.caseSensitive = Boolean(matchCase)));
  }

  override matchEntireCell(matchEntireCell: boolean): this {
    return this.option('matchEntireCell', () => (this.entireCell = Boolean(matchEntireCell)));
  }

  override useRegularExpression(useRegEx: boolean): this {
    return this.option('useRegularExpression', () => (this.regularExpression = Boolean(useRegEx)));
  }

  override matchFormulaText(matchFormulaText: boolean): this {
    return this.option('matchFormulaText', () => (this.formulaText = Boolean(matchFormulaText)));
  }

  override startFrom(startRange: unknown): this {
    const location: SheetRect = locationOf(startRange, 'TextFinder.startFrom');
    return this.option(
      'startFrom',
      () => (this.cursor = { sheetId: location.sheetId, row: location.top, column: location.left }),
    );
  }

  private pattern(global: boolean): RegExp {
    const source = this.regularExpression ? this.findText : escapeRegExp(this.findText);
    const anchored = this.entireCell ? `^(?:${source})$` : source;
    return new RegExp(anchored, `${global ? 'g' : ''}${this.caseSensitive ? '' : 'i'}u`);
  }

  /** The text a cell is searched in: its formula with matchFormulaText, else what it shows. */
  private searchedText(book: Book, match: Match): string {
    const sheet = this.context.sheetState(match.sheetId);
    const formula = book.cellState(sheet, match.row, match.column)?.f;
    return this.formulaText && formula ? formula : book.display(sheet, match.row, match.column);
  }

  private matches(book: Book): Match[] {
    const pattern = this.pattern(false);
    const found: Match[] = [];
    for (const area of this.areas) {
      const sheet = this.context.sheetState(area.sheetId);
      const rect = area.rect ?? { top: 1, left: 1, bottom: book.lastRow(sheet), right: book.lastColumn(sheet) };
      for (let row = rect.top; row <= rect.bottom; row++) {
        for (let column = rect.left; column <= rect.right; column++) {
          const candidate = { sheetId: sheet.id, row, column };
          if (book.hasContent(sheet, row, column) && pattern.test(this.searchedText(book, candidate)))
            found.push(candidate);
        }
      }
    }
    return found;
  }

  private rangeOf(match: Match): GoogleAppsScript.Spreadsheet.Range {
    return this.context.fakes.range(match.sheetId, {
      top: match.row,
      left: match.column,
      bottom: match.row,
      right: match.column,
    });
  }

  override findAll(): GoogleAppsScript.Spreadsheet.Range[] {
    this.context.call('TextFinder.findAll');
    return this.matches(this.context.book()).map((match) => this.rangeOf(match));
  }

  /** Search order: the areas in order, then rows, then columns. */
  private compare(a: Match, b: Match): number {
    const area = (m: Match): number => this.areas.findIndex((candidate) => candidate.sheetId === m.sheetId);
    return area(a) - area(b) || a.row - b.row || a.column - b.column;
  }

  private step(member: string, direction: 1 | -1): GoogleAppsScript.Spreadsheet.Range | null {
    this.context.call(`TextFinder.${member}`);
    const matches = this.matches(this.context.book());
    const cursor = this.cursor;
    const candidates = cursor ? matches.filter((m) => this.compare(m, cursor) * direction > 0) : matches;
    const next = direction === 1 ? candidates[0] : candidates[candidates.length - 1];
    if (!next) return null;
    this.cursor = next;
    return this.rangeOf(next);
  }

  override findNext(): GoogleAppsScript.Spreadsheet.Range | null {
    return this.step('findNext', 1);
  }

  override findPrevious(): GoogleAppsScript.Spreadsheet.Range | null {
    return this.step('findPrevious', -1);
  }

  override getCurrentMatch(): GoogleAppsScript.Spreadsheet.Range | null {
    this.context.local('TextFinder.getCurrentMatch');
    return this.cursor ? this.rangeOf(this.cursor) : null;
  }

  /**
   * Replaces in the given cells (metered as one write of the cells that change): a replaced
   * formula stays a formula, other text is re-read as typed. Returns the number of cells changed.
   */
  private replace(member: string, targets: Match[], replaceText: string): number {
    const book = this.context.book();
    const pattern = this.pattern(true);
    // A literal replacement must not expand '$&' and the like.
    const replacement = this.regularExpression ? replaceText : replaceText.replace(/\$/g, '$$$$');
    const changes = targets.flatMap((match) => {
      const before = this.searchedText(book, match);
      const after = before.replace(pattern, replacement);
      return after === before ? [] : [{ match, after }];
    });
    this.context.call(`TextFinder.${member}`, 'sheets.write', changes.length);
    for (const { match, after } of changes) {
      const sheet = this.context.sheetState(match.sheetId);
      const isFormula = this.formulaText && book.cellState(sheet, match.row, match.column)?.f !== undefined;
      const content = isFormula ? { formula: after } : book.interpretTyped(sheet, match.row, match.column, after);
      book.writeContent(sheet, match.row, match.column, content);
    }
    return changes.length;
  }

  override replaceAllWith(replaceText: string): number {
    return this.replace('replaceAllWith', this.matches(this.context.book()), String(replaceText));
  }

  override replaceWith(replaceText: string): number {
    return this.replace('replaceWith', this.cursor ? [this.cursor] : [], String(replaceText));
  }
}
