/**
 * The one way the sidebar calls the server: google.script.run as a Promise, typed from the
 * server's own exports. `import type` only: not a line of server code reaches the bundle
 * (scripts/build.mjs builds the sidebar from src/ui/main.tsx alone).
 *
 * The server declares most inputs `unknown` (it checks them itself); ClientArgs says what the
 * sidebar sends, so a call with the wrong shape fails to compile.
 */
import type { RegisterInput } from '../domain/case-input';
import type { Settings } from '../domain/settings';
import type { ListQuery } from '../server/api';
import type { EvidenceUpload } from '../server/evidence';
import type * as Server from '../server/index';
import { noteServerTime } from './server-clock';
import { parseServerError, type ServerError } from './server-error';

type ServerApi = typeof Server;

/** The functions the sidebar may call: the API, not menus, triggers or jobs. */
export type ApiName = Extract<keyof ServerApi, `api${string}`>;

interface ClientArgs {
  apiRegisterCase: [input: RegisterInput];
  apiGetCase: [id: string];
  apiListCases: [query: ListQuery];
  apiTransition: [id: string, body: Record<string, unknown> & { to: string; version: number }];
  apiUpdateCase: [id: string, body: Record<string, unknown> & { version: number }];
  apiRecordFirstResponse: [id: string, body: { version: number }];
  apiRenderTemplate: [id: string, key: string];
  apiSaveSettings: [settings: Settings];
  apiUploadEvidence: [upload: EvidenceUpload];
}

export type ArgsOf<K extends ApiName> = K extends keyof ClientArgs ? ClientArgs[K] : Parameters<ServerApi[K]>;
export type ResultOf<K extends ApiName> = ReturnType<ServerApi[K]>;

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
