/**
 * The sheet as a grid, drawn from the server's GridView: column letters and row numbers that stay
 * put, the sheet's frozen rows and columns that stay visible on scroll, colors from conditional
 * formats, bold headers, notes on hover, protected cells hatched, dropdown cells marked. A click
 * selects a cell (the sidebar then opens the case on that row); Enter, F2, a double click or just
 * typing edits it — a dropdown cell offers its list — and Enter commits, Tab commits and moves
 * right, Esc cancels. Delete clears. Everything is text: nothing from a cell is parsed as markup.
 */
import { localHref, type GridCell, type GridView } from '../protocol';
import { h, replaceChildren } from './dom';
import type { Words } from './i18n';

export interface GridHost {
  words(): Words;
  /** The person selected a cell. */
  select(sheet: string, a1: string): void;
  /** The person typed `value` into a cell and committed it. */
  edit(sheet: string, a1: string, value: string): Promise<void>;
}

const ROW_HEADER_WIDTH = 46;
const HEADER_HEIGHT = 24;
const ROW_HEIGHT = 24;

interface Position {
  row: number;
  column: number;
}

interface Editor {
  position: Position;
  element: HTMLInputElement | HTMLSelectElement;
  done: boolean;
}

export class Grid {
  readonly element: HTMLElement;
  private readonly nameBox: HTMLInputElement;
  private readonly formula: HTMLElement;
  private readonly links: HTMLElement;
  private readonly message: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly notePopup: HTMLElement;
  private view: GridView | null = null;
  /** A view that arrived while an edit was open; drawn when the edit ends. */
  private deferred: GridView | null = null;
  private selected: Position | null = null;
  private editor: Editor | null = null;
  private cells: HTMLTableCellElement[][] = [];

  constructor(private readonly host: GridHost) {
    this.nameBox = h('input', {
      className: 'name-box',
      testid: 'name-box',
      attrs: { readonly: true, 'aria-label': 'A1' },
    });
    this.formula = h('div', { className: 'formula-content', testid: 'formula-content' });
    this.links = h('div', { className: 'cell-links', testid: 'cell-links' });
    this.message = h('div', { className: 'grid-message', testid: 'grid-message', attrs: { role: 'status' } });
    this.scroller = h('div', {
      className: 'grid-scroll',
      testid: 'grid',
      attrs: { tabindex: 0, role: 'grid' },
      on: { keydown: (e) => this.onKeyDown(e) },
    });
    this.notePopup = h('div', { className: 'note-popup', testid: 'note-popup', attrs: { hidden: true } });
    this.element = h(
      'section',
      { className: 'sheet' },
      h(
        'div',
        { className: 'formula-bar' },
        this.nameBox,
        h('span', { className: 'fx' }, 'fx'),
        this.formula,
        this.links,
      ),
      this.message,
      this.scroller,
      this.notePopup,
    );
  }

  focus(): void {
    this.scroller.focus({ preventScroll: true });
  }

  get sheetName(): string {
    return this.view?.name ?? '';
  }

  /** Draws `view` (kept for later while someone is typing into a cell). */
  render(view: GridView, selection: { sheet: string; a1: string } | null): void {
    if (this.editor && !this.editor.done) {
      this.deferred = view;
      return;
    }
    const sameSheet = this.view?.name === view.name;
    const { scrollTop, scrollLeft } = this.scroller;
    this.view = view;
    this.deferred = null;
    this.scroller.replaceChildren(this.table(view));
    this.scroller.style.scrollPaddingTop = `${HEADER_HEIGHT + ROW_HEIGHT * view.frozenRows}px`;
    this.scroller.style.scrollPaddingLeft = `${this.frozenLeft(view, view.frozenColumns + 1)}px`;
    if (sameSheet) {
      this.scroller.scrollTop = scrollTop;
      this.scroller.scrollLeft = scrollLeft;
    } else {
      this.scroller.scrollTop = 0;
      this.scroller.scrollLeft = 0;
      this.selected = null;
    }
    const fromServer = selection && selection.sheet === view.name ? parseA1(selection.a1) : null;
    const keep = sameSheet ? this.selected : null;
    this.highlight(keep ?? fromServer, false);
  }

  /** A message under the formula bar: what a refused edit was refused for. */
  say(text: string, kind: 'info' | 'error' | 'warning' = 'info'): void {
    this.message.textContent = text;
    this.message.dataset.kind = kind;
    this.message.hidden = text === '';
  }

