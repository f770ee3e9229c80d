/**
 * The one way the sidebar calls the server: google.script.run as a Promise, typed by the API's
 * contract (src/server/contract.ts), which the compiler checks against the server's functions.
 * `import type` only: not a line of server code reaches the bundle (scripts/build.mjs builds the
 * sidebar from src/ui/main.tsx alone).
 */
import type { ApiName, SidebarApi } from '../server/contract';
import { noteServerTime } from './server-clock';
import { parseServerError, type ServerError } from './server-error';

export type { ApiName };
export type ArgsOf<K extends ApiName> = Parameters<SidebarApi[K]>;
export type ResultOf<K extends ApiName> = ReturnType<SidebarApi[K]>;

/** A failed call: the parsed tag, and the message without it. */
export class RpcError extends Error implements ServerError {
  readonly kind: ServerError['kind'];
  readonly fields: string[];

  constructor(error: unknown) {
    const parsed = parseServerError(error);
    super(parsed.message);
    this.name = 'RpcError';
    this.kind = parsed.kind;
    this.fields = parsed.fields;
  }
}

interface Runner {
  withSuccessHandler(handler: (value: unknown) => void): Runner;
  withFailureHandler(handler: (error: unknown) => void): Runner;
  [name: string]: unknown;
}

function scriptRun(): Runner | null {
  const g = (globalThis as { google?: { script?: { run?: unknown } } }).google;
  return (g?.script?.run as Runner | undefined) ?? null;
}

export function rpc<K extends ApiName>(name: K, ...args: ArgsOf<K>): Promise<ResultOf<K>> {
  return new Promise((resolve, reject) => {
    const run = scriptRun();
    if (!run) {
      reject(new RpcError(new Error(`google.script.run is not available (${name})`)));
      return;
    }
    const runner = run
      .withSuccessHandler((value) => {
        noteServerTime(value);
        resolve(value as ResultOf<K>);
      })
      .withFailureHandler((error) => reject(new RpcError(error)));
    (runner[name] as (...a: unknown[]) => void)(...args);
  });
}

/** The ServerError of anything a call rejected with. */
export function asServerError(error: unknown): ServerError {
  return error instanceof RpcError ? error : parseServerError(error);
}
