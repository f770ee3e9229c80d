/**
 * Runs the built bundle the way Apps Script does: every execution evaluates `Code.js` in a fresh
 * global scope (nothing survives between executions but stored state), with the Apps Script
 * globals and none of Node's (`require`, `process`, timers, `fetch` are simply absent), and then
 * calls one top-level function.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import type { VirtualClock } from './core/clock';

export interface Manifest {
  timeZone?: string;
  runtimeVersion?: string;
  oauthScopes?: string[];
  [key: string]: unknown;
}

export interface Bundle {
  buildDir: string;
  script: vm.Script;
  manifest: Manifest;
  /** The names of the top-level functions the bundle declares (what Apps Script lists). */
  functionNames: string[];
}

/** Reads and compiles the bundle once; each execution then runs it in a new context. */
export function loadBundle(buildDir: string): Bundle {
  const codeFile = path.join(buildDir, 'Code.js');
  const source = readFileSync(codeFile, 'utf8');
  const manifest = JSON.parse(readFileSync(path.join(buildDir, 'appsscript.json'), 'utf8')) as Manifest;
  if (manifest.runtimeVersion !== 'V8') throw new Error(`${buildDir}/appsscript.json must declare runtimeVersion V8`);
  const script = new vm.Script(source, { filename: codeFile });
  return { buildDir, script, manifest, functionNames: topLevelFunctionNames(source) };
}

/** `function name(` at the start of a line: the declarations Apps Script shows and can call. */
export function topLevelFunctionNames(source: string): string[] {
  return [...source.matchAll(/^function\s+([A-Za-z_$][\w$]*)\s*\(/gm)].map((m) => m[1] as string);
}

/**
 * `Date` inside the bundle follows the virtual clock: `new Date()` and `Date.now()` read it, every
 * other use is the real Date. A Proxy (not a subclass) so that `Date()` called as a function still
 * works, and so that `x instanceof Date` holds for dates the fakes create.
 */
export function virtualDate(clock: VirtualClock): DateConstructor {
  const HostDate = Date;
  return new Proxy(HostDate, {
    construct(target, args: unknown[], newTarget) {
      return Reflect.construct(target, args.length === 0 ? [clock.now()] : args, newTarget) as object;
    },
    apply() {
      return new HostDate(clock.now()).toString();
    },
    get(target, property, receiver) {
      if (property === 'now') return () => clock.now();
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

export interface ContextOptions {
  clock: VirtualClock;
  globals: Record<string, unknown>;
}

/**
 * A fresh global scope with only ECMAScript built-ins plus `globals`. The error constructors are
 * the host's, so errors the fakes throw satisfy `e instanceof Error` inside the bundle, as Apps
 * Script's own exceptions do.
 */
export function createScriptContext({ clock, globals }: ContextOptions): vm.Context {
  const sandbox: Record<string, unknown> = {
    ...globals,
    Date: virtualDate(clock),
    Error,
    TypeError,
    RangeError,
  };
  return vm.createContext(sandbox, {
    name: 'Apps Script execution',
    codeGeneration: { strings: true, wasm: false },
  });
}

export class ExecutionError extends Error {
  constructor(
    message: string,
    readonly functionName: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'ExecutionError';
  }
}

/** How long (real time) an execution may run before it is stopped as a runaway loop. */
export const DEFAULT_REAL_TIMEOUT_MS = 60_000;

/**
 * Evaluates the bundle in `context`, then calls `functionName(...args)`. What the function
 * returns comes back as is; what it throws comes back as an ExecutionError with the same message.
 */
export function invoke(
  bundle: Bundle,
  context: vm.Context,
  functionName: string,
  args: unknown[],
  timeoutMs = DEFAULT_REAL_TIMEOUT_MS,
): unknown {
  try {
    bundle.script.runInContext(context, { timeout: timeoutMs });
  } catch (error) {
    throw new ExecutionError(messageOf(error), functionName, error);
  }
  const target = (context as Record<string, unknown>)[functionName];
  if (typeof target !== 'function') {
    throw new ExecutionError(`Script function not found: ${functionName}`, functionName);
  }
  // The call itself runs as script code so that the timeout covers it too.
  const call = '__arbiterInvoke__';
  (context as Record<string, unknown>)[call] = { name: functionName, args };
  try {
    return vm.runInContext(`globalThis[${call}.name].apply(globalThis, ${call}.args)`, context, {
      timeout: timeoutMs,
    }) as unknown;
  } catch (error) {
    throw new ExecutionError(messageOf(error), functionName, error);
  } finally {
    delete (context as Record<string, unknown>)[call];
  }
}

function messageOf(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}
