/**
 * A person edited the Events tab (docs/product.md, Integrity). One cell is put back from the
 * edit's old value and checked against the chain; a block (a paste) cannot be put back, so its
 * rows are checked and reported. Either way the edit is recorded once, as a 'tamper' Events
 * row, and the leads are told in their languages.
 */
import { escapeHtml } from '../domain/email-render';
import { tServer } from '../domain/i18n/server';
import { languageOf, leadEmails, type Settings } from '../domain/settings';
import { now } from '../services/clock';
import { withDocumentLock } from '../services/lock';
import { sendMail } from '../services/mail';
import { getDocumentProperty, setDocumentProperty } from '../services/properties';
import { appendEvents } from '../sheets/cases-repo';
import { verifyRows } from '../sheets/events-log';
import { EVENTS } from '../sheets/schema';
import { cellFromEventText } from '../sheets/put-back';
import { Table } from '../sheets/table';
import { openWorkbookWithSettings } from '../sheets/workbook';

type EditEvent = GoogleAppsScript.Events.SheetsOnEdit;

export function guardEventsEdit(e: EditEvent, actor: string): void {
  const range = e.range;
  if (range.getLastRow() < 2) return; // the header row: setup repairs it
  const { wb, settings } = openWorkbookWithSettings(e.source);
  withDocumentLock(() => {
    const table = Table.open(range.getSheet(), EVENTS);
    const single = range.getNumRows() === 1 && range.getNumColumns() === 1;
    if (single) range.setValue(oldCell(table, range.getColumn(), e.oldValue));
    const broken = brokenRows(table, Math.max(2, range.getRow()), range.getLastRow());
    const tab = EVENTS[wb.lang];
    const put = single && broken.length === 0;
    const describe = (lang: Settings['language']) =>
      put
        ? tServer(lang, 'tamper.putBack', { who: actor || '?', cell: range.getA1Notation(), tab })
        : tServer(lang, 'tamper.notPutBack', {
            who: actor || '?',
            cells: range.getA1Notation(),
            tab,
            rows: broken.join(', ') || '—',
          });
    range.getCell(1, 1).setNote(describe(wb.lang));
    const caseId = String(table.get(table.readRow(Math.max(2, range.getRow())), 'caseId') ?? '').trim() || '-';
    appendEvents(table, [
      {
        at: now(),
        caseId,
        type: 'tamper',
        actor,
        from: '',
        to: '',
        note: describe(wb.lang),
        version: null,
        changes: null,
      },
    ]);
    tellLeads(settings, tab, describe);
  });
}

/**
 * The cell's value before the edit, typed as its column is (a version a number, the date a date:
 * the event gives the old value as the cell displayed it, to the second, which is how the row's
 * time is written: see eventToCells).
 */
function oldCell(table: Table, column: number, oldValue: unknown): unknown {
  const text = oldValue === undefined || oldValue === null ? undefined : String(oldValue);
  const key = [...table.columns.entries()].find(([, index]) => index === column - 1)?.[0];
  return cellFromEventText(EVENTS.columns.find((c) => c.key === key)?.type, text);
}

/**
 * Sheet rows from `first` to `last` (and the row after, whose link a changed digest breaks) that
 * do not hold: one read, from the row above them for its digest.
 */
function brokenRows(table: Table, first: number, last: number): number[] {
  const top = Math.max(2, first - 1);
  const bottom = Math.min(table.sheet.getLastRow(), last + 1);
  if (bottom < top) return [];
  const rows = table.sheet.getRange(top, 1, bottom - top + 1, table.width).getValues();
  const previous = top < first ? String(table.get(rows[0] ?? [], 'digest') ?? '') : '';
  const checked = top < first ? rows.slice(1) : rows;
  return verifyRows(table, checked, first, previous).flatMap((holds, i) => (holds ? [] : [first + i]));
}

/** Where the chain breaks the leads were told of are kept: `<case id>@<Events row>`, the newest. */
const TOLD_BREAKS_PROPERTY = 'arbiter.chainBreaksTold';
const TOLD_BREAKS_KEPT = 200;

export interface HistoryBreak {
  id: string;
  /** The sheet row of the case's first Events row whose chain does not hold. */
  row: number;
}

/** What a restore says of a case whose history breaks, in `lang`. */
export function breakMessage(lang: Settings['language'], b: HistoryBreak, tab: string): string {
  return tServer(lang, 'chain.broken', { id: b.id, row: b.row, tab });
}

/**
 * A restore found cases whose history breaks (docs/product.md, Integrity): the leads are emailed
 * as for an edit of the log, once per break, not at every restore that meets it again (the breaks
 * told are kept in the document properties).
 */
export function tellBreaks(
  settings: Settings,
  tab: string,
  breaks: readonly HistoryBreak[],
  options: { quiet?: boolean } = {},
): void {
  if (breaks.length === 0) return;
  const key = (b: HistoryBreak) => `${b.id}@${b.row}`;
  let told: string[] = [];
  try {
    const parsed = JSON.parse(getDocumentProperty(TOLD_BREAKS_PROPERTY) ?? '[]') as unknown;
    if (Array.isArray(parsed)) told = parsed.map(String);
  } catch {
    told = [];
  }
  const fresh = breaks.filter((b) => !told.includes(key(b)));
  if (fresh.length === 0) return;
  setDocumentProperty(TOLD_BREAKS_PROPERTY, JSON.stringify([...told, ...fresh.map(key)].slice(-TOLD_BREAKS_KEPT)));
  // Quiet: the caller's own email to the leads already says it.
  if (!options.quiet) tellLeads(settings, tab, (lang) => fresh.map((b) => breakMessage(lang, b, tab)).join('\n'));
}

/** One email per language, to every lead who reads it: the tamper report about the Events tab `tab`. */
function tellLeads(settings: Settings, tab: string, describe: (lang: Settings['language']) => string): void {
  mailLeads(settings, (lang) => ({
    subject: tServer(lang, 'tamper.subject'),
    text: tServer(lang, 'tamper.body', { what: describe(lang), tab }),
  }));
}

/** One email per language, to every lead who reads it; paragraphs are separated by a blank line. */
export function mailLeads(
  settings: Settings,
  compose: (lang: Settings['language']) => { subject: string; text: string },
): void {
  const byLang = new Map<Settings['language'], string[]>();
  for (const email of leadEmails(settings)) {
    const lang = languageOf(settings, email);
    byLang.set(lang, [...(byLang.get(lang) ?? []), email]);
  }
  for (const [lang, emails] of byLang) {
    const { subject, text } = compose(lang);
    const html = text
      .split('\n\n')
      .map((p) => `<p>${escapeHtml(p)}</p>`)
      .join('');
    sendMail({ to: emails.join(','), subject, text, html });
  }
}
