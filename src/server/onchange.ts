/**
 * A person deleted rows (docs/product.md, Integrity: a case never disappears). Apps Script's change
 * event says only what kind of change it was (REMOVE_ROW), not where, so the ids of the Cases,
 * Zones of growth and CSI tabs are compared with the ids the Events log knows: one read of each
 * id column, whatever was deleted. A logged entry missing from its tab is put back, at the end of
 * the table, from its verified history (one read of the log, only then), with an Events row and a
 * note on its id cell; one that cannot be (its history does not verify) is named. Either way the
 * leads are told, as for an edit of the log.
 */
import type { CaseEvent } from '../domain/events';
import { tServer } from '../domain/i18n/server';
import type { Lang } from '../domain/i18n';
import type { Settings } from '../domain/settings';
import { slaState } from '../domain/sla';
import { now } from '../services/clock';
import { withDocumentLock } from '../services/lock';
import { activeUserEmail } from '../services/session';
import { CASE_ID, caseToCells } from '../sheets/case-row';
import { appendEvents, replayVerifiedCases } from '../sheets/cases-repo';
import { CASES, CSI, EVENTS, ZONES, type TabDef } from '../sheets/schema';
import { Table, type CellWrite } from '../sheets/table';
import { eventsTable, findSheet, openWorkbookWithSettings, type Workbook } from '../sheets/workbook';
import { CSI_ID, csiToCells, replayCsiEntries, replayGrowthZones, ZONE_ID, zoneToCells } from '../sheets/zones-tab';
import { breakMessage, mailLeads, tellBreaks, type HistoryBreak } from './events-guard';
import { isHoldersTrigger } from './onedit';

type ChangeEvent = GoogleAppsScript.Events.SheetsOnChange & { triggerUid?: string };

/** The tabs whose rows are entries of the log, and how an entry comes back from its history. */
interface Kind {
  def: TabDef;
  owns: (id: string) => boolean;
  /** The entries as their verified history has them (their cells), and where a case's history breaks. */
  replay: (events: Table) => Replayed;
}

interface Replayed {
  cells: Map<string, Record<string, CellWrite>>;
  version: Map<string, number>;
  breaks?: Map<string, number>;
}

export function onChangeInstalled(e: ChangeEvent): void {
  // Called as anything but a change trigger (through google.script.run, say): nothing to do.
  if (typeof e?.source?.getId !== 'function' || e.changeType !== 'REMOVE_ROW') return;
  if (!isHoldersTrigger(e, 'changeTrigger')) return;
  const actor = String(e.user?.getEmail?.() || activeUserEmail() || '').toLowerCase();
  const { wb, settings } = openWorkbookWithSettings(e.source);
  withDocumentLock(() => restoreDeletedRows(wb, settings, actor));
}

function kinds(lang: Lang, settings: Settings, at: number): Kind[] {
  const isZone = (id: string) => ZONE_ID.test(id);
  const isCsi = (id: string) => CSI_ID.test(id);
  return [
    {
      def: CASES,
      owns: (id) => CASE_ID.test(id) && !isZone(id) && !isCsi(id),
      replay: (events) => {
        const { cases, breaks } = replayVerifiedCases(events);
        return {
          cells: new Map([...cases].map(([id, c]) => [id, caseToCells(c, lang, slaState(c, settings, at))])),
          version: new Map([...cases].map(([id, c]) => [id, c.version])),
          breaks,
        };
      },
    },
    {
      def: ZONES,
      owns: isZone,
      replay: (events) => {
        const zones = replayGrowthZones(events);
        return {
          cells: new Map([...zones].map(([id, z]) => [id, zoneToCells(z, lang)])),
          version: new Map([...zones].map(([id, z]) => [id, z.version])),
        };
      },
    },
    {
      def: CSI,
      owns: isCsi,
      replay: (events) => ({
        cells: new Map([...replayCsiEntries(events)].map(([id, c]) => [id, csiToCells(c, lang)])),
        version: new Map(),
      }),
    },
  ];
}

/**
 * Puts back every logged entry missing from its tab. Reads each tab's id column and the log's id
 * column; the rest only when something is missing.
 */
function restoreDeletedRows(wb: Workbook, settings: Settings, actor: string): void {
  const lang = wb.lang;
  const at = now();
  const events = eventsTable(wb);
  if (!events.has('caseId')) return;
  const logged = new Set(events.readColumn('caseId').map((id) => String(id ?? '').trim()));
  const who = actor || '?';
  const reports: Array<(lang: Lang) => string> = [];
  const reverted: CaseEvent[] = [];
  const broken: HistoryBreak[] = [];
  for (const kind of kinds(lang, settings, at)) {
    const sheet = findSheet(wb.ss, kind.def, lang);
    if (!sheet) continue;
    const table = Table.open(sheet, kind.def);
    if (!table.has('id')) continue;
    const present = new Set(table.readColumn('id').map((id) => String(id ?? '').trim()));
    const missing = [...logged].filter((id) => kind.owns(id) && !present.has(id)).sort();
    if (missing.length === 0) continue;
    table.requireAllColumns();
    const history = kind.replay(events);
    const back = missing.filter((id) => history.cells.has(id));
    const lost = missing.filter((id) => !history.cells.has(id));
    const tab = sheet.getName();
    if (back.length > 0) {
      const first = table.append(back.map((id) => history.cells.get(id) as Record<string, CellWrite>));
      const said = (l: Lang, id: string, i: number) => tServer(l, 'deleted.restored', { who, id, tab, row: first + i });
      sheet
        .getRange(first, table.columnNumber('id'), back.length, 1)
        .setNotes(back.map((id, i) => [said(lang, id, i)]));
      back.forEach((id, i) => {
        reports.push((l) => said(l, id, i));
        reverted.push(revertedEvent(id, said(lang, id, i), history.version.get(id) ?? null, actor, at));
      });
    }
    if (lost.length > 0) {
      const said = (l: Lang) =>
        lost.map((id) => tServer(l, 'deleted.lost', { who, id, tab, events: EVENTS[lang] })).join('\n');
      sheet.getRange(1, table.columnNumber('id')).setNote(said(lang));
      reports.push(said);
    }
    const breaks = history.breaks;
    if (breaks) broken.push(...back.flatMap((id) => (breaks.has(id) ? [{ id, row: breaks.get(id) as number }] : [])));
  }
  if (reverted.length > 0) appendEvents(events, reverted);
  if (reports.length === 0) return;
  mailLeads(settings, (l) => ({
    subject: tServer(l, 'deleted.subject'),
    text: tServer(l, 'deleted.body', {
      what: [...reports.map((r) => r(l)), ...broken.map((b) => breakMessage(l, b, EVENTS[lang]))].join('\n'),
    }),
  }));
  // The breaks are told in this email; the next restore that meets them does not tell them again.
  tellBreaks(settings, EVENTS[lang], broken, { quiet: true });
}

function revertedEvent(id: string, note: string, version: number | null, actor: string, at: number): CaseEvent {
  return { at, caseId: id, type: 'reverted', actor, from: '', to: '', note, version, changes: null };
}
