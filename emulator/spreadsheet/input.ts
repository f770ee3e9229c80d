/**
 * How Sheets reads what is written into a cell. One interpreter serves script writes (setValue,
 * setValues, appendRow) and a person typing (editCellAsUser): a string is read "as if typed".
 *  - in a plain-text cell (number format '@') every string is kept verbatim;
 *  - a leading apostrophe forces text and is not stored;
 *  - '=…' is a formula;
 *  - TRUE / FALSE in any case are booleans;
 *  - number-like text is a number ('00123' → 123, '+77015550102' → 77015550102, '1e3', '-5',
 *    the locale's decimal separator, grouped thousands '1,234' / '1 234'), '50%' → 0.5;
 *  - 'yyyy-mm-dd [hh:mm[:ss]]' and the locale's short date ('dd.mm.yyyy' for ru_RU,
 *    'm/d/yyyy' for en_US), optionally with a time, are dates in the spreadsheet's time zone.
 * Not modeled (kept as text): times alone ('14:30'), dates without a year, currency amounts.
 */
import { gasError } from '../core/errors';
import type { CellValue } from '../core/spreadsheet-state';
import type { LocaleConventions } from './locale';
import { instantOf, isValidDate } from './time';

/** What ends up in a cell: a formula, or a value (null = empty) with the format typing implies. */
export type CellContent = { formula: string } | { value: CellValue | null; impliedFormat?: string };

export interface InputContext {
  conventions: LocaleConventions;
  timeZone: string;
  /** The cell's number format is plain text '@'. */
  plainText: boolean;
}

export const PLAIN_TEXT_FORMAT = '@';

const numberPatterns = new WeakMap<LocaleConventions, RegExp>();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** sign, digits with optional grouping, optional decimals, optional exponent, optional '%'. */
function numberPattern(conventions: LocaleConventions): RegExp {
  let pattern = numberPatterns.get(conventions);
  if (!pattern) {
    const decimal = escapeRegExp(conventions.decimalSeparator);
    pattern = new RegExp(
      `^([+-]?)((?:\\d{1,3}(?:${groupPattern(conventions)}\\d{3})+|\\d+)(?:${decimal}\\d*)?|${decimal}\\d+)(?:[eE]([+-]?\\d+))?(%?)$`,
    );
    numberPatterns.set(conventions, pattern);
  }
  return pattern;
}

/** A non-breaking-space grouping is also typed as a plain space. */
function groupPattern(conventions: LocaleConventions): string {
  return conventions.groupSeparator === '\u00a0' ? '[\u00a0 ]' : escapeRegExp(conventions.groupSeparator);
}

const groupSeparators = new WeakMap<LocaleConventions, RegExp>();

