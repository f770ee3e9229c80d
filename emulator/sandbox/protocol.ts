/**
 * What the sandbox's three parties say to each other, and the pure helpers both ends share:
 *  - the sidebar (build/sidebar.html in an iframe) talks to the sandbox page with postMessage,
 *    as a real sidebar talks to the Sheets frame around it: `google.script.run` there is a shim
 *    (page/shim.ts) that posts each call up and waits for the answer;
 *  - the sandbox page talks to the sandbox server over HTTP (JSON), adding who is acting;
 *  - the server runs each call as an execution of the bundle (Emulator.scriptRun).
 * This module has no Node and no DOM in it: the server, the page and the shim all import it.
 */

/** The postMessage channel name, so the page ignores messages that are not the shim's. */
export const SHIM_CHANNEL = 'arbiter-sandbox';

/** Sidebar → page. */
export type ShimMessage =
  | { channel: typeof SHIM_CHANNEL; kind: 'run'; callId: number; functionName: string; args: string }
  | { channel: typeof SHIM_CHANNEL; kind: 'host.close' }
  | { channel: typeof SHIM_CHANNEL; kind: 'host.editor.focus' };

/** Page → sidebar: the outcome of one google.script.run call. */
export type ShimReply =
  | { channel: typeof SHIM_CHANNEL; kind: 'result'; callId: number; ok: true; value: unknown }
  | {
      channel: typeof SHIM_CHANNEL;
      kind: 'result';
      callId: number;
      ok: false;
      error: { name: string; message: string };
    };

/** What the server writes into the served sidebar before its own scripts (see injectShim). */
export interface ShimConfig {
  /** The functions google.script.run offers: the bundle's public top-level functions. */
  functionNames: string[];
  /** The page's origin: the only window the shim talks to. */
  parentOrigin: string;
}

/** POST /api/script-run */
export interface ScriptRunRequest {
  user: string;
  functionName: string;
  /** The arguments as encodeArguments wrote them. */
  args: string;
}

export type ScriptRunResponse = { ok: true; value: unknown } | { ok: false; error: { name: string; message: string } };

/**
 * Arguments cross two JSON hops (postMessage to the page, then HTTP), which would silently turn a
 * Date into a string and drop a function. Apps Script refuses both, so they are tagged here and
 * revived on the server, where the emulator's own transport rules refuse them as Apps Script does.
 */
const DATE_TAG = '$date';
const FUNCTION_TAG = '$function';

export function encodeArguments(args: readonly unknown[]): string {
  return JSON.stringify(args, function replacer(this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key];
    if (raw instanceof Date) return { [DATE_TAG]: Number.isNaN(raw.getTime()) ? null : raw.toISOString() };
    if (typeof raw === 'function') return { [FUNCTION_TAG]: raw.name || 'anonymous' };
    return value;
  });
}

export function decodeArguments(text: string): unknown[] {
  const parsed: unknown = JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && keys[0] === DATE_TAG) {
        const iso = (value as Record<string, unknown>)[DATE_TAG];
        return new Date(typeof iso === 'string' ? iso : NaN);
      }
      if (keys.length === 1 && keys[0] === FUNCTION_TAG) return function passedFunction() {};
    }
    return value;
  });
  if (!Array.isArray(parsed)) throw new Error('google.script.run: the arguments must be a list');
  return parsed;
}

/** Validates a POST /api/script-run body. */
export function parseScriptRunRequest(body: unknown): ScriptRunRequest {
  const b = (body ?? {}) as Record<string, unknown>;
  if (typeof b.user !== 'string') throw new Error('script-run: "user" must be an email');
  if (typeof b.functionName !== 'string' || !b.functionName) throw new Error('script-run: "functionName" is missing');
  if (typeof b.args !== 'string') throw new Error('script-run: "args" must be encoded with encodeArguments');
  return { user: b.user, functionName: b.functionName, args: b.args };
}

export function isShimMessage(data: unknown): data is ShimMessage {
  if (!data || typeof data !== 'object') return false;
  const m = data as Record<string, unknown>;
  if (m.channel !== SHIM_CHANNEL) return false;
  if (m.kind === 'run')
    return typeof m.callId === 'number' && typeof m.functionName === 'string' && typeof m.args === 'string';
  return m.kind === 'host.close' || m.kind === 'host.editor.focus';
}

export function isShimReply(data: unknown): data is ShimReply {
  if (!data || typeof data !== 'object') return false;
  const m = data as Record<string, unknown>;
  return m.channel === SHIM_CHANNEL && m.kind === 'result' && typeof m.callId === 'number';
}

/** JSON that is safe inside an inline <script>: nothing in it can close the element or open a comment. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The global the shim reads its configuration from. */
export const SHIM_CONFIG_GLOBAL = '__arbiterSandboxShim';

/**
 * The sidebar's HTML as the sandbox serves it: the shim (its configuration, then its code) goes
 * first in <head>, so `google.script` exists before any script of the page runs, as it does in
 * Apps Script, where Google's own frame defines it.
 */
