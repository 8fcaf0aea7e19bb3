import { setTimeout as sleep } from 'node:timers/promises';
import { call } from '../../test/support/http';

const POLL_MS = 500;

/**
 * The token's `request_count` as its owner sees it (GET /tokens/{id} with a session), polled until it
 * stops growing or `waitMs` runs out: usage records are appended within a second and then projected,
 * so a count of 0 after that says the usage log did not record the token's requests.
 */
export async function recordedTokenRequests(url: string, sessionToken: string, tokenId: string, waitMs: number): Promise<number> {
  const deadline = Date.now() + waitMs;
  let last = -1;
  for (;;) {
    const shown = await call<{ request_count: number }>(url, 'GET', `/api/v1/tokens/${tokenId}`, { token: sessionToken });
    if (shown.status !== 200) throw new Error(`GET /api/v1/tokens/${tokenId} answered ${shown.status}`);
    const counted = shown.body.request_count;
    if ((counted > 0 && counted === last) || Date.now() > deadline) return counted;
    last = counted;
    await sleep(POLL_MS);
  }
}
