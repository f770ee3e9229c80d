/**
 * What getDisplayValues shows: a value formatted with the cell's number format, or with the
 * automatic format of the spreadsheet's locale and time zone.
 *
 * Automatic: numbers without trailing zeros or grouping, with the locale's decimal separator
 * (ru_RU 3,14; en_US 3.14); dates per locale (en_US m/d/yyyy, ru_RU dd.mm.yyyy), with the time
 * of day (h:mm:ss) unless it is midnight in the sheet's zone; booleans TRUE / FALSE; text as is.
 * Patterns use Sheets' syntax: number patterns ('0.00', '#,##0', '0%', '"$"#,##0.00', sections
 * split by ';') and date patterns ('yyyy-mm-dd hh:mm:ss', 'dd.mm.yyyy', 'mmm d'), where 'mm' is
 * minutes next to an hour or seconds token and the month otherwise. Scientific, fraction and
 * elapsed-time patterns are not modeled and throw.
 */
import { notModeled } from '../core/errors';
import { isDate } from './input';
import type { LocaleConventions } from './locale';
import type { CellValue } from '../core/spreadsheet-state';
import { serialWallTime, toSerial, wallTime, type WallTime } from './time';

/**
 * What Range.getNumberFormat returns for a cell in the automatic format (the long-standing Apps
 * Script answer); writing it back keeps the cell automatic.
 */
export const AUTOMATIC_FORMAT = '0.###############';

export interface FormatContext {
  conventions: LocaleConventions;
  timeZone: string;
}

/** Display text of a cell value ('' is an empty cell) under a number format (undefined: automatic). */
export function formatValue(value: CellValue | '', numberFormat: string | undefined, context: FormatContext): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const pattern = numberFormat === AUTOMATIC_FORMAT || numberFormat === '@' ? undefined : numberFormat;
  if (isDate(value)) {
    if (pattern && !isDatePattern(pattern))
      return formatNumber(toSerial(value.getTime(), context.timeZone), pattern, context);
    const wall = wallTime(value.getTime(), context.timeZone);
    const automatic = isMidnight(wall) ? context.conventions.dateFormat : context.conventions.dateTimeFormat;
    return formatDate(wall, pattern ?? automatic, context);
  }
  if (!pattern) return formatAutomaticNumber(value, context);
  if (isDatePattern(pattern)) return formatDate(serialWallTime(value), pattern, context);
  return formatNumber(value, pattern, context);
}

function isMidnight(wall: WallTime): boolean {
  return wall.hour === 0 && wall.minute === 0 && wall.second === 0 && wall.millisecond === 0;
}

/** Number patterns with quoted literals and escapes removed: what is left says what kind it is. */
function stripLiterals(pattern: string): string {
  return pattern.replace(/"[^"]*"|\\./g, '');
}

function isDatePattern(pattern: string): boolean {
  return /[ymdhs]/i.test(stripLiterals(pattern).replace(/am\/pm|a\/p/gi, 'h'));
}

/** Automatic number display: up to 15 significant digits, no grouping, locale decimal separator. */
export function formatAutomaticNumber(value: number, context: FormatContext): string {
  const text =
    Number.isInteger(value) && Math.abs(value) < 1e15 ? String(value) : String(Number(value.toPrecision(15)));
  if (Number.isInteger(value) && !text.includes('e')) return text;
  return text.replace('e', 'E').replace('.', context.conventions.decimalSeparator);
}

interface NumberSection {
  before: string;
  after: string;
  integerZeros: number;
  grouping: boolean;
  minDecimals: number;
  maxDecimals: number;
  percent: boolean;
}

/** Splits on ';' outside quotes. */
function splitSections(pattern: string): string[] {
  const sections: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '"') quoted = !quoted;
    if (ch === '\\' && !quoted) {
      current += ch + (pattern[i + 1] ?? '');
      i += 1;
      continue;
    }
    if (ch === ';' && !quoted) {
      sections.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  sections.push(current);
  return sections;
}

