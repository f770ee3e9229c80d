/**
 * What was emailed, so a notice goes once per case, level, reopen cycle and recipient.
 *
 * The Events tab is the truth: each email appends one `notice` row per case it lists, whose note
 * is the record `<notice key> → <recipient>` (`held/<day> → <lead>` for the held-back notice).
 * The Events tab grows forever, so the hourly run does not read it: it reads a compact index, a
 * hidden tab holding each record and the Events row that proves it, plus the Events rows appended
 * since the last indexed one (the tail). Cost per run (docs/architecture.md, The performance
 * model): a constant number of calls; cells in proportion to the notices ever sent plus the tail,
 * not to the Events tab.
 *
 * Why this stays true: each email's Events rows are appended right after it is sent, and the index
 * rows once at the end of the run (one write, not one per email), so a run that dies leaves at
 * most Events rows the index lacks, after its last indexed row: the next run finds them in the
 * tail and adds them. An index that disagrees with
 * Events (its last row is past the end of Events, or that Events row is not the record it names:
 * the tab was edited, deleted or belongs to a copy of the workbook) is rebuilt from Events.
 */
import type { CaseEvent } from '../domain/events';
import { eventToCells } from './cases-repo';
import { appendChained } from './events-log';
import { readColumns } from './column-blocks';
import type { Table } from './table';
import { eventsTable, type Workbook } from './workbook';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The hidden tab's name: one name in both languages, it is Arbiter's own. */
export const SENT_INDEX_TAB = 'arbiter.notices';
const HEADER = ['Record (the note of a notice row in Events)', 'Events row'];

export interface NoticeRecord {
  caseId: string;
  /** `<notice key> → <recipient>`: the Events note and the index key. */
  note: string;
}

export function recordNote(key: string, recipient: string): string {
  return `${key} → ${recipient}`;
}

export class SentNotices {
  private constructor(
    private readonly wb: Workbook,
    private readonly events: Table,
    private index: Sheet | null,
    private readonly records: Map<string, number>,
    private indexRows: number,
    /** Records appended to Events in this run and not yet to the index (see flush). */
    private readonly unindexed: Array<[string, number]>,
    /** True when the index was rebuilt from the whole Events tab during this load. */
    readonly rebuilt: boolean,
  ) {}

  /** Reads the index and the Events tail, and repairs the index when it lags or disagrees. */
  static load(wb: Workbook): SentNotices {
    const events = eventsTable(wb);
    const index = wb.ss.getSheetByName(SENT_INDEX_TAB);
    const values = index ? index.getDataRange().getValues().slice(1) : [];
    const records = new Map<string, number>();
    let last = 0;
    for (const [note, row] of values) {
      const n = Number(row);
      if (typeof note !== 'string' || note === '' || !Number.isInteger(n) || n < 2) continue;
      if (!records.has(note)) records.set(note, n);
      last = Math.max(last, n);
    }
    const lastRow = events.sheet.getLastRow();
    const tail = last >= 2 && last <= lastRow ? noticesIn(events, last, lastRow) : [];
    const agrees = last === 0 || (tail[0]?.[1] === last && records.get(tail[0][0]) === last);
    if (!agrees) records.clear();
    // No index (the first delivery, or one rebuilt): every notice row of Events, found by one
    // TextFinder over the type column rather than by reading the whole tab.
    const found = last === 0 || !agrees ? allNotices(events) : tail;
    const missing: Array<[string, number]> = [];
    for (const [note, row] of found) {
      if (records.has(note)) continue;
      records.set(note, row);
      missing.push([note, row]);
    }
    const sent = new SentNotices(wb, events, index, records, agrees ? values.length : 0, [], !agrees);
    if (!agrees && index) index.clearContents();
    sent.appendIndex(missing, !agrees);
    return sent;
  }

  has(note: string): boolean {
    return this.records.has(note);
  }

  get size(): number {
    return this.records.size;
  }

  /**
   * Records what one email said, right after it was sent: its Events rows now; the index at
   * `flush` (a run that dies before leaves Events ahead, which the next load repairs).
   */
  record(records: NoticeRecord[], actor: string, at: number): void {
    if (records.length === 0) return;
    const rows: CaseEvent[] = records.map((r) => ({
      at,
      caseId: r.caseId,
      type: 'notice',
      actor,
      from: '',
      to: '',
      note: r.note,
      version: null,
      changes: null,
    }));
    // Signed as every Events row is (docs/product.md, Integrity).
    const first = appendChained(
      this.events,
      rows.map((e) => eventToCells(e, this.events.timeZone)),
    );
    const added: Array<[string, number]> = records.map((r, i) => [r.note, first + i]);
    for (const [note, row] of added) if (!this.records.has(note)) this.records.set(note, row);
    this.unindexed.push(...added);
  }

  /** Writes the run's records to the index, in one write. */
  flush(): void {
    this.appendIndex(this.unindexed.splice(0), false);
  }

  private appendIndex(rows: Array<[string, number]>, withHeader: boolean): void {
    if (rows.length === 0 && !withHeader) return;
    if (!this.index) {
      this.index = this.wb.ss.insertSheet(SENT_INDEX_TAB);
      this.index.hideSheet();
      withHeader = true;
    }
    const block: unknown[][] = [...(withHeader ? [HEADER] : []), ...rows.map(([note, row]) => [`'${note}`, row])];
    if (block.length === 0) return;
    const firstRow = withHeader ? 1 : this.indexRows + 2;
    const lastNeeded = firstRow + block.length - 1;
    const maxRows = this.index.getMaxRows();
    if (lastNeeded > maxRows) this.index.insertRowsAfter(maxRows, lastNeeded - maxRows);
    this.index.getRange(firstRow, 1, block.length, 2).setValues(block);
    this.indexRows = (withHeader ? 0 : this.indexRows) + rows.length;
  }
}

/** The notice rows among Events rows `from`…`to`, as [note, row]: only two columns read. */
function noticesIn(events: Table, from: number, to: number): Array<[string, number]> {
  return readColumns(events, ['type', 'note'], from, to - from + 1).flatMap((row, i): Array<[string, number]> => {
    const note = noticeNote(events, row);
    return note === null ? [] : [[note, from + i]];
  });
}

/** Every notice row of Events: one TextFinder call, then the note column over their span. */
function allNotices(events: Table): Array<[string, number]> {
  const rows = events.findInColumn('type', 'notice');
  const [first] = rows;
  if (first === undefined) return [];
  const last = rows[rows.length - 1] as number;
  const notes = events.readColumn('note', first, last - first + 1);
  return rows.flatMap((row): Array<[string, number]> => {
    const note = String(notes[row - first] ?? '');
    return note === '' ? [] : [[note, row]];
  });
}

/** The note of a `notice` row, or null for any other row. */
function noticeNote(events: Table, row: readonly unknown[]): string | null {
  if (String(events.get(row, 'type') ?? '') !== 'notice') return null;
  const note = String(events.get(row, 'note') ?? '');
  return note === '' ? null : note;
}