export function injectShim(html: string, config: ShimConfig, shimCode: string): string {
  const safeCode = shimCode.replace(/<\/script/gi, '<\\/script');
  const tags =
    `<script>window.${SHIM_CONFIG_GLOBAL}=${scriptSafeJson(config)};</script>` + `<script>${safeCode}</script>`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + tags + html.slice(head.index + head[0].length);
  const htmlTag = /<html(\s[^>]*)?>/i.exec(html);
  if (htmlTag) {
    const at = htmlTag.index + htmlTag[0].length;
    return `${html.slice(0, at)}<head>${tags}</head>${html.slice(at)}`;
  }
  return tags + html;
}

// ----- The page's model: what GET /api/snapshot returns ---------------------------------------

export interface UserOption {
  email: string;
  name: string;
  role: string;
  roleLabel: string;
}

export interface MenuItemView {
  caption: string;
  functionName: string;
}

export interface TriggerView {
  id: string;
  handlerFunction: string;
  eventType: string;
  /** How a person would describe when it runs. */
  schedule: string;
  owner: string;
  nextRunText: string | null;
  /** Time-driven triggers can be fired by hand; edit triggers run on an edit. */
  canFire: boolean;
}

export interface MailView {
  id: string;
  sentAtText: string;
  from: string;
  fromName: string;
  to: string[];
  cc: string[];
  replyTo: string | null;
  subject: string;
  isHtml: boolean;
  /** GET this to see the body (HTML in a sandboxed frame, or text). */
  bodyUrl: string;
  /** The .eml file, when the outbox folder holds one. */
  emlUrl: string | null;
}

export interface ExecutionView {
  id: number;
  functionName: string;
  trigger: string;
  user: string;
  startedAtText: string;
  ok: boolean;
  error: string | null;
  calls: number;
  cellsRead: number;
  cellsWritten: number;
  emailsSent: number;
  estimatedMs: number;
  /** For a firing of the schedule: what each job did ("Daily digest 2026-11-24: …"). */
  jobs: string[];
}

export interface ToastView {
  id: number;
  title: string;
  message: string;
}

export interface GridCell {
  display: string;
  formula?: string;
  background?: string;
  fontColor?: string;
  bold?: boolean;
  italic?: boolean;
  note?: string;
  validationList?: string[];
  checkbox?: boolean;
  checked?: boolean;
  /**
   * A protection covers the cell: 'locked' refuses the acting person, 'warning' lets them edit
   * after a warning (Arbiter's system columns are such); `protection` is its description.
   */
  protected?: 'locked' | 'warning';
  protection?: string;
  error?: string;
  /** Numbers and dates align right, as in Sheets. */
  alignRight?: boolean;
}

export interface GridView {
  name: string;
  frozenRows: number;
  frozenColumns: number;
  maxRows: number;
  maxColumns: number;
  lastRow: number;
  lastColumn: number;
  columns: Array<{ letter: string; width: number }>;
  rows: Array<{ row: number; cells: GridCell[] }>;
  /** Rows with content left out of the view (very long sheets are cut). */
  hiddenRows: number;
}

export interface SandboxSnapshot {
  revision: number;
  spreadsheet: { name: string; locale: string; timeZone: string; lang: 'ru' | 'en' };
  demo: boolean;
  clock: { nowMs: number; nowText: string; timeZone: string; running: boolean };
  user: string;
  users: UserOption[];
  menu: { caption: string; items: MenuItemView[] } | null;
  sheets: Array<{ name: string; active: boolean; hidden: boolean; tabColor: string | null }>;
  grid: GridView;
  selection: { sheet: string; a1: string } | null;
  triggers: TriggerView[];
  outbox: MailView[];
  executions: ExecutionView[];
  toasts: ToastView[];
}

/** POST /api/menu: a menu item ran; what it showed (a sidebar, a dialog) is served at `path`. */
export interface MenuResponse extends ActionResponse {
  shown?: { kind: 'sidebar' | 'modal' | 'modeless'; path: string; title: string; width: number; height: number };
}

export interface EditResponse {
  ok: boolean;
  /** Why the edit was refused (a protected cell, a value the validation rejects). */
  error?: string;
  /** Sheets let the edit through after a warning. */
  warning?: string;
  /** onEdit executions that failed. */
  failures?: string[];
}

export interface ActionResponse {
  ok: boolean;
  error?: string;
  /** How many executions (triggers) the action ran. */
  ran?: number;
}

/**
 * A Drive file link opens the file the emulated Drive keeps (the sandbox serves /drive/<id>):
 * the sandbox has no Google account to open drive.google.com with.
 */
export function localHref(url: string): string {
  const drive = /^https:\/\/drive\.google\.com\/(?:file\/d\/|open\?id=)([\w-]+)/.exec(url);
  return drive ? `/drive/${drive[1]}` : url;
}
