/**
 * "Now" as the server sees it. The local runtime runs on a virtual clock (GET /api/dev/clock) that
 * may be days ahead of this computer's; in the cloud both agree. Countdowns and "not in the past"
 * dates use this.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from './api/client';

let offsetMs = 0;

export const serverNow = () => Date.now() + offsetMs;

export async function syncClock(local: boolean): Promise<void> {
  if (!local) return;
  try {
    const { now } = await api<{ now: string }>('GET', '/dev/clock', undefined, { anonymous: true });
    offsetMs = Date.parse(now) - Date.now();
  } catch {
    offsetMs = 0;
  }
}

/** Today's date (YYYY-MM-DD) in a time zone, by the server's clock. */
export const todayIn = (timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(serverNow());

/** The server's now, refreshed every `everyMs`. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