function parseNumberSection(section: string, pattern: string): NumberSection {
  const parsed: NumberSection = {
    before: '',
    after: '',
    integerZeros: 0,
    grouping: false,
    minDecimals: 0,
    maxDecimals: 0,
    percent: false,
  };
  let phase: 'before' | 'integer' | 'decimals' = 'before';
  /** Text after the digits has begun: the number is complete. */
  let suffixStarted = false;
  const literal = (text: string): void => {
    if (phase === 'before') parsed.before += text;
    else {
      suffixStarted = true;
      parsed.after += text;
    }
  };
  for (let i = 0; i < section.length; i++) {
    const ch = section[i] as string;
    if (ch === '"') {
      const close = section.indexOf('"', i + 1);
      literal(section.slice(i + 1, close < 0 ? undefined : close));
      i = close < 0 ? section.length : close;
    } else if (ch === '\\') {
      literal(section[i + 1] ?? '');
      i += 1;
    } else if (ch === '0' || ch === '#' || ch === '?') {
      if (suffixStarted) notModeled(`number format "${pattern}" (digits after text)`);
      if (phase === 'decimals') {
        parsed.maxDecimals += 1;
        if (ch === '0') parsed.minDecimals = parsed.maxDecimals;
      } else {
        phase = 'integer';
        if (ch === '0') parsed.integerZeros += 1;
      }
    } else if (ch === ',' && phase === 'integer') {
      parsed.grouping = true;
    } else if (ch === '.' && (phase === 'integer' || phase === 'before')) {
      phase = 'decimals';
    } else if (ch === '%') {
      parsed.percent = true;
      literal('%');
    } else if (/[eE/*_@]/.test(ch) || ch === '[') {
      notModeled(`number format "${pattern}"`);
    } else {
      literal(ch);
    }
  }
  return parsed;
}

function groupDigits(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** A number under a Sheets number pattern. */
const numberPatterns = new Map<string, NumberSection[]>();

function compileNumberPattern(pattern: string): NumberSection[] {
  let sections = numberPatterns.get(pattern);
  if (!sections) {
    sections = splitSections(pattern).map((section) => parseNumberSection(section, pattern));
    numberPatterns.set(pattern, sections);
  }
  return sections;
}

function formatNumber(value: number, pattern: string, context: FormatContext): string {
  const sections = compileNumberPattern(pattern);
  let spec = sections[0] as NumberSection;
  let signed = value;
  if (value < 0 && sections[1] !== undefined) {
    spec = sections[1];
    signed = -value;
  } else if (value === 0 && sections[2] !== undefined) {
    spec = sections[2];
  }
  const scaled = spec.percent ? signed * 100 : signed;
  const negative = scaled < 0;
  const fixed = Math.abs(scaled).toFixed(spec.maxDecimals);
  let [integer = '0', decimals = ''] = fixed.split('.');
  integer = integer.replace(/^0+/, '').padStart(spec.integerZeros, '0');
  while (decimals.length > spec.minDecimals && decimals.endsWith('0')) decimals = decimals.slice(0, -1);
  if (spec.grouping) integer = groupDigits(integer, context.conventions.groupSeparator);
  const digits = integer + (decimals ? context.conventions.decimalSeparator + decimals : '');
  const isZero = /^[0\D]*$/.test(digits);
  return `${negative && !isZero ? '-' : ''}${spec.before}${digits}${spec.after}`;
}

type DateToken =
  | { kind: 'literal'; text: string }
  | { kind: 'field'; letter: 'y' | 'm' | 'd' | 'h' | 's'; width: number; minute: boolean }
  | { kind: 'ampm'; short: boolean; upper: boolean }
  | { kind: 'fraction'; width: number };

interface DatePattern {
  tokens: DateToken[];
  twelveHour: boolean;
}

const datePatterns = new Map<string, DatePattern>();

/** Tokenizes a date pattern once; 'm' / 'mm' next to an hour or seconds field is minutes. */
function compileDatePattern(pattern: string): DatePattern {
  const known = datePatterns.get(pattern);
  if (known) return known;
  const tokens: DateToken[] = [];
  for (let i = 0; i < pattern.length;) {
    const ch = pattern[i] as string;
    const lower = ch.toLowerCase();
    const rest = pattern.slice(i);
    if (ch === '"') {
      const close = pattern.indexOf('"', i + 1);
      tokens.push({ kind: 'literal', text: pattern.slice(i + 1, close < 0 ? undefined : close) });
      i = close < 0 ? pattern.length : close + 1;
    } else if (ch === '\\') {
      tokens.push({ kind: 'literal', text: pattern[i + 1] ?? '' });
      i += 2;
    } else if (/^am\/pm/i.test(rest) || /^a\/p/i.test(rest)) {
      const short = !/^am\/pm/i.test(rest);
      tokens.push({ kind: 'ampm', short, upper: ch === 'A' });
      i += short ? 3 : 5;
    } else if (lower === 'y' || lower === 'm' || lower === 'd' || lower === 'h' || lower === 's') {
      let width = 1;
      while ((pattern[i + width] ?? '').toLowerCase() === lower) width += 1;
      tokens.push({ kind: 'field', letter: lower, width, minute: false });
      i += width;
    } else if (ch === '.' && /^0+/.test(pattern.slice(i + 1))) {
      const width = /^0+/.exec(pattern.slice(i + 1))?.[0].length ?? 0;
      tokens.push({ kind: 'fraction', width });
      i += 1 + width;
    } else if (ch === '[' || ch === '*' || ch === '_') {
      notModeled(`date format "${pattern}"`);
    } else {
      tokens.push({ kind: 'literal', text: ch });
      i += 1;
    }
  }
  const fields = tokens.filter((t): t is Extract<DateToken, { kind: 'field' }> => t.kind === 'field');
  fields.forEach((field, index) => {
    const previous = fields[index - 1];
    const next = fields[index + 1];
    field.minute = field.letter === 'm' && field.width <= 2 && (previous?.letter === 'h' || next?.letter === 's');
  });
  const compiled = { tokens, twelveHour: tokens.some((t) => t.kind === 'ampm') };
  datePatterns.set(pattern, compiled);
  return compiled;
}

const nameFormats = new Map<string, Intl.DateTimeFormat>();

function nameFormat(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let format = nameFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { ...options, timeZone: 'UTC' });
    nameFormats.set(key, format);
  }
  return format;
}

function monthName(month: number, width: number, language: string): string {
  if (width === 5) return monthName(month, 4, language).slice(0, 1);
  // Month names as they appear next to a day number (the genitive in Russian: 'января').
  const parts = nameFormat(language, { day: 'numeric', month: width === 3 ? 'short' : 'long' }).formatToParts(
    Date.UTC(2000, month - 1, 1),
  );
  return parts.find((part) => part.type === 'month')?.value ?? String(month);
}

function weekdayName(wall: WallTime, width: number, language: string): string {
  return nameFormat(language, { weekday: width === 3 ? 'short' : 'long' }).format(
    Date.UTC(wall.year, wall.month - 1, wall.day),
  );
}

/** A wall time under a Sheets date pattern. */
export function formatDate(wall: WallTime, pattern: string, context: FormatContext): string {
  const { tokens, twelveHour } = compileDatePattern(pattern);
  const language = context.conventions.language;
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  let out = '';
  for (const token of tokens) {
    if (token.kind === 'literal') out += token.text;
    else if (token.kind === 'ampm') {
      const text = wall.hour < 12 ? (token.short ? 'a' : 'am') : token.short ? 'p' : 'pm';
      out += token.upper ? text.toUpperCase() : text;
    } else if (token.kind === 'fraction') {
      out += `.${pad(wall.millisecond, 3).slice(0, token.width).padEnd(token.width, '0')}`;
    } else {
      switch (token.letter) {
        case 'y':
          out += token.width <= 2 ? pad(wall.year % 100, 2) : pad(wall.year, 4);
          break;
        case 'm':
          if (token.minute) out += pad(wall.minute, token.width);
          else out += token.width <= 2 ? pad(wall.month, token.width) : monthName(wall.month, token.width, language);
          break;
        case 'd':
          out += token.width <= 2 ? pad(wall.day, token.width) : weekdayName(wall, token.width, language);
          break;
        case 'h': {
          const hour = twelveHour ? ((wall.hour + 11) % 12) + 1 : wall.hour;
          out += pad(hour, Math.min(token.width, 2));
          break;
        }
        case 's':
          out += pad(wall.second, Math.min(token.width, 2));
          break;
      }
    }
  }
  return out;
}
