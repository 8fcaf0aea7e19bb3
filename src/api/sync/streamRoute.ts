import { PassThrough } from 'node:stream';
import { z } from 'zod';
import type { Backlog, CloseReason, Outbox } from '../../realtime/connection';
import type { FeedItem } from '../../sync/feedTypes';
import type { ApiServices } from '../apiServices';
import { requestCredential } from '../auth/authenticate';
import { route } from '../http/route';
import type { Route } from '../http/route';
import { continuableCursor } from './feedStart';

const streamQuery = z.strictObject({
  cursor: z.string().min(1).max(200).optional().meta({ description: 'Resume after this cursor (Last-Event-ID wins when both are sent).' }),
});

/** How long a browser's EventSource waits before it reconnects (with Last-Event-ID). */
const RECONNECT_AFTER_MS = 2000;

/** An SSE response as a realtime connection: `id:` is the cursor, `event: sync_event`, `data:` the feed item. */
class SseOutbox extends PassThrough implements Outbox {
  /** Writes accepted by the stream whose chunk has not been handed on yet. */
  private waiting = 0;

  send(item: FeedItem): void {
    this.waiting++;
    this.write(`id: ${item.cursor}\nevent: sync_event\ndata: ${JSON.stringify(item)}\n\n`, () => this.waiting--);
  }

  backlog(): Backlog {
    return { bytes: this.writableLength + this.readableLength, messages: this.waiting };
  }

  whenDrained(): Promise<void> {
    if (!this.writableNeedDrain || this.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      this.once('drain', resolve);
      this.once('close', resolve);
    });
  }

  heartbeat(): void {
    if (this.writable) this.write(': hb\n\n');
  }

  close(reason: CloseReason): void {
    if (!this.writable) return;
    this.end(`event: error\ndata: ${JSON.stringify(reason)}\n\n`);
  }
}

/**
 * GET /sync/stream: the caller's sync feed as Server-Sent Events, for browsers' EventSource (which cannot
 * set headers: `?access_token=` carries the credential then, and never reaches a log). Live from now, or
 * resumed after `Last-Event-ID` (sent by EventSource when it reconnects) or `?cursor=`, which the feed's
 * rule checks before the stream starts (400 malformed, 410 `reset` too old or ahead of the log). A
 * credential that stops standing, a client too slow for its buffer, or a shutdown ends the stream with an
 * `error` event.
 */
export function streamRoute(services: ApiServices): Route {
  return route({
    method: 'get',
    path: '/sync/stream',
    tag: 'sync',
    access: 'files.read',
    summary: 'Follow your sync feed as Server-Sent Events',
    query: streamQuery,
    requestHeaders: { 'Last-Event-ID': { description: 'The cursor of the last event received: the stream resumes after it.' } },
    responses: {
      200: {
        description: 'An endless text/event-stream of `sync_event` (id: the cursor) and `: hb` comments every 30 s',
        mediaType: 'text/event-stream',
      },
      400: { description: 'A cursor this server never gave' },
      410: { description: 'Reset: the cursor is older than the feed keeps, or ahead of the log; take a snapshot' },
    },
    async handler({ query, req }) {
      const { realtime } = services;
      const lastEventId = req.get('last-event-id');
      const resumeAfter = lastEventId
        ? await continuableCursor(realtime.window, lastEventId, 'header.last-event-id')
        : query.cursor === undefined
          ? undefined
          : await continuableCursor(realtime.window, query.cursor);
      // The route has authenticated the caller; this keeps what the credential sweep checks again.
      const { principal, credential } = await realtime.credentials.identify(requestCredential(req) ?? '', req.ip);
      const outbox = new SseOutbox();
      outbox.write(`retry: ${RECONNECT_AFTER_MS}\n\n`);
      const identity = { actor: { userId: principal.userId, scopes: principal.scopes }, credential, ip: req.ip };
      const connection = realtime.hub.connect(identity, outbox, resumeAfter);
      outbox.once('close', () => connection.dropped());
      return {
        status: 200,
        headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' },
        stream: outbox,
      };
    },
  });
}
