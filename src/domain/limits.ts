/**
 * How much a person may type and which scores they may give: the one place these numbers live.
 * The domain's checks, the sheet's hand edits and the sidebar's labels all read them from here.
 */

/** A one-line field: a name, an order number, an email. */
export const MAX_TEXT = 500;
/** A free text: the summary, the resolution, the prevention, a reason, a note. */
export const MAX_LONG_TEXT = 5000;
/** Evidence links on one case. */
export const MAX_EVIDENCE = 20;
/**
 * Characters of one evidence link: a Drive or photo link is about a hundred; with it, the largest
 * valid case fits in the cells below (test/unit/cell-limits.test.ts).
 */
export const MAX_LINK = 1000;
/**
 * Characters Sheets keeps in one cell; a longer write is refused (docs/architecture.md, The
 * emulator). What we write counts with the apostrophe that keeps text as text.
 */
export const MAX_CELL_TEXT = 50_000;

export interface ScoreRange {
  readonly min: number;
  readonly max: number;
}

/** Customer satisfaction after closing (docs/product.md, KPIs). */
export const CSAT: ScoreRange = { min: 1, max: 5 };
/** Net promoter score after closing (docs/product.md, KPIs). */
export const NPS: ScoreRange = { min: 0, max: 10 };

export function inRange(range: ScoreRange, n: number): boolean {
  return Number.isInteger(n) && n >= range.min && n <= range.max;
}

/** "(1–5)": the range as the sidebar shows it next to the field. */
export function rangeLabel(range: ScoreRange): string {
  return `(${range.min}–${range.max})`;
}

/**
 * Recipients of one email: Apps Script refuses a message to more than 50 (docs/architecture.md,
 * The emulator). A job writing to more people sends one message per batch.
 */
export const MAX_RECIPIENTS_PER_MESSAGE = 50;

/** `items` in consecutive batches of at most `size`. */
export function inBatches<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}