/** Number-like text in the locale's notation; null when it is not a number. */
export function parseNumberText(
  text: string,
  conventions: LocaleConventions,
): { value: number; percent: boolean } | null {
  const match = numberPattern(conventions).exec(text);
  if (!match) return null;
  const [, sign = '', body = '', exponent, percent] = match;
  let normalized = body;
  if (body.length > 4) {
    let group = groupSeparators.get(conventions);
    if (!group) {
      group = new RegExp(groupPattern(conventions), 'g');
      groupSeparators.set(conventions, group);
    }
    normalized = normalized.replace(group, '');
  }
  if (conventions.decimalSeparator !== '.') normalized = normalized.replace(conventions.decimalSeparator, '.');
  let value = Number(`${sign}${normalized}${exponent ? `e${exponent}` : ''}`);
  if (!Number.isFinite(value)) return null;
  if (percent) value /= 100;
  return { value, percent: Boolean(percent) };
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?: +(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const shortDatePatterns = new Map<string, RegExp>();

function shortDatePattern(separator: string): RegExp {
  let pattern = shortDatePatterns.get(separator);
  if (!pattern) {
    const sep = escapeRegExp(separator);
    pattern = new RegExp(`^(\\d{1,2})${sep}(\\d{1,2})${sep}(\\d{4})(?: +(\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?$`);
    shortDatePatterns.set(separator, pattern);
  }
  return pattern;
}

function parseDate(text: string, context: InputContext): Date | null {
  let year: number;
  let month: number;
  let day: number;
  let time: Array<string | undefined>;
  const iso = ISO_DATE.exec(text);
  if (iso) {
    [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    time = iso.slice(4);
  } else {
    const short = shortDatePattern(context.conventions.dateSeparator).exec(text);
    if (!short) return null;
    const [first, second] = [Number(short[1]), Number(short[2])];
    [day, month] = context.conventions.dateOrder === 'DMY' ? [first, second] : [second, first];
    year = Number(short[3]);
    time = short.slice(4);
  }
  const [hour, minute, second] = time.map((part) => Number(part ?? 0)) as [number, number, number];
  if (!isValidDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  return new Date(instantOf({ year, month, day, hour, minute, second, millisecond: 0 }, context.timeZone));
}

/** A string as Sheets reads it when typed into a cell. */
export function interpretText(text: string, context: InputContext): CellContent {
  if (text === '') return { value: null };
  if (context.plainText) return { value: text };
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (text.startsWith('=') && text.length > 1) return { formula: text };
  // Numbers, dates and booleans start with a digit, a sign, a separator, t/f or a space.
  if (!/^[\s\d+\-.,tTfF]/.test(text)) return { value: text };
  const trimmed = text.trim();
  const upper = trimmed.toUpperCase();
  if (upper === 'TRUE' || upper === 'FALSE') return { value: upper === 'TRUE' };
  const number = parseNumberText(trimmed, context.conventions);
  if (number) {
    if (!number.percent) return { value: number.value };
    return { value: number.value, impliedFormat: Number.isInteger(number.value * 100) ? '0%' : '0.00%' };
  }
  const date = parseDate(trimmed, context);
  if (date) return { value: date };
  return { value: text };
}

/** True for a Date from any realm (the bundle runs in its own vm context). */
export function isDate(value: unknown): value is Date {
  if (typeof value !== 'object' || value === null) return false;
  return value instanceof Date || Object.prototype.toString.call(value) === '[object Date]';
}

/**
 * A value a script writes (setValue, setValues, appendRow): strings are read as typed, numbers,
 * booleans and Dates are stored as they are, null and undefined empty the cell, anything else is
 * written as its string form, as Apps Script does.
 */
export function interpretScriptValue(value: unknown, context: InputContext): CellContent {
  if (value === null || value === undefined) return { value: null };
  if (typeof value === 'string') return interpretText(value, context);
  if (typeof value === 'number') return { value: Number.isFinite(value) ? value : String(value) };
  if (typeof value === 'boolean') return { value };
  if (isDate(value)) {
    const time = value.getTime();
    return { value: Number.isNaN(time) ? String(value) : new Date(time) };
  }
  return { value: String(value) };
}

/** Sheets keeps at most this many characters in one cell (a value or a formula). */
export const MAX_CELL_CHARACTERS = 50_000;

/**
 * Throws Sheets' message when a string to be written is longer than a cell holds. Called on the
 * whole input before any cell is written, so a refused setValues writes nothing. The string is
 * counted as the script gives it (a leading apostrophe included): the stricter reading.
 */
export function checkCellLengths(values: readonly unknown[]): void {
  for (const value of values) {
    if (typeof value === 'string' && value.length > MAX_CELL_CHARACTERS) {
      throw gasError(
        `Your input contains more than the maximum of ${MAX_CELL_CHARACTERS} characters in a single cell.`,
      );
    }
  }
}

/** checkCellLengths over a grid (rows that are not arrays are left to the dimension check). */
export function checkGridLengths(grid: unknown): void {
  if (!Array.isArray(grid)) return;
  for (const line of grid) if (Array.isArray(line)) checkCellLengths(line);
}
