import { notYetVisibleBody, WriteNotYetVisible } from './readAfterWrite';
import type { RouteResult } from './route';

/** Answers that show a secret: never kept by a cache. */
export const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * A write that made a secret (an API token's, a webhook's signing secret, an incoming webhook's token and URL):
 * the one answer that shows it. Every field besides `id` is shown in the 202 too.
 */
export interface IssuedSecret {
  id: string;
  [shownOnce: string]: string;
}

/**
 * Answers a write that made a secret, never to be shown again, and is not cached. When the read models are
 * behind, the answer is the 202 (where to read the rest after) and still carries the secret: otherwise it is lost.
 */
export async function answerIssuedSecret(
  issued: IssuedSecret,
  show: () => Promise<RouteResult>,
  withSecret: (shownBody: unknown) => unknown,
): Promise<RouteResult> {
  try {
    const shown = await show();
    return { ...shown, body: withSecret(shown.body), headers: NO_STORE };
  } catch (error) {
    if (!(error instanceof WriteNotYetVisible)) throw error;
    const body = { ...notYetVisibleBody(error), ...issued };
    return { status: 202, body, position: error.position, headers: { ...NO_STORE, 'X-Filora-Stale': 'true' } };
  }
}