  private frozenLeft(view: GridView, column: number): number {
    let left = ROW_HEADER_WIDTH;
    for (let c = 1; c < column; c++) left += view.columns[c - 1]?.width ?? 100;
    return left;
  }

  private table(view: GridView): HTMLTableElement {
    const words = this.host.words();
    const width = ROW_HEADER_WIDTH + view.columns.reduce((sum, c) => sum + c.width, 0);
    const colgroup = h('colgroup', {}, column(ROW_HEADER_WIDTH), ...view.columns.map((c) => column(c.width)));

    const head = h(
      'tr',
      {},
      h('th', { className: 'corner' }),
      ...view.columns.map((c, i) => {
        const th = h('th', { className: 'col-head', data: { column: i + 1 } }, c.letter);
        if (i < view.frozenColumns) this.stickLeft(th, view, i + 1);
        return th;
      }),
    );

    this.cells = [];
    const body = h('tbody');
    for (const row of view.rows) {
      const frozenRow = row.row <= view.frozenRows;
      const rowHead = h('th', { className: 'row-head', attrs: { scope: 'row' } }, row.row);
      const tr = h('tr', { data: { row: row.row }, className: frozenRow ? 'frozen-row' : '' }, rowHead);
      if (frozenRow) this.stickTop(rowHead, row.row);
      if (row.row === view.frozenRows) tr.classList.add('frozen-edge');
      const rowCells: HTMLTableCellElement[] = [];
      row.cells.forEach((cell, i) => {
        const td = this.cell(cell, { row: row.row, column: i + 1 }, words);
        if (frozenRow) this.stickTop(td, row.row);
        if (i < view.frozenColumns) this.stickLeft(td, view, i + 1);
        if (i + 1 === view.frozenColumns) td.classList.add('frozen-col-edge');
        tr.appendChild(td);
        rowCells.push(td);
      });
      this.cells.push(rowCells);
      body.appendChild(tr);
    }
    const table = h('table', { className: 'grid-table', attrs: { role: 'presentation' } }, colgroup);
    table.style.width = `${width}px`;
    table.append(h('thead', {}, head), body);
    if (view.hiddenRows > 0) {
      body.appendChild(
        h(
          'tr',
          { className: 'more-rows' },
          h('td', { attrs: { colspan: view.columns.length + 1 } }, words.moreRows(view.hiddenRows)),
        ),
      );
    }
    return table;
  }

  private stickTop(el: HTMLElement, row: number): void {
    el.classList.add('sticky-top');
    el.style.top = `${HEADER_HEIGHT + ROW_HEIGHT * (row - 1)}px`;
  }

  private stickLeft(el: HTMLElement, view: GridView, column: number): void {
    el.classList.add('sticky-left');
    el.style.left = `${this.frozenLeft(view, column)}px`;
  }

  private cell(cell: GridCell, at: Position, words: Words): HTMLTableCellElement {
    const a1 = toA1(at);
    const td = h('td', { data: { a1, row: at.row, column: at.column }, attrs: { role: 'gridcell' } });
    if (cell.checkbox) {
      td.classList.add('checkbox');
      td.append(h('span', { className: 'checkbox-box', attrs: { 'aria-checked': cell.checked ? 'true' : 'false' } }));
      td.dataset.checked = cell.checked ? 'true' : 'false';
    } else {
      td.textContent = cell.display;
    }
    if (cell.background) td.style.backgroundColor = cell.background;
    if (cell.fontColor) td.style.color = cell.fontColor;
    if (cell.bold) td.classList.add('bold');
    if (cell.italic) td.classList.add('italic');
    if (cell.alignRight) td.classList.add('right');
    if (cell.validationList) {
      td.classList.add('dropdown');
      td.dataset.dropdown = 'true';
    }
    if (cell.protected) {
      td.classList.add('protected', cell.protected);
      td.dataset.protected = cell.protected;
      td.title = [cell.protected === 'locked' ? words.protectedCell : words.protectedWarning, cell.protection]
        .filter(Boolean)
        .join(': ');
    }
    if (cell.error) {
      td.classList.add('not-modeled');
      td.title = cell.error;
    }
    if (cell.note) {
      td.classList.add('has-note');
      td.dataset.note = 'true';
      td.addEventListener('mouseenter', () => this.showNote(td, cell.note ?? ''));
      td.addEventListener('mouseleave', () => this.hideNote());
    }
    td.addEventListener('mousedown', (event) => {
      if (event.button !== 0) return;
      event.preventDefault();
      this.focus();
      if (this.editor && !this.editor.done) this.commit();
      this.highlight(at, true);
    });
    td.addEventListener('dblclick', () => this.startEdit(at));
    if (cell.checkbox) td.addEventListener('click', () => this.toggleCheckbox(at));
    if (cell.protected === 'locked') td.setAttribute('aria-readonly', 'true');
    if (cell.validationList && !cell.note) td.title = words.dropdown;
    return td;
  }

