/**
 * The Events tab as a chain (docs/product.md, Integrity). Appending reads one cell (the last
 * row's digest) and signs each new row after it; verifying reads the rows once and signs each.
 * The key and the row where the chain began are document properties: an editor of the sheet
 * cannot read or move them.
 */
import { canonicalContent, chainDigests, verifyChain, type ChainRow, type Sign } from '../domain/event-chain';
import { hmacSha256Hex, newSecret } from '../services/crypto';
import {
  getDocumentProperties,
  getUserProperty,
  hasDocumentProperties,
  setDocumentProperty,
  setUserProperty,
} from '../services/properties';
import { EVENTS } from './schema';
import type { CellWrite, Table } from './table';

const KEY_PROPERTY = 'arbiter.eventsChainKey';
/** The sheet row of the first chained row; rows above it are legacy, trusted as written. */
const START_PROPERTY = 'arbiter.eventsChainStart';

/** The columns the digest covers, in order: every Events column but the digest itself. */
const CONTENT_KEYS = EVENTS.columns.map((c) => c.key).filter((key) => key !== 'digest');

function signer(key: string | null): Sign | null {
  return key ? (text) => hmacSha256Hex(text, key) : null;
}

/** The content of an Events row as written (its cells by key) or as read (a row of the tab). */
export function contentOfCells(cells: Record<string, CellWrite>): string {
  return canonicalContent(CONTENT_KEYS.map((key) => cells[key] ?? ''));
}

export function contentOfRow(table: Table, raw: readonly unknown[]): string {
  return canonicalContent(CONTENT_KEYS.map((key) => table.get(raw, key)));
}

/** Where the schedule's holder keeps a copy of a workbook's chain key and start (their user properties). */
export const chainCopyKey = (spreadsheetId: string): string => `arbiter.chain.${spreadsheetId}`;

interface ChainSecrets {
  key: string | null;
  /** The sheet row of the first chained row, or null before the chain began. */
  start: number | null;
}

/**
 * The chain's key and start: the document's properties; in a published add-on's time trigger,
 * which has none, the copy the schedule's holder keeps in their user properties (keepChainCopy):
 * null when neither has them, and rows are then appended unsigned.
 */
function chainSecrets(table: Table): ChainSecrets | null {
  if (hasDocumentProperties()) {
    const properties = getDocumentProperties();
    const start = properties[START_PROPERTY];
    return { key: properties[KEY_PROPERTY] ?? null, start: start === undefined ? null : Number(start) };
  }
  const copy = getUserProperty(chainCopyKey(table.sheet.getParent().getId()));
  if (!copy) return null;
  try {
    const parsed = JSON.parse(copy) as { key?: unknown; start?: unknown };
    if (typeof parsed.key !== 'string' || typeof parsed.start !== 'number') return null;
    return { key: parsed.key, start: parsed.start };
  } catch {
    return null;
  }
}

/**
 * Starts the chain if it has not begun (its key, and its start at the next row), and keeps a copy
 * in the user properties of whoever runs this (the schedule's holder, installing it), for their
 * time trigger, which in a published add-on has no document properties (docs/product.md,
 * Integrity). Run where document properties exist. The key goes to no one else: user properties
 * are the user's, of this script, and nothing returns them to the sidebar.
 */
export function keepChainCopy(table: Table): void {
  if (!table.has('digest') || !hasDocumentProperties()) return;
  const properties = getDocumentProperties();
  let key = properties[KEY_PROPERTY] ?? null;
  if (!key) setDocumentProperty(KEY_PROPERTY, (key = newSecret()));
  let start = properties[START_PROPERTY] ?? null;
  if (start === null) setDocumentProperty(START_PROPERTY, (start = String(table.sheet.getLastRow() + 1)));
  const copy = JSON.stringify({ key, start: Number(start) });
  const name = chainCopyKey(table.sheet.getParent().getId());
  if (getUserProperty(name) !== copy) setUserProperty(name, copy);
}

/**
 * Appends Events rows, each with its digest. A tab without the digest column (a workbook setup
 * has not repaired yet) gets the rows unchained, as before. Returns the sheet row of the first
 * appended row.
 */
export function appendChained(table: Table, rows: Array<Record<string, CellWrite>>): number {
  if (rows.length === 0) return 0;
  let first: number | null = null;
  const secrets = table.has('digest') ? chainSecrets(table) : null;
  // Without the document's properties and without the holder's copy there is no key: the rows go
  // unsigned, and a replay stops at them (docs/product.md, Integrity).
  if (secrets) {
    const lastRow = table.sheet.getLastRow();
    first = lastRow + 1;
    let previous = '';
    if (secrets.start === null) setDocumentProperty(START_PROPERTY, String(lastRow + 1));
    else if (lastRow >= secrets.start)
      previous = String(table.sheet.getRange(lastRow, table.columnNumber('digest')).getValue() ?? '');
    let key = secrets.key;
    if (!key) {
      key = newSecret();
      setDocumentProperty(KEY_PROPERTY, key);
    }
    const sign = signer(key) as Sign;
    const digests = chainDigests(previous, rows.map(contentOfCells), sign);
    rows = rows.map((row, i) => ({ ...row, digest: digests[i] ?? '' }));
  }
  if (rows.length > 1) return table.append(rows);
  table.appendRow(rows[0] as Record<string, CellWrite>);
  return first ?? table.sheet.getLastRow();
}

/**
 * Whether each of `rows` (read from sheet row `firstRow` on) holds, given the digest of the row
 * above them (`previousDigest`, '' when they start the tab). Legacy rows hold.
 */
export function verifyRows(table: Table, rows: readonly unknown[][], firstRow: number, previousDigest = ''): boolean[] {
  const secrets = table.has('digest') ? chainSecrets(table) : null;
  if (secrets?.start === null || secrets?.start === undefined) return rows.map(() => true);
  const start = secrets.start;
  const chain: ChainRow[] = rows.map((raw) => ({
    content: contentOfRow(table, raw),
    digest: String(table.get(raw, 'digest') ?? ''),
  }));
  // The row above the block stands in for the chain before it, so a block is checked as the whole tab is.
  const offset = firstRow > start ? 1 : 0;
  const withPrevious = offset ? [{ content: '', digest: previousDigest }, ...chain] : chain;
  const holds = verifyChain(withPrevious, Math.max(0, start - firstRow + offset), signer(secrets.key));
  return holds.slice(offset);
}

/**
 * The Events rows a replay may apply: each id's rows up to its first row whose chain does not
 * hold (one read of the tab). What a person wrote into the log is never applied.
 */
export function readVerifiedRows(table: Table): unknown[][] {
  const rows = table.readAll();
  const holds = verifyRows(table, rows, 2);
  const broken = new Set<string>();
  return rows.filter((raw, i) => {
    const id = String(table.get(raw, 'caseId') ?? '').trim();
    if (!holds[i]) broken.add(id);
    return !broken.has(id);
  });
}
