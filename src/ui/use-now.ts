/**
 * The server's current time, refreshed every half minute so "in 2 h 10 min" stays true while it
 * is shown, and whenever `refreshOn` changes (new data may carry a new server time).
 */
import { useEffect, useState } from 'preact/hooks';
import { serverNow } from './server-clock';

const TICK_MS = 30_000;

export function useNow(refreshOn?: unknown): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    setNow(serverNow());
    const timer = setInterval(() => setNow(serverNow()), TICK_MS);
    return () => clearInterval(timer);
  }, [refreshOn]);
  return now;
}