  private cellAt(at: Position): { td: HTMLTableCellElement; data: GridCell } | null {
    const td = this.cells[at.row - 1]?.[at.column - 1];
    const data = this.view?.rows[at.row - 1]?.cells[at.column - 1];
    return td && data ? { td, data } : null;
  }

  /** Marks `at` selected; `announce` tells the server (a person's click, not a redraw). */
  private highlight(at: Position | null, announce: boolean): void {
    if (this.selected) this.cellAt(this.selected)?.td.classList.remove('selected');
    this.selected = at && this.cellAt(at) ? at : null;
    if (!this.selected) {
      this.nameBox.value = '';
      this.formula.textContent = '';
      this.links.replaceChildren();
      return;
    }
    const found = this.cellAt(this.selected);
    if (!found) return;
    found.td.classList.add('selected');
    const a1 = toA1(this.selected);
    this.nameBox.value = a1;
    this.formula.textContent = found.data.formula ?? found.data.display;
    this.showLinks(found.data.display);
    if (announce) {
      found.td.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      this.say('');
      this.host.select(this.sheetName, a1);
    }
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.target !== this.scroller || !this.view) return;
    const at = this.selected ?? { row: 1, column: 1 };
    const move = (dr: number, dc: number) => {
      const view = this.view;
      if (!view) return;
      const row = Math.min(Math.max(1, at.row + dr), view.rows.length);
      const column = Math.min(Math.max(1, at.column + dc), view.columns.length);
      this.highlight({ row, column }, true);
    };
    switch (event.key) {
      case 'ArrowUp':
        return void (event.preventDefault(), move(-1, 0));
      case 'ArrowDown':
        return void (event.preventDefault(), move(1, 0));
      case 'ArrowLeft':
        return void (event.preventDefault(), move(0, -1));
      case 'ArrowRight':
        return void (event.preventDefault(), move(0, 1));
      case 'Tab':
        return void (event.preventDefault(), move(0, event.shiftKey ? -1 : 1));
      case 'Enter':
      case 'F2':
        event.preventDefault();
        if (!this.selected) return move(0, 0);
        return this.startEdit(at);
      case 'Delete':
      case 'Backspace':
        event.preventDefault();
        if (this.selected) void this.host.edit(this.sheetName, toA1(at), '');
        return;
      case ' ':
        if (this.selected && this.cellAt(at)?.data.checkbox) {
          event.preventDefault();
          this.toggleCheckbox(at);
          return;
        }
        break;
      default:
        break;
    }
    // Typing a character starts editing with it, as in Sheets.
    if (this.selected && event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      this.startEdit(at, event.key);
    }
  }

  private toggleCheckbox(at: Position): void {
    const found = this.cellAt(at);
    if (!found?.data.checkbox) return;
    void this.host.edit(this.sheetName, toA1(at), found.data.checked ? 'FALSE' : 'TRUE');
  }

  private startEdit(at: Position, typed?: string): void {
    const found = this.cellAt(at);
    if (!found || found.data.checkbox) return;
    if (this.editor && !this.editor.done) return;
    this.highlight(at, false);
    const current = found.data.formula ?? found.data.display;
    const list = found.data.validationList;
    let element: HTMLInputElement | HTMLSelectElement;
    if (list && typed === undefined) {
      const options = [...new Set(['', ...list, current])];
      const select = h(
        'select',
        { className: 'cell-editor', testid: 'cell-editor', attrs: { 'aria-label': toA1(at) } },
        ...options.map((option) => h('option', { attrs: { value: option } }, option)),
      );
      select.value = current;
      // A choice made with the mouse is final; with the keyboard, Enter confirms it.
      let pointer = false;
      select.addEventListener('pointerdown', () => (pointer = true));
      select.addEventListener('change', () => {
        if (pointer) this.commit();
      });
      element = select;
    } else {
      element = h('input', {
        className: 'cell-editor',
        testid: 'cell-editor',
        attrs: { type: 'text', value: typed ?? current, 'aria-label': toA1(at), spellcheck: false },
      });
    }
    element.addEventListener('keydown', (event) => {
      const key = (event as KeyboardEvent).key;
      if (key === 'Enter') {
        event.preventDefault();
        this.commit({ row: 1, column: 0 });
      } else if (key === 'Tab') {
        event.preventDefault();
        this.commit({ row: 0, column: 1 });
      } else if (key === 'Escape') {
        event.preventDefault();
        this.cancel();
      }
    });
    element.addEventListener('blur', () => {
      if (this.editor?.element === element && !this.editor.done) this.commit();
    });
    this.editor = { position: at, element, done: false };
    this.place(element, found.td);
    this.scroller.appendChild(element);
    element.focus();
    if (element instanceof HTMLInputElement) element.setSelectionRange(element.value.length, element.value.length);
    this.say(this.host.words().editHint);
  }

  private place(element: HTMLElement, td: HTMLTableCellElement): void {
    const cell = td.getBoundingClientRect();
    const box = this.scroller.getBoundingClientRect();
    element.style.top = `${cell.top - box.top + this.scroller.scrollTop}px`;
    element.style.left = `${cell.left - box.left + this.scroller.scrollLeft}px`;
    element.style.minWidth = `${Math.max(cell.width, 160)}px`;
    element.style.height = `${cell.height}px`;
  }

  private finish(): Editor | null {
    const editor = this.editor;
    if (!editor || editor.done) return null;
    editor.done = true;
    editor.element.remove();
    this.focus();
    return editor;
  }

  private cancel(): void {
    if (!this.finish()) return;
    this.say('');
    if (this.deferred) this.render(this.deferred, null);
  }

  private commit(then: Position = { row: 0, column: 0 }): void {
    const editor = this.finish();
    if (!editor) return;
    const value = editor.element.value;
    const at = editor.position;
    const before = this.cellAt(at)?.data;
    const unchanged = before && value === (before.formula ?? before.display);
    this.say('');
    if (this.deferred) this.render(this.deferred, null);
    if (!unchanged) void this.host.edit(this.sheetName, toA1(at), value);
    if (then.row || then.column) {
      const view = this.view;
      if (!view) return;
      this.highlight(
        {
          row: Math.min(at.row + then.row, view.rows.length),
          column: Math.min(at.column + then.column, view.columns.length),
        },
        true,
      );
    }
  }

  /** The links a selected cell holds (evidence), openable as Sheets' link preview offers them. */
  private showLinks(display: string): void {
    const urls = linksIn(display);
    replaceChildren(
      this.links,
      ...urls.slice(0, 5).map((url, i) =>
        h(
          'a',
          {
            className: 'cell-link',
            testid: 'cell-link',
            title: url,
            attrs: { href: localHref(url), target: '_blank', rel: 'noopener noreferrer' },
          },
          `🔗 ${i + 1}`,
        ),
      ),
    );
  }

  private showNote(td: HTMLElement, note: string): void {
    const rect = td.getBoundingClientRect();
    replaceChildren(this.notePopup, note);
    this.notePopup.hidden = false;
    this.notePopup.style.left = `${Math.round(rect.right + 4)}px`;
    this.notePopup.style.top = `${Math.round(rect.top)}px`;
  }

  private hideNote(): void {
    this.notePopup.hidden = true;
  }
}

/** The http(s) links in a cell's text; nothing else (no javascript:, no data:) becomes a link. */
export function linksIn(text: string): string[] {
  return (text.match(/https?:\/\/[^\s,;]+/gi) ?? []).filter((candidate) => {
    try {
      const url = new URL(candidate);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  });
}

function column(width: number): HTMLTableColElement {
  const col = h('col');
  col.style.width = `${width}px`;
  return col;
}

function letters(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function toA1(at: Position): string {
  return `${letters(at.column)}${at.row}`;
}

/** The top-left cell of an A1 range ("B3", "B3:D9"). */
export function parseA1(a1: string): Position | null {
  const match = /^([A-Z]+)(\d+)/.exec(a1.toUpperCase());
  if (!match) return null;
  const column = [...(match[1] ?? '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { row: Number(match[2]), column };
}
