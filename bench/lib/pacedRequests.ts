import { setTimeout as sleep } from 'node:timers/promises';

export interface PacedAnswer {
  /** When the request went out, in ms after the first one did. */
  sentAtMs: number;
  /** 0: no answer (a connection error). */
  status: number;
  headers: Headers;
  body: string;
}

export interface PacedRun {
  answers: PacedAnswer[];
  /** How far the latest request went out behind its schedule, in ms (a busy event loop or machine). */
  mostLateMs: number;
}

const NO_ANSWER: Pick<PacedAnswer, 'status' | 'headers' | 'body'> = { status: 0, headers: new Headers(), body: '' };

/**
 * GETs `url` at `perSecond` for `seconds`, one client sending on a fixed schedule: each request goes out
 * at its time whether or not earlier ones have been answered (never a burst to catch up, never a pause
 * while waiting), so the rate the server sees is the rate asked for.
 */
export async function pacedGets(url: string, headers: Record<string, string>, perSecond: number, seconds: number): Promise<PacedRun> {
  const intervalMs = 1000 / perSecond;
  const requests = Math.round(perSecond * seconds);
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const pending: Promise<PacedAnswer>[] = [];
  let mostLateMs = 0;
  for (let index = 0; index < requests; index++) {
    const dueMs = index * intervalMs;
    // A timer may fire a fraction of a millisecond early: wait again until the request is due.
    while (elapsed() < dueMs) await sleep(dueMs - elapsed());
    const sentAtMs = elapsed();
    mostLateMs = Math.max(mostLateMs, sentAtMs - dueMs);
    pending.push(
      fetch(url, { headers }).then(
        async (response) => ({ sentAtMs, status: response.status, headers: response.headers, body: await response.text() }),
        () => ({ sentAtMs, ...NO_ANSWER }),
      ),
    );
  }
  return { answers: await Promise.all(pending), mostLateMs };
}
