/**
 * `google.script` inside the sandbox's sidebar frame, as Apps Script's client API defines it
 * (https://developers.google.com/apps-script/guides/html/reference/run and .../host):
 *   google.script.run.withSuccessHandler(fn).withFailureHandler(fn).withUserObject(o).serverFn(...args)
 * Each call is asynchronous, even when the answer is ready at once; the success handler gets the
 * result and the user object, the failure handler an Error with the server's message. A runner's
 * `with…` methods return a new runner, so a configured runner can be kept and reused. Only the
 * bundle's public functions exist on a runner. Calls travel to the sandbox page with postMessage
 * (the sidebar has no network of its own); the page runs them on the server as the acting user.
 */
import {
  encodeArguments,
  isShimReply,
  localHref,
  SHIM_CHANNEL,
  SHIM_CONFIG_GLOBAL,
  type ShimConfig,
  type ShimMessage,
  type ShimReply,
} from '../protocol';

type Handler = (value: unknown, userObject: unknown) => void;

interface RunnerConfig {
  onSuccess?: Handler;
  onFailure?: Handler;
  userObject?: unknown;
}

const config = (window as unknown as Record<string, ShimConfig | undefined>)[SHIM_CONFIG_GLOBAL];
if (!config) throw new Error('google.script shim: no configuration');
const { parentOrigin, functionNames } = config;

const pending = new Map<number, RunnerConfig>();
let nextCallId = 1;

function post(message: ShimMessage): void {
  window.parent.postMessage(message, parentOrigin);
}

/** A failure with no failure handler surfaces as an uncaught error, as in Apps Script. */
function fail(runner: RunnerConfig, error: Error): void {
  if (runner.onFailure) runner.onFailure(error, runner.userObject);
  else
    setTimeout(() => {
      throw error;
    });
}

function scriptError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== window.parent || event.origin !== parentOrigin) return;
  const reply: unknown = event.data;
  if (!isShimReply(reply)) return;
  const runner = pending.get(reply.callId);
  if (!runner) return;
  pending.delete(reply.callId);
  settle(runner, reply);
});

function settle(runner: RunnerConfig, reply: ShimReply): void {
  if (reply.ok) runner.onSuccess?.(reply.value, runner.userObject);
  else fail(runner, scriptError(reply.error.name, reply.error.message));
}

function call(runner: RunnerConfig, functionName: string, args: unknown[]): void {
  let encoded: string;
  try {
    encoded = encodeArguments(args);
  } catch (error) {
    // Something JSON cannot carry at all (a circular structure): refused like a bad argument.
    const message = error instanceof Error ? error.message : String(error);
    setTimeout(() => fail(runner, scriptError('ScriptError', `Invalid argument: ${message}`)));
    return;
  }
  const callId = nextCallId++;
  pending.set(callId, runner);
  post({ channel: SHIM_CHANNEL, kind: 'run', callId, functionName, args: encoded });
}

type Runner = Record<string, unknown> & {
  withSuccessHandler(handler: Handler): Runner;
  withFailureHandler(handler: Handler): Runner;
  withUserObject(userObject: unknown): Runner;
};

function runner(settings: RunnerConfig): Runner {
  const target: Record<string, unknown> = {
    withSuccessHandler: (handler: Handler) => runner({ ...settings, onSuccess: handler }),
    withFailureHandler: (handler: Handler) => runner({ ...settings, onFailure: handler }),
    withUserObject: (userObject: unknown) => runner({ ...settings, userObject }),
  };
  for (const name of functionNames) {
    if (name in target) continue;
    target[name] = (...args: unknown[]) => {
      call(settings, name, args);
    };
  }
  return target as Runner;
}

const host = {
  origin: parentOrigin,
  close(): void {
    post({ channel: SHIM_CHANNEL, kind: 'host.close' });
  },
  /** Dialog sizes: a sidebar is always 300 px wide, so these change nothing here. */
  setHeight(_height: number): void {},
  setWidth(_width: number): void {},
  editor: {
    focus(): void {
      post({ channel: SHIM_CHANNEL, kind: 'host.editor.focus' });
    },
  },
};

(window as unknown as { google: unknown }).google = { script: { run: runner({}), host } };

// Evidence links point at drive.google.com, as in production; here they open the sandbox's copy.
document.addEventListener(
  'click',
  (event) => {
    const link = (event.target as Element | null)?.closest?.('a[href]');
    const href = link?.getAttribute('href') ?? '';
    const local = localHref(href);
    if (local === href) return;
    event.preventDefault();
    window.open(`${parentOrigin}${local}`, '_blank', 'noopener');
  },
  true,
);
