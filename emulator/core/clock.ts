/**
 * The virtual clock. Everything time-dependent in the emulator reads it: `new Date()` and
 * `Date.now()` inside the bundle, cache expiry, lock waits, `Utilities.sleep`, the mail quota day
 * and the trigger scheduler. Nothing reads the host's clock, so a test is the same every run.
 */
export class VirtualClock {
  private nowMs: number;

  constructor(start: Date | number) {
    this.nowMs = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.nowMs;
  }

  date(): Date {
    return new Date(this.nowMs);
  }

  set(to: Date | number): void {
    const ms = typeof to === 'number' ? to : to.getTime();
    if (!Number.isFinite(ms)) throw new Error(`VirtualClock.set: not a time: ${String(to)}`);
    this.nowMs = ms;
  }

  /** Moves forward; the clock never runs backwards by accident. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error(`VirtualClock.advance: expected a non-negative duration, got ${ms}`);
    this.nowMs += ms;
  }
}
