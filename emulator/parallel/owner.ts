/**
 * The owner thread of the parallel mode (docs/architecture.md, The emulator): it keeps the one
 * workbook state and every fake, and answers the workers' service calls one at a time, in the order
 * they arrive. Each execution runs its own code in a worker at the same time as the others; only
 * its service calls are serialised, as Apps Script serialises nothing but what the services do.
 * A lock that another execution holds is not answered until it is released or the wait runs out
 * (in real time), so `waitLock` really blocks the worker.
 */
import { buildSync } from 'esbuild';
import path from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { ExecutionEnv } from '../core/env';
import { FakeLock } from '../services/lock';
import {
  HANDLE,
  isHandleMarker,
  type HandleMarker,
  type Job,
  type JobDone,
  type ServiceReply,
  type ServiceRequest,
  type SharedClockSpec,
  type WorkerSetup,
} from './protocol';

/** An execution ready to run: its env and globals are the owner's, its arguments built there. */
export interface StartedExecution {
  env: ExecutionEnv;
  globals: Record<string, unknown>;
  functionName: string;
  args: unknown[];
}

export interface WorkerPoolOptions {
  buildDir: string;
  workers: number;
  clock: SharedClockSpec;
  timeoutMs?: number;
  /** How many executions; `start(i)` is called when a worker is free for the i-th. */
  count: number;
  start(index: number): StartedExecution | { error: string; env: ExecutionEnv };
  finish(index: number, env: ExecutionEnv, outcome: JobDone): void;
}

let workerSource: string | undefined;

/** The worker's code, bundled once per process (a worker thread cannot load TypeScript itself). */
function workerCode(): string {
  workerSource ??= buildSync({
    entryPoints: [path.join(__dirname, 'worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'silent',
  }).outputFiles[0]!.text;
  return workerSource;
}

/** The handles of one execution: the owner's objects the worker refers to by number. */
class HandleTable {
  private readonly objects: unknown[] = [];
  private readonly ids = new Map<unknown, number>();

  add(object: object): HandleMarker {
    let id = this.ids.get(object);
    if (id === undefined) {
      id = this.objects.push(object) - 1;
      this.ids.set(object, id);
    }
    return { [HANDLE]: id, methods: methodNames(object) };
  }

  get(id: number): unknown {
    if (!(id in this.objects)) throw new Error(`parallel mode: no object ${id} in this execution`);
    return this.objects[id];
  }

  /** Owner values → cloneable data; an object that is not plain data becomes a handle. */
  encode(value: unknown): unknown {
    if (typeof value === 'function') return this.add(value);
    if (typeof value !== 'object' || value === null || value instanceof Date) return value;
    if (Array.isArray(value)) return value.map((item) => this.encode(item));
    if (!isPlainData(value)) return this.add(value);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = this.encode(item);
    return out;
  }

  /**
   * Cloned data from a worker → owner values, handles → their objects. A message is revived in
   * Node's main realm, which need not be the realm of this code (jest runs tests in a vm context),
   * so a Date is recognised by its tag and made again here, where the fakes' `instanceof` holds.
   */
  decode(value: unknown): unknown {
    if (typeof value !== 'object' || value === null) return value;
    if (Object.prototype.toString.call(value) === '[object Date]') return new Date((value as Date).getTime());
    if (isHandleMarker(value)) return this.get(value[HANDLE]);
    if (Array.isArray(value)) return value.map((item) => this.decode(item));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = this.decode(item);
    return out;
  }
}

function isPlainData(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return !Object.values(value).some((item) => typeof item === 'function');
}

const methodsByPrototype = new WeakMap<object, string[]>();

/** Every function-valued property along the prototype chain (not getters: those are reads). */
function methodNames(object: object): string[] {
  const proto = Object.getPrototypeOf(object) as object | null;
  let inherited = proto ? methodsByPrototype.get(proto) : [];
  if (!inherited && proto) {
    inherited = [];
    for (let p: object | null = proto; p; p = Object.getPrototypeOf(p) as object | null) {
      for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(p))) {
        if (name !== 'constructor' && typeof descriptor.value === 'function') inherited.push(name);
      }
    }
    methodsByPrototype.set(proto, inherited);
  }
  const own = Object.entries(Object.getOwnPropertyDescriptors(object))
    .filter(([, descriptor]) => typeof descriptor.value === 'function')
    .map(([name]) => name);
  return own.length === 0 ? (inherited ?? []) : [...own, ...(inherited ?? [])];
}

interface Running {
  index: number;
  env: ExecutionEnv;
  globals: Record<string, unknown>;
  handles: HandleTable;
}

interface Slot {
  worker: Worker;
  port: MessagePort;
  signal: Int32Array;
  running?: Running;
}

/** A worker's request for a lock another execution holds, answered when it is free or too late. */
interface LockWaiter {
  slot: Slot;
  lock: FakeLock;
  method: 'tryLock' | 'waitLock';
  args: unknown[];
  since: number;
  timer: NodeJS.Timeout;
}

/**
 * Runs `count` executions on `workers` worker threads over the owner's state; resolves when all
 * have ended. Each worker takes the next execution as soon as its last one ends.
 */
