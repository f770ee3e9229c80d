/** The one place server code reads the time (the emulator's virtual clock drives `Date`). */
export function now(): number {
  return Date.now();
}
