import { readCheckpoint } from '../../projections/checkpoints';
import { cursorOf } from '../../sync/feedCursor';
import type { ApiServices } from '../apiServices';
import { route } from '../http/route';
import type { Route } from '../http/route';
import { continuableCursor, feedStartOf } from './feedStart';
import { snapshotPage } from './snapshotPages';
import {
  longPollQuery,
  longPollResponse,
  snapshotQuery,
  snapshotResponse,
  statusResponse,
  updatesQuery,
  updatesResponse,
} from './syncSchemas';

/** Seconds a long-poll client is asked to wait when the server already holds as many long-polls as it takes. */
const LONG_POLL_BACKOFF_SECONDS = 60;

const RESET_RESPONSE = { description: 'Reset: the cursor (or since) is older than the feed keeps, or ahead of the log; take a snapshot' };

/**
 * The sync feed (CryptoVaultX's polling API, plus Dropbox's snapshot and long-poll): every public event on
 * what the caller may see, in log order, resumable from an opaque cursor (the position of the last event).
 */
export function syncRoutes(services: ApiServices): Route[] {
  const { sync } = services;
  return [
    route({
      method: 'get',
      path: '/sync/updates',
      aliases: ['/api/sync/updates'],
      tag: 'sync',
      access: 'files.read',
      summary: 'Events on what you may see, after a cursor or since a time, in log order',
      query: updatesQuery,
      responses: { 200: { description: 'A page of the feed', schema: updatesResponse }, 410: RESET_RESPONSE },
      async handler({ principal, query }) {
        const start = await feedStartOf(sync.window, query);
        const page = await sync.reader.page(principal.userId, start.after, query.limit, start.notBefore);
        const next = page.nextPosition ?? start.after;
        return {
          status: 200,
          body: {
            events: page.items,
            count: page.items.length,
            since: query.since ?? null,
            server_time: new Date().toISOString(),
            next_cursor: next === null ? null : cursorOf(next),
            has_more: page.hasMore,
          },
        };
      },
    }),
    route({
      method: 'get',
      path: '/sync/snapshot',
      tag: 'sync',
      access: 'files.read',
      summary: 'Everything you see now (your folders and files, then what is shared with you), with the cursor to follow the feed from',
      query: snapshotQuery,
      responses: { 200: { description: 'A page of the snapshot', schema: snapshotResponse } },
      async handler({ principal, query }) {
        const page = await snapshotPage(services.readStore, principal.userId, query, () => sync.horizon.current(), new Date());
        const syncCursor = page.syncPosition === null ? null : cursorOf(page.syncPosition);
        return { status: 200, body: { data: page.data, page: page.page, sync_cursor: syncCursor } };
      },
    }),
    route({
      method: 'get',
      path: '/sync/longpoll',
      tag: 'sync',
      access: 'files.read',
      summary: 'Waits up to timeout seconds (30–480) for a change after the cursor; answers as soon as one arrives',
      query: longPollQuery,
      responses: { 200: { description: 'Whether the feed has changes after the cursor', schema: longPollResponse }, 410: RESET_RESPONSE },
      async handler({ principal, query, res }) {
        const after = await continuableCursor(sync.window, query.cursor);
        // Registered before the check: a change the check cannot see yet (past its horizon) wakes the waiter.
        const waiter = sync.wakeups.register(principal.userId);
        try {
          await waiter?.ready;
          const check = await sync.reader.page(principal.userId, after, 1);
          if (check.items.length > 0 || check.hasMore) return { status: 200, body: { changes: true } };
          if (!waiter) return { status: 200, body: { changes: false, backoff: LONG_POLL_BACKOFF_SECONDS } };
          res.once('close', waiter.cancel);
          return { status: 200, body: { changes: await waiter.until(query.timeout * 1000) } };
        } finally {
          waiter?.cancel();
        }
      },
    }),
    route({
      method: 'get',
      path: '/sync/status',
      aliases: ['/api/sync/status'],
      tag: 'sync',
      access: 'files.read',
      summary: 'Whether the feed is following the log, and where a client starting now begins',
      responses: { 200: { description: 'The feed status', schema: statusResponse } },
      async handler({ principal }) {
        const [horizon, checkpoint] = await Promise.all([
          sync.horizon.current(),
          readCheckpoint(services.readStore, sync.horizonProjection),
        ]);
        return {
          status: 200,
          body: {
            status: checkpoint?.failure ? 'degraded' : 'active',
            server_time: new Date().toISOString(),
            user_id: principal.userId,
            cursor: horizon === null ? null : cursorOf(horizon),
          },
        };
      },
    }),
  ];
}
