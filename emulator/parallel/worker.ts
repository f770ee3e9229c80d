/**
 * A worker of the parallel mode (docs/architecture.md, The emulator): it loads build/Code.js once
 * and runs each execution it is given in a fresh vm context, as the sequential runtime does; the
 * globals it hands the bundle are proxies whose every service call is a request to the owner
 * thread, answered synchronously: the worker posts the request and blocks in Atomics.wait until
 * the owner has posted the reply, as an Apps Script service call blocks the script.
 */
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { createScriptContext, invoke, loadBundle } from '../loader';
import {
  HANDLE,
  isHandleMarker,
  SharedWallClock,
  type HandleMarker,
  type Job,
  type JobDone,
  type ServiceReply,
  type ServiceRequest,
  type WorkerSetup,
} from './protocol';

const setup = workerData as WorkerSetup & { port: MessagePort };
const bundle = loadBundle(setup.buildDir);
const clock = new SharedWallClock(setup.clock);
const signal = new Int32Array(setup.signal);
const port = setup.port;

/** Sends one request and blocks until the owner answers it. */
function request(message: ServiceRequest): unknown {
  Atomics.store(signal, 0, 0);
  port.postMessage(message);
  let received = receiveMessageOnPort(port);
  while (!received) {
    Atomics.wait(signal, 0, 0, 1000);
    received = receiveMessageOnPort(port);
  }
  const reply = received.message as ServiceReply;
  if (!reply.ok) {
    const error = new Error(reply.message);
    error.name = reply.name;
    throw error;
  }
  return decode(reply.value);
}

/** Handle ids of the proxies, for sending a proxy back as an argument. */
const handleOf = new WeakMap<object, number>();
/** One proxy per handle for the current execution, so an object keeps its identity. */
let proxies = new Map<number, object>();

function proxyFor(marker: HandleMarker): object {
  const id = marker[HANDLE];
  const known = proxies.get(id);
  if (known) return known;
  const methods = new Set(marker.methods ?? []);
  const bound = new Map<string, (...args: unknown[]) => unknown>();
  const proxy = new Proxy(
    {},
    {
      get(_target, property) {
        if (typeof property === 'symbol' || property === 'then') return undefined;
        if (!methods.has(property)) return request({ op: 'get', handle: id, property });
        let method = bound.get(property);
        if (!method) {
          method = (...args: unknown[]) =>
            request({ op: 'call', handle: id, method: property, args: encode(args) as unknown[] });
          bound.set(property, method);
        }
        return method;
      },
      set(_target, property) {
        throw new TypeError(`Cannot set ${String(property)} on an Apps Script object`);
      },
    },
  );
  handleOf.set(proxy, id);
  proxies.set(id, proxy);
  return proxy;
}

/** Cloned data with handle markers → the same data with proxies. */
function decode(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || value instanceof Date) return value;
  if (isHandleMarker(value)) return proxyFor(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = decode(value[i]);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) record[key] = decode(record[key]);
  return value;
}

/** Arguments and results from the bundle → cloneable data, proxies replaced by their markers. */
function encode(value: unknown): unknown {
  if (typeof value === 'function') throw new TypeError('A function cannot be passed to an Apps Script service');
  if (typeof value !== 'object' || value === null || value instanceof Date) return value;
  const handle = handleOf.get(value);
  if (handle !== undefined) return { [HANDLE]: handle };
  if (Array.isArray(value)) return value.map(encode);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = encode(item);
  return out;
}

function run(job: Job): JobDone {
  proxies = new Map();
  try {
    const globals = decode(job.globals) as Record<string, unknown>;
    const args = decode(job.args) as unknown[];
    const context = createScriptContext({ clock, globals });
    const value = invoke(bundle, context, job.functionName, args, job.timeoutMs);
    try {
      return { ok: true, value: encode(value) };
    } catch {
      return { ok: true };
    }
  } catch (caught) {
    return { ok: false, error: caught instanceof Error ? caught.message : String(caught) };
  }
}

// Ready: the owner starts the executions once every worker has loaded the bundle, so that they
// really start together.
parentPort?.postMessage({ ready: true });
parentPort?.on('message', (job: Job) => {
  const done = run(job);
  try {
    parentPort?.postMessage(done);
  } catch {
    parentPort?.postMessage({ ok: done.ok, ...(done.error === undefined ? {} : { error: done.error }) });
  }
});
