/**
 * What the owner thread and the workers of the parallel mode say to each other
 * (docs/architecture.md, The emulator: the parallel mode). A worker runs the bundle's own code;
 * every Apps Script object it holds is a handle to a fake living on the owner thread, and every
 * service call is one request answered synchronously (the worker blocks on a SharedArrayBuffer
 * until the owner has replied). Values cross by structured clone: primitives, Dates, arrays and
 * plain objects; anything else crosses as a handle.
 */
import { VirtualClock } from '../core/clock';

/** The key that marks a handle in a cloned value (a name no data of the bundle or the fakes uses). */
export const HANDLE = '\u0000arbiter.handle';

export interface HandleMarker {
  [HANDLE]: number;
  /** The names of the object's methods (sent with a new handle, so a method needs no request). */
  methods?: string[];
}

export function isHandleMarker(value: unknown): value is HandleMarker {
  return typeof value === 'object' && value !== null && HANDLE in value;
}

/** A service call (a method of a handle) or a property read (an enum on a service, say). */
export type ServiceRequest =
  { op: 'call'; handle: number; method: string; args: unknown[] } | { op: 'get'; handle: number; property: string };

export type ServiceReply = { ok: true; value: unknown } | { ok: false; name: string; message: string };

/** One execution handed to a worker: the function, its arguments and the globals, encoded. */
export interface Job {
  functionName: string;
  args: unknown[];
  globals: Record<string, unknown>;
  timeoutMs?: number;
}

export interface JobDone {
  ok: boolean;
  value?: unknown;
  error?: string;
}

/** How the shared clock maps the wall clock to virtual time. */
export interface SharedClockSpec {
  /** Virtual time at `realBase`. */
  virtualBase: number;
  /** Wall-clock time (Date.now() of any thread) when the batch started. */
  realBase: number;
  /** Virtual milliseconds per real millisecond. */
  scale: number;
}

export interface WorkerSetup {
  buildDir: string;
  clock: SharedClockSpec;
  /** One Int32: 0 while a request waits for its reply, 1 when the reply is posted. */
  signal: SharedArrayBuffer;
}

/**
 * The virtual clock of the parallel mode, one for every thread: virtual time runs with the wall
 * clock (scaled) from the moment the batch started, so every execution reads the same time and a
 * wait (a lock, Utilities.sleep) is a real wait that the clock sees pass. Nothing moves it by hand.
 */
export class SharedWallClock extends VirtualClock {
  constructor(readonly spec: SharedClockSpec) {
    super(spec.virtualBase);
  }

  override now(): number {
    return Math.floor(this.spec.virtualBase + (Date.now() - this.spec.realBase) * this.spec.scale);
  }

  override date(): Date {
    return new Date(this.now());
  }

  /** Waits are real in the parallel mode: the wall clock has already moved by them. */
  override advance(ms: number): void {
    if (!(ms >= 0)) throw new Error(`SharedWallClock.advance: expected a non-negative duration, got ${ms}`);
  }

  override set(): void {
    throw new Error('SharedWallClock: the clock of a parallel run follows the wall clock and cannot be set');
  }
}