export function runInWorkers(options: WorkerPoolOptions): Promise<void> {
  const code = workerCode();
  const slots: Slot[] = [];
  const waiters: LockWaiter[] = [];
  let next = 0;
  let ended = 0;
  let ready = 0;

  if (options.count === 0) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const fail = (error: unknown) => {
      void Promise.all(slots.map((slot) => slot.worker.terminate())).finally(() => reject(error));
    };

    const reply = (slot: Slot, message: ServiceReply) => {
      try {
        slot.port.postMessage(message);
      } catch (error) {
        slot.port.postMessage({ ok: false, name: 'Error', message: `parallel mode: ${String(error)}` });
      }
      Atomics.store(slot.signal, 0, 1);
      Atomics.notify(slot.signal, 0);
    };

    /** Calls the owner's method and answers with what it returned or threw. */
    const answer = (slot: Slot, target: unknown, method: string, args: unknown[], delayMs = 0) => {
      const running = slot.running!;
      let message: ServiceReply;
      try {
        const fn = (target as Record<string, unknown>)[method];
        if (typeof fn !== 'function') throw new TypeError(`${method} is not a function`);
        const value = (fn as (...a: unknown[]) => unknown).apply(target, running.handles.decode(args) as unknown[]);
        message = { ok: true, value: running.handles.encode(value) };
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        message = { ok: false, name: e.name, message: e.message };
      }
      if (delayMs > 0 && message.ok) setTimeout(() => reply(slot, message), delayMs);
      else reply(slot, message);
    };

    /** Gives each waiting worker its lock once nobody else holds it, first come first served. */
    const pumpLocks = () => {
      for (const waiter of [...waiters]) {
        if (waiter.lock.heldByAnother()) continue;
        waiters.splice(waiters.indexOf(waiter), 1);
        clearTimeout(waiter.timer);
        waiter.slot.running?.env.meter.addWait(options.clock.scale * (Date.now() - waiter.since));
        answer(waiter.slot, waiter.lock, waiter.method, waiter.args);
      }
    };

    const onRequest = (slot: Slot, request: ServiceRequest) => {
      const running = slot.running;
      if (!running) return reply(slot, { ok: false, name: 'Error', message: 'parallel mode: no execution running' });
      let target: unknown;
      try {
        target = running.handles.get(request.handle);
      } catch (error) {
        return reply(slot, { ok: false, name: 'Error', message: String(error) });
      }
      if (request.op === 'get') {
        try {
          return reply(slot, {
            ok: true,
            value: running.handles.encode((target as Record<string, unknown>)[request.property]),
          });
        } catch (error) {
          return reply(slot, { ok: false, name: 'Error', message: String(error) });
        }
      }
      const { method, args } = request;
      if (target instanceof FakeLock && (method === 'tryLock' || method === 'waitLock') && target.heldByAnother()) {
        const timeout = Number(args[0]) || 0;
        if (timeout > 0) {
          const waiter: LockWaiter = {
            slot,
            lock: target,
            method,
            args,
            since: Date.now(),
            timer: setTimeout(() => {
              waiters.splice(waiters.indexOf(waiter), 1);
              running.env.meter.addWait(timeout);
              answer(slot, target, method, args);
            }, timeout / options.clock.scale),
          };
          waiters.push(waiter);
          return undefined;
        }
      }
      // Utilities.sleep answers after the time has really passed (the fake checks and meters it).
      const sleepMs = method === 'sleep' && target === running.globals.Utilities ? Number(args[0]) || 0 : 0;
      answer(slot, target, method, args, sleepMs / options.clock.scale);
      if (target instanceof FakeLock && method === 'releaseLock') pumpLocks();
      return undefined;
    };

    const startNext = (slot: Slot) => {
      if (next >= options.count) {
        slot.running = undefined;
        if (ended === options.count) {
          slots.forEach((s) => s.port.close());
          void Promise.all(slots.map((s) => s.worker.terminate())).then(() => resolve(), reject);
        }
        return;
      }
      const index = next++;
      const started = options.start(index);
      if ('error' in started) {
        ended++;
        options.finish(index, started.env, { ok: false, error: started.error });
        pumpLocks();
        return startNext(slot);
      }
      const handles = new HandleTable();
      slot.running = { index, env: started.env, globals: started.globals, handles };
      const job: Job = {
        functionName: started.functionName,
        args: handles.encode(started.args) as unknown[],
        globals: handles.encode(started.globals) as Record<string, unknown>,
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      };
      slot.worker.postMessage(job);
    };

    for (let i = 0; i < Math.max(1, Math.min(options.workers, options.count)); i++) {
      const channel = new MessageChannel();
      const shared = new SharedArrayBuffer(4);
      const setup: WorkerSetup & { port: MessagePort } = {
        buildDir: options.buildDir,
        clock: options.clock,
        signal: shared,
        port: channel.port2,
      };
      const worker = new Worker(code, { eval: true, workerData: setup, transferList: [channel.port2] });
      const slot: Slot = { worker, port: channel.port1, signal: new Int32Array(shared) };
      slots.push(slot);
      channel.port1.on('message', (request: ServiceRequest) => onRequest(slot, request));
      worker.on('message', (done: JobDone | { ready: true }) => {
        if ('ready' in done) {
          if (++ready === slots.length) slots.forEach(startNext);
          return;
        }
        const running = slot.running;
        if (!running) return;
        ended++;
        try {
          options.finish(running.index, running.env, { ...done, value: running.handles.decode(done.value) });
        } catch (error) {
          return fail(error);
        }
        pumpLocks();
        startNext(slot);
      });
      worker.on('error', fail);
    }
  });
}
