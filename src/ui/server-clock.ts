/**
 * The server's "now", for due times shown relative to it ("first response in 29 min"). The
 * server's clock is the authority: a result that carries `now` (an ISO string) is a reading of
 * it, and the time since that reading is measured on the browser's monotonic clock
 * (performance.now), which setting the computer's clock, or its drifting, does not move. In
 * Apps Script the two clocks mostly agree; in the local sandbox the server runs on a virtual
 * clock that may be days ahead, or stand still. Until a reading arrives, the browser's clock is
 * the best guess.
 */
export interface ServerClock {
  /** Takes the server's time from a result that carries `now`; any other result is ignored. */
  note(result: unknown): void;
  now(): number;
}

export function createServerClock(
  monotonic: () => number = () => performance.now(),
  wall: () => number = () => Date.now(),
): ServerClock {
  let reading: { serverMs: number; at: number } | null = null;
  return {
    note(result) {
      const now = result && typeof result === 'object' ? (result as { now?: unknown }).now : undefined;
      const serverMs = typeof now === 'string' ? Date.parse(now) : NaN;
      if (Number.isFinite(serverMs)) reading = { serverMs, at: monotonic() };
    },
    now() {
      return reading ? reading.serverMs + (monotonic() - reading.at) : wall();
    },
  };
}

const clock = createServerClock();

export function noteServerTime(result: unknown): void {
  clock.note(result);
}

export function serverNow(): number {
  return clock.now();
}
