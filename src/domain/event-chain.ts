/**
 * The Events log's chain (docs/product.md, Integrity): each row's digest signs the previous row's
 * digest and the row's own content, so a row changed by hand no longer matches its digest, and
 * one that was removed or inserted breaks the link of the row after it. Signing is a port (the
 * key lives with the workbook), so this module stays pure.
 */

/** A row as the chain sees it: its content, canonical, and the digest stored with it. */
export interface ChainRow {
  content: string;
  digest: string;
}

/** Signs text with the workbook's key; hex. */
export type Sign = (text: string) => string;

/** What a row's digest signs: the digest before it (empty for the first row of the chain) and its content. */
export function chainText(previousDigest: string, content: string): string {
  return `${previousDigest}\n${content}`;
}

/** The content the digest covers: the row's cells in column order; a date as its milliseconds. */
export function canonicalContent(cells: readonly unknown[]): string {
  return JSON.stringify(
    cells.map((value) => {
      if (value instanceof Date) return value.getTime();
      if (value === null || value === undefined) return '';
      return value;
    }),
  );
}

/** Digests for rows appended after a row whose digest is `previousDigest`. */
export function chainDigests(previousDigest: string, contents: readonly string[], sign: Sign): string[] {
  const digests: string[] = [];
  let previous = previousDigest;
  for (const content of contents) {
    previous = sign(chainText(previous, content));
    digests.push(previous);
  }
  return digests;
}

/**
 * Whether each row holds: rows before `start` (0-based: legacy rows written before the chain
 * began) are trusted as they are; from `start` on, a row holds when its digest signs the stored
 * digest of the row before it (nothing, for the first) and its own content. With no key
 * (`sign` null) nothing from `start` on can hold.
 */
export function verifyChain(rows: readonly ChainRow[], start: number, sign: Sign | null): boolean[] {
  return rows.map((row, i) => {
    if (i < start) return true;
    if (!sign || !row.digest) return false;
    const previous = i === start ? '' : (rows[i - 1]?.digest ?? '');
    return sign(chainText(previous, row.content)) === row.digest;
  });
}
