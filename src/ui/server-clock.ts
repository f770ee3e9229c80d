/**
 * The server's "now", for due times shown relative to it. In Apps Script the server's clock and
 * the browser's agree; in the local sandbox the server runs on a virtual clock that may be days
 * ahead. A result that carries `now` (an ISO string) sets the offset; until one does, the
 * browser's clock is used.
 */
let offsetMs = 0;

export function noteServerTime(result: unknown, receivedAt = Date.now()): void {
  const now = result && typeof result === 'object' ? (result as { now?: unknown }).now : undefined;
  if (typeof now !== 'string') return;
  const ms = Date.parse(now);
  if (Number.isFinite(ms)) offsetMs = ms - receivedAt;
}

export function serverNow(): number {
  return Date.now() + offsetMs;
}
