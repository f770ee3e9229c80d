/**
 * Formulas: an honest subset of the Sheets formula language, evaluated on read.
 *
 * Supported: number, string and boolean literals; references to cells and ranges on the same or
 * another sheet (every A1 form of ./a1); + - * / ^ & = <> < > <= >=, unary minus and plus, the
 * postfix %; and the functions SUM, MIN, MAX, COUNT, COUNTA, AVERAGE, IF, AND, OR, NOT, ROUND,
 * LEN, CONCATENATE, IFERROR, ISBLANK, NOW, TODAY. Any other function of Sheets makes the read
 * throw a not-modeled error naming the formula: the emulator never invents a value; a function
 * Sheets does not have is the #NAME? error, as Sheets shows it (./sheets-functions). Formulas are written
 * in the English syntax whatever the locale, as setFormula takes them.
 *
 * Sheets semantics kept: an empty cell is 0 in arithmetic and "" in text; text comparison ignores
 * case; numbers sort before text before booleans; dates are serial numbers in arithmetic (a date
 * plus days is a date) and in text (="x"&A1 gives "x46000"); errors propagate and IFERROR catches
 * them; a circular reference is #REF!; a formula that does not parse is #ERROR!.
 */
import { notModeled } from '../core/errors';
import { parseA1, renderA1, resolveA1, type A1Endpoint, type A1Reference } from './a1';
import { formatAutomaticNumber } from './format';
import { SHEETS_FUNCTIONS } from './sheets-functions';
import { isDate, parseNumberText } from './input';
import type { LocaleConventions } from './locale';
import { shiftIndexForInsert, shiftSpanForDelete, type Dimension } from './rect';
import { fromSerial, toSerial, wallTime, instantOf } from './time';

export class FormulaError {
  constructor(readonly code: '#DIV/0!' | '#VALUE!' | '#REF!' | '#N/A' | '#NUM!' | '#ERROR!' | '#NAME?') {}
}

/** A single value during evaluation; null is an empty cell. */
export type Scalar = number | string | boolean | Date | FormulaError | null;

class RangeValue {
  constructor(readonly rows: Scalar[][]) {}
}

type Value = Scalar | RangeValue;

/** What the evaluator needs from the workbook. */
export interface FormulaHost {
  readonly timeZone: string;
  readonly conventions: LocaleConventions;
  readonly now: number;
  sheetIdByName(name: string): number | null;
  sheetSize(sheetId: number): { maxRows: number; maxColumns: number };
  /** A cell's value, its formula evaluated; null when empty. */
  cell(sheetId: number, row: number, column: number): Scalar;
}

/** Where a formula is evaluated, and how far its relative references move (conditional formats). */
export interface FormulaSite {
  sheetId: number;
  offsetRows: number;
  offsetColumns: number;
}

// ---------------------------------------------------------------------------------------------
// Tokens

type Token =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'error'; code: FormulaError['code'] }
  | { kind: 'ref'; ref: A1Reference }
  | { kind: 'name'; name: string }
  | { kind: 'op'; op: string }
  | { kind: '(' | ')' | ',' };

type Spanned = Token & { start: number; end: number };

const SHEET_PREFIX = String.raw`(?:'(?:[^']|'')+'|[\p{L}_][\p{L}\p{N}_]*)!`;
const ENDPOINT = String.raw`\$?[A-Za-z]{1,3}\$?[0-9]+|\$?[A-Za-z]{1,3}|\$?[0-9]+`;
const REFERENCE = new RegExp(String.raw`(?:${SHEET_PREFIX})?(?:${ENDPOINT})(?::(?:${ENDPOINT}))?`, 'uy');
const NUMBER = /(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_.]*/y;
const ERROR_LITERAL = /#(?:DIV\/0!|VALUE!|REF!|N\/A|NUM!|ERROR!|NAME\?)/y;
const OPERATORS = ['<=', '>=', '<>', '+', '-', '*', '/', '^', '&', '=', '<', '>', '%'];

class FormulaSyntaxError extends Error {}

function matchAt(pattern: RegExp, text: string, at: number): string | null {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0] ?? null;
}

