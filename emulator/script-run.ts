/**
 * google.script.run as Apps Script implements it: a call from the sidebar to a top-level server
 * function, with arguments and results passed as plain data. Names ending in "_" are private;
 * a Date, function or other prohibited type among the arguments fails the request; a result that
 * holds a Date anywhere arrives as null; undefined inside arrays becomes null.
 */

export class ScriptRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScriptRunError';
  }
}

/** Throws unless `name` may be called through google.script.run. */
export function checkCallable(name: string, functionNames: readonly string[]): void {
  if (name.endsWith('_')) throw new ScriptRunError(`Script function not found: ${name}`);
  if (!functionNames.includes(name)) throw new ScriptRunError(`Script function not found: ${name}`);
}

/** The arguments as the server receives them; throws for a prohibited type. */
export function transportArguments(args: readonly unknown[]): unknown[] {
  return args.map((a) => transport(a, 'argument', new Set()));
}

/** The result as the client receives it. */
export function transportResult(value: unknown): unknown {
  if (containsDate(value, new Set())) return null;
  return transport(value, 'result', new Set());
}

function transport(value: unknown, what: 'argument' | 'result', seen: Set<object>): unknown {
  if (value === null || value === undefined) return value ?? null;
  const type = typeof value;
  if (type === 'string' || type === 'boolean') return value;
  if (type === 'number') return Number.isFinite(value) ? value : null;
  if (type === 'function' || type === 'symbol' || type === 'bigint') {
    if (what === 'argument') throw new ScriptRunError(`Invalid argument: a ${type} cannot be passed to the server`);
    return undefined;
  }
  if (Object.prototype.toString.call(value) === '[object Date]') {
    if (what === 'argument') throw new ScriptRunError('Invalid argument: a Date cannot be passed to the server');
    return null;
  }
  const object = value as object;
  if (seen.has(object)) throw new ScriptRunError('Invalid argument: circular structure');
  seen.add(object);
  try {
    if (Array.isArray(object)) return object.map((v) => (v === undefined ? null : transport(v, what, seen)));
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(object)) {
      if (v === undefined) continue;
      const t = transport(v, what, seen);
      // As JSON carries it: a field named "__proto__" arrives as a field, not as a prototype.
      if (t !== undefined)
        Object.defineProperty(out, key, { value: t, enumerable: true, writable: true, configurable: true });
    }
    return out;
  } finally {
    seen.delete(object);
  }
}

function containsDate(value: unknown, seen: Set<object>): boolean {
  if (Object.prototype.toString.call(value) === '[object Date]') return true;
  if (!value || typeof value !== 'object' || seen.has(value)) return false;
  seen.add(value);
  return Object.values(value).some((v) => containsDate(v, seen));
}