function tokenize(body: string): Spanned[] {
  const tokens: Spanned[] = [];
  let i = 0;
  while (i < body.length) {
    const ch = body[i] as string;
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    const start = i;
    if (ch === '"') {
      let value = '';
      i += 1;
      for (;;) {
        if (i >= body.length) throw new FormulaSyntaxError('unterminated string');
        if (body[i] === '"') {
          if (body[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        value += body[i];
        i += 1;
      }
      tokens.push({ kind: 'string', value, start, end: i });
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: ch, start, end: i + 1 });
      i += 1;
      continue;
    }
    const error = matchAt(ERROR_LITERAL, body, i);
    if (error) {
      tokens.push({ kind: 'error', code: error as FormulaError['code'], start, end: i + error.length });
      i += error.length;
      continue;
    }
    const reference = matchAt(REFERENCE, body, i);
    const after = reference ? (body[i + reference.length] ?? '') : '';
    const ref = reference && !/[\p{L}\p{N}_(.!]/u.test(after) ? parseA1(reference) : null;
    if (reference && ref) {
      tokens.push({ kind: 'ref', ref, start, end: i + reference.length });
      i += reference.length;
      continue;
    }
    const number = matchAt(NUMBER, body, i);
    if (number) {
      tokens.push({ kind: 'number', value: Number(number), start, end: i + number.length });
      i += number.length;
      continue;
    }
    const name = matchAt(NAME, body, i);
    if (name) {
      tokens.push({ kind: 'name', name: name.toUpperCase(), start, end: i + name.length });
      i += name.length;
      continue;
    }
    const op = OPERATORS.find((candidate) => body.startsWith(candidate, i));
    if (!op) throw new FormulaSyntaxError(`unexpected "${ch}"`);
    tokens.push({ kind: 'op', op, start, end: i + op.length });
    i += op.length;
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Syntax tree

type Node =
  | { kind: 'literal'; value: Scalar }
  | { kind: 'ref'; ref: A1Reference }
  | { kind: 'unary'; op: '-' | '+'; operand: Node }
  | { kind: 'percent'; operand: Node }
  | { kind: 'binary'; op: string; left: Node; right: Node }
  | { kind: 'call'; name: string; args: Node[]; bare?: true };

const BINARY_PRECEDENCE: Record<string, number> = {
  '=': 1,
  '<>': 1,
  '<': 1,
  '>': 1,
  '<=': 1,
  '>=': 1,
  '&': 2,
  '+': 3,
  '-': 3,
  '*': 4,
  '/': 4,
  '^': 5,
};

class Parser {
  private position = 0;

  constructor(private readonly tokens: Spanned[]) {}

  parseFormula(): Node {
    const node = this.parseBinary(1);
    if (this.position < this.tokens.length) throw new FormulaSyntaxError('unexpected token');
    return node;
  }

  private peek(): Spanned | undefined {
    return this.tokens[this.position];
  }

  private next(): Spanned {
    const token = this.tokens[this.position];
    if (!token) throw new FormulaSyntaxError('unexpected end');
    this.position += 1;
    return token;
  }

  private parseBinary(minPrecedence: number): Node {
    let left = this.parseUnary();
    for (;;) {
      const token = this.peek();
      const precedence = token?.kind === 'op' ? BINARY_PRECEDENCE[token.op] : undefined;
      if (!token || token.kind !== 'op' || precedence === undefined || precedence < minPrecedence) return left;
      this.position += 1;
      const right = this.parseBinary(precedence + 1);
      left = { kind: 'binary', op: token.op, left, right };
    }
  }

  private parseUnary(): Node {
    const token = this.peek();
    if (token?.kind === 'op' && (token.op === '-' || token.op === '+')) {
      this.position += 1;
      return { kind: 'unary', op: token.op, operand: this.parseUnary() };
    }
    let node = this.parsePrimary();
    while (this.peek()?.kind === 'op' && (this.peek() as { op: string }).op === '%') {
      this.position += 1;
      node = { kind: 'percent', operand: node };
    }
    return node;
  }

  private parsePrimary(): Node {
    const token = this.next();
    switch (token.kind) {
      case 'number':
      case 'string':
        return { kind: 'literal', value: token.value };
      case 'error':
        return { kind: 'literal', value: new FormulaError(token.code) };
      case 'ref':
        return { kind: 'ref', ref: token.ref };
      case '(': {
        const inner = this.parseBinary(1);
        if (this.next().kind !== ')') throw new FormulaSyntaxError('expected )');
        return inner;
      }
      case 'name': {
        if (this.peek()?.kind === '(') {
          this.position += 1;
          const args: Node[] = [];
          if (this.peek()?.kind !== ')') {
            for (;;) {
              args.push(this.parseBinary(1));
              const separator = this.next();
              if (separator.kind === ')') break;
              if (separator.kind !== ',') throw new FormulaSyntaxError('expected , or )');
            }
          } else {
            this.position += 1;
          }
          return { kind: 'call', name: token.name, args };
        }
        if (token.name === 'TRUE' || token.name === 'FALSE') return { kind: 'literal', value: token.name === 'TRUE' };
        // A named range or an unknown name: not modeled rather than guessed.
        return { kind: 'call', name: token.name, args: [], bare: true };
      }
      default:
        throw new FormulaSyntaxError('unexpected token');
    }
  }
}

const MAX_CACHED_FORMULAS = 10_000;
const parsed = new Map<string, Node | FormulaSyntaxError>();

function parseFormula(formula: string): Node | FormulaSyntaxError {
  let node = parsed.get(formula);
  if (!node) {
    try {
      node = new Parser(tokenize(formula.replace(/^=/, ''))).parseFormula();
    } catch (error) {
      if (!(error instanceof FormulaSyntaxError)) throw error;
      node = error;
    }
    if (parsed.size >= MAX_CACHED_FORMULAS) parsed.clear();
    parsed.set(formula, node);
  }
  return node;
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/** [least, most] arguments of each modeled function; a wrong count is #N/A, as in Sheets. */
const ARITY: Record<string, [number, number]> = {
  SUM: [1, Infinity],
  MIN: [1, Infinity],
  MAX: [1, Infinity],
  AVERAGE: [1, Infinity],
  COUNT: [1, Infinity],
  COUNTA: [1, Infinity],
  IF: [2, 3],
  IFERROR: [1, 2],
  AND: [1, Infinity],
  OR: [1, Infinity],
  NOT: [1, 1],
  ROUND: [1, 2],
  LEN: [1, 1],
  CONCATENATE: [1, Infinity],
  ISBLANK: [1, 1],
  NOW: [0, 0],
  TODAY: [0, 0],
};

class Evaluation {
  constructor(
    private readonly formula: string,
    private readonly host: FormulaHost,
    private readonly site: FormulaSite,
  ) {}

  evaluate(node: Node): Value {
    switch (node.kind) {
      case 'literal':
        return node.value;
      case 'ref':
        return this.reference(node.ref);
      case 'unary': {
        const value = this.number(this.scalar(node.operand));
        if (value instanceof FormulaError) return value;
        return node.op === '-' ? -value : value;
      }
      case 'percent': {
        const value = this.number(this.scalar(node.operand));
        return value instanceof FormulaError ? value : value / 100;
      }
      case 'binary':
        return this.binary(node.op, this.scalar(node.left), this.scalar(node.right));
      case 'call':
        // A function Sheets does not have is #NAME?; a bare name may be a named range: not modeled.
        if (!node.bare && !ARITY[node.name] && !SHEETS_FUNCTIONS.has(node.name)) return new FormulaError('#NAME?');
        return this.call(node.name, node.args);
    }
  }

  /** A value used where one value is expected: a one-cell range is its cell. */
  scalar(node: Node): Scalar {
    const value = this.evaluate(node);
    if (!(value instanceof RangeValue)) return value;
    if (value.rows.length === 1 && value.rows[0]?.length === 1) return value.rows[0][0] ?? null;
    return notModeled(`the formula "${this.formula}" (a range used as a single value needs array evaluation)`);
  }

  private reference(ref: A1Reference): Value {
    const sheetId = ref.sheetName === null ? this.site.sheetId : this.host.sheetIdByName(ref.sheetName);
    if (sheetId === null) return new FormulaError('#REF!');
    const moved = offsetReference(ref, this.site.offsetRows, this.site.offsetColumns);
    if (!moved) return new FormulaError('#REF!');
    const size = this.host.sheetSize(sheetId);
    const { rect } = resolveA1(moved, size.maxRows, size.maxColumns);
    if (rect.bottom > size.maxRows || rect.right > size.maxColumns) return new FormulaError('#REF!');
    if (rect.top === rect.bottom && rect.left === rect.right) return this.host.cell(sheetId, rect.top, rect.left);
    const rows: Scalar[][] = [];
    for (let row = rect.top; row <= rect.bottom; row++) {
      const values: Scalar[] = [];
      for (let column = rect.left; column <= rect.right; column++) values.push(this.host.cell(sheetId, row, column));
      rows.push(values);
    }
    return new RangeValue(rows);
  }

  number(value: Scalar): number | FormulaError {
    if (value instanceof FormulaError) return value;
    if (value === null) return 0;
    if (typeof value === 'number') return value;
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (isDate(value)) return toSerial(value.getTime(), this.host.timeZone);
    if (value === '') return 0;
    const parsedNumber = parseNumberText(value.trim(), this.host.conventions);
    return parsedNumber ? parsedNumber.value : new FormulaError('#VALUE!');
  }

  text(value: Scalar): string | FormulaError {
    if (value instanceof FormulaError) return value;
    if (value === null) return '';
    if (typeof value === 'string') return value;
    if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
    const number = isDate(value) ? toSerial(value.getTime(), this.host.timeZone) : value;
    return formatAutomaticNumber(number, this.host);
  }

  boolean(value: Scalar): boolean | FormulaError {
    if (value instanceof FormulaError) return value;
    if (value === null) return false;
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string') {
      const upper = value.toUpperCase();
      if (upper === 'TRUE' || upper === 'FALSE') return upper === 'TRUE';
      return new FormulaError('#VALUE!');
    }
    const number = this.number(value);
    return number instanceof FormulaError ? number : number !== 0;
  }

  private binary(op: string, left: Scalar, right: Scalar): Scalar {
    if (left instanceof FormulaError) return left;
    if (right instanceof FormulaError) return right;
    if (op === '&') {
      const a = this.text(left);
      const b = this.text(right);
      if (a instanceof FormulaError) return a;
      if (b instanceof FormulaError) return b;
      return a + b;
    }
    if (BINARY_PRECEDENCE[op] === 1) return compareWith(op, compare(this, left, right));
    const a = this.number(left);
    const b = this.number(right);
    if (a instanceof FormulaError) return a;
    if (b instanceof FormulaError) return b;
    switch (op) {
      case '+':
      case '-': {
        const result = op === '+' ? a + b : a - b;
        // A date plus or minus days stays a date; the difference of two dates is a number.
        const oneDate = isDate(left) !== isDate(right) && (op === '+' || isDate(left));
        return oneDate ? new Date(fromSerial(result, this.host.timeZone)) : result;
      }
      case '*':
        return a * b;
      case '/':
        return b === 0 ? new FormulaError('#DIV/0!') : a / b;
      default: {
        const power = a ** b;
        return Number.isFinite(power) ? power : new FormulaError('#NUM!');
      }
    }
  }

  /** Every value of the arguments, ranges flattened; `fromRange` tells which came from a range. */
  private values(args: Node[]): Array<{ value: Scalar; fromRange: boolean }> {
    const out: Array<{ value: Scalar; fromRange: boolean }> = [];
    for (const arg of args) {
      const value = this.evaluate(arg);
      if (value instanceof RangeValue) {
        for (const row of value.rows) for (const cell of row) out.push({ value: cell, fromRange: true });
      } else {
        out.push({ value, fromRange: false });
      }
    }
    return out;
  }

  /** Numbers for SUM, MIN, MAX, AVERAGE: ranges give their numbers only, direct arguments are coerced. */
  private numbers(args: Node[]): number[] | FormulaError {
    const out: number[] = [];
    for (const { value, fromRange } of this.values(args)) {
      if (value instanceof FormulaError) return value;
      if (fromRange) {
        if (typeof value === 'number') out.push(value);
        else if (isDate(value)) out.push(toSerial(value.getTime(), this.host.timeZone));
        continue;
      }
      const number = this.number(value);
      if (number instanceof FormulaError) return number;
      out.push(number);
    }
    return out;
  }

  private call(name: string, args: Node[]): Value {
    const arity = ARITY[name];
    if (!arity) return notModeled(`the formula "${this.formula}" (${name})`);
    if (args.length < arity[0] || args.length > arity[1]) return new FormulaError('#N/A');
    switch (name) {
      case 'SUM':
      case 'MIN':
      case 'MAX':
      case 'AVERAGE': {
        const numbers = this.numbers(args);
        if (numbers instanceof FormulaError) return numbers;
        if (name === 'SUM') return numbers.reduce((sum, n) => sum + n, 0);
        if (name === 'AVERAGE') {
          return numbers.length ? numbers.reduce((sum, n) => sum + n, 0) / numbers.length : new FormulaError('#DIV/0!');
        }
        if (!numbers.length) return 0;
        return name === 'MIN' ? Math.min(...numbers) : Math.max(...numbers);
      }
      case 'COUNT':
        return this.values(args).filter(({ value }) => typeof value === 'number' || isDate(value)).length;
      case 'COUNTA':
        return this.values(args).filter(({ value }) => value !== null).length;
      case 'IF': {
        const condition = this.boolean(this.scalar(args[0] as Node));
        if (condition instanceof FormulaError) return condition;
        const branch = condition ? args[1] : args[2];
        return branch ? this.evaluate(branch) : condition;
      }
      case 'IFERROR': {
        const value = this.evaluate(args[0] as Node);
        if (value instanceof FormulaError) return args[1] ? this.evaluate(args[1]) : '';
        return value;
      }
      case 'AND':
      case 'OR': {
        const booleans: boolean[] = [];
        for (const { value, fromRange } of this.values(args)) {
          if (value instanceof FormulaError) return value;
          if (fromRange && (value === null || typeof value === 'string')) continue;
          const bool = this.boolean(value);
          if (bool instanceof FormulaError) return bool;
          booleans.push(bool);
        }
        if (!booleans.length) return new FormulaError('#VALUE!');
        return name === 'AND' ? booleans.every(Boolean) : booleans.some(Boolean);
      }
      case 'NOT': {
        const bool = this.boolean(this.scalar(args[0] as Node));
        return bool instanceof FormulaError ? bool : !bool;
      }
      case 'ROUND': {
        const value = this.number(this.scalar(args[0] as Node));
        const places = args[1] ? this.number(this.scalar(args[1])) : 0;
        if (value instanceof FormulaError) return value;
        if (places instanceof FormulaError) return places;
        const factor = 10 ** Math.trunc(places);
        // Half away from zero, with the representation error of the scaled value removed.
        return (Math.sign(value) * Math.round(Number((Math.abs(value) * factor).toPrecision(15)))) / factor;
      }
      case 'LEN': {
        const text = this.text(this.scalar(args[0] as Node));
        return text instanceof FormulaError ? text : text.length;
      }
      case 'CONCATENATE': {
        let out = '';
        for (const { value } of this.values(args)) {
          const text = this.text(value);
          if (text instanceof FormulaError) return text;
          out += text;
        }
        return out;
      }
      case 'ISBLANK':
        return this.scalar(args[0] as Node) === null;
      case 'NOW':
        return new Date(this.host.now);
      case 'TODAY': {
        const today = wallTime(this.host.now, this.host.timeZone);
        return new Date(instantOf({ ...today, hour: 0, minute: 0, second: 0, millisecond: 0 }, this.host.timeZone));
      }
      default:
        return notModeled(`the formula "${this.formula}" (${name})`);
    }
  }
}

/** Sheets' comparison: -1, 0 or 1, with empty taking the other side's type and text ignoring case. */
function compare(evaluation: Evaluation, left: Scalar, right: Scalar): number {
  const rank = (value: Scalar): number =>
    typeof value === 'boolean' ? 2 : typeof value === 'string' ? 1 : value === null ? -1 : 0;
  let a: Scalar = left;
  let b: Scalar = right;
  if (a === null && b === null) return 0;
  const emptyLike = (other: Scalar): Scalar =>
    typeof other === 'string' ? '' : typeof other === 'boolean' ? false : 0;
  if (a === null) a = emptyLike(b);
  if (b === null) b = emptyLike(a);
  if (rank(a) !== rank(b)) return rank(a) < rank(b) ? -1 : 1;
  if (typeof a === 'string' && typeof b === 'string') {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x === y ? 0 : x < y ? -1 : 1;
  }
  const x = evaluation.number(a) as number;
  const y = evaluation.number(b) as number;
  return x === y ? 0 : x < y ? -1 : 1;
}

function compareWith(op: string, order: number): boolean {
  switch (op) {
    case '=':
      return order === 0;
    case '<>':
      return order !== 0;
    case '<':
      return order < 0;
    case '>':
      return order > 0;
    case '<=':
      return order <= 0;
    default:
      return order >= 0;
  }
}

/**
 * The value of a formula (with its leading '='). A top-level result that is an empty reference is
 * an empty cell (null).
 */
export function evaluateFormula(formula: string, host: FormulaHost, site: FormulaSite): Scalar {
  const node = parseFormula(formula);
  if (node instanceof FormulaSyntaxError) return new FormulaError('#ERROR!');
  const evaluation = new Evaluation(formula, host, site);
  return evaluation.scalar(node);
}

/** A formula's value as a condition (conditional formats, custom validation): TRUE or a non-zero number. */
export function formulaIsTrue(formula: string, host: FormulaHost, site: FormulaSite): boolean {
  const value = evaluateFormula(formula, host, site);
  if (value instanceof FormulaError || value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  return false;
}

// ---------------------------------------------------------------------------------------------
// Rewriting references (moving a formula, inserting and deleting lines, renaming sheets)

function offsetEndpoint(endpoint: A1Endpoint, rows: number, columns: number): A1Endpoint | null {
  const moved = { ...endpoint };
  if (moved.row !== undefined && !moved.rowAbsolute) moved.row += rows;
  if (moved.column !== undefined && !moved.columnAbsolute) moved.column += columns;
  if ((moved.row ?? 1) < 1 || (moved.column ?? 1) < 1) return null;
  return moved;
}

/** A reference as seen from a cell rows/columns away: relative parts move, '$' parts stay. */
function offsetReference(ref: A1Reference, rows: number, columns: number): A1Reference | null {
  if (rows === 0 && columns === 0) return ref;
  const start = offsetEndpoint(ref.start, rows, columns);
  const end = ref.end ? offsetEndpoint(ref.end, rows, columns) : null;
  if (!start || (ref.end && !end)) return null;
  return { ...ref, start, end };
}

/**
 * Rewrites every reference of a formula; `rewrite` returns the new reference, or null for one
 * that no longer exists (written #REF!, as Sheets does). Formulas that do not parse are kept.
 */
function rewriteReferences(formula: string, rewrite: (ref: A1Reference) => A1Reference | null): string {
  if (!formula.startsWith('=')) return formula;
  let tokens: Spanned[];
  try {
    tokens = tokenize(formula.slice(1));
  } catch (error) {
    if (error instanceof FormulaSyntaxError) return formula;
    throw error;
  }
  let out = '=';
  let copied = 0;
  const body = formula.slice(1);
  for (const token of tokens) {
    if (token.kind !== 'ref') continue;
    const replaced = rewrite(token.ref);
    if (replaced === token.ref) continue;
    out += body.slice(copied, token.start) + (replaced ? renderA1(replaced) : '#REF!');
    copied = token.end;
  }
  return out + body.slice(copied);
}

/** The formula as it reads when copied rows/columns away (setFormula on a multi-cell range). */
export function translateFormula(formula: string, rows: number, columns: number): string {
  return rewriteReferences(formula, (ref) => offsetReference(ref, rows, columns));
}

export interface StructureChange {
  /** The sheet whose rows or columns changed. */
  sheetName: string;
  dimension: Dimension;
  kind: 'insert' | 'delete';
  /** First line inserted or deleted (1-based). */
  at: number;
  count: number;
}

/** A formula on `hostSheetName` after rows or columns were inserted or deleted somewhere. */
export function adjustFormulaForChange(formula: string, hostSheetName: string, change: StructureChange): string {
  const part = change.dimension === 'ROWS' ? 'row' : 'column';
  return rewriteReferences(formula, (ref) => {
    if ((ref.sheetName ?? hostSheetName) !== change.sheetName) return ref;
    const startIndex = ref.start[part];
    const endIndex = ref.end ? ref.end[part] : startIndex;
    if (startIndex === undefined || endIndex === undefined) return ref;
    const lo = Math.min(startIndex, endIndex);
    const hi = Math.max(startIndex, endIndex);
    let newLo: number;
    let newHi: number;
    if (change.kind === 'insert') {
      newLo = shiftIndexForInsert(lo, change.at, change.count);
      newHi = shiftIndexForInsert(hi, change.at, change.count);
    } else {
      // A range keeps whatever survives; a range or cell entirely deleted is #REF!.
      const span = shiftSpanForDelete(lo, hi, change.at, change.count);
      if (!span) return null;
      [newLo, newHi] = span;
    }
    if (newLo === lo && newHi === hi) return ref;
    const start = { ...ref.start, [part]: startIndex <= endIndex ? newLo : newHi };
    const end = ref.end ? { ...ref.end, [part]: startIndex <= endIndex ? newHi : newLo } : null;
    return { ...ref, start, end };
  });
}

/** A formula after a sheet it names was renamed. */
export function renameSheetInFormula(formula: string, from: string, to: string): string {
  return rewriteReferences(formula, (ref) => (ref.sheetName === from ? { ...ref, sheetName: to } : ref));
}

/** A formula after a sheet it names was deleted: its references there are #REF!. */
export function dropSheetFromFormula(formula: string, sheetName: string): string {
  return rewriteReferences(formula, (ref) => (ref.sheetName === sheetName ? null : ref));
}
