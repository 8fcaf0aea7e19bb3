import { setTimeout as sleep } from 'node:timers/promises';
import type { RecordedEvent } from '../src/ports/eventStore';
import { createFolder, uploadJson } from '../test/support/files';
import { call, registerAndLogin, uniqueUser } from '../test/support/http';
import { startRealtimeClients } from './lib/realtimeClients';
import { startRealtimeWorld, wallClockMs } from './lib/realtimeWorld';
import { step } from './lib/progress';
import type { Benchmark, ResultRow } from './lib/results';

const SUBSCRIBERS = 1000;
/** Users named in one share request (the route's bound is 100). */
const SHARE_BATCH = 100;
const REGISTER_AT_ONCE = 10;
const CONNECT_BATCH = 500;
/** Issue 11: one event reaches all 1,000 subscribers in less than this. */
const GOAL_MS = 1000;
const DELIVERY_TIMEOUT_MS = 30_000;

async function registerUsers(url: string, count: number): Promise<Array<{ username: string; token: string }>> {
  const users: Array<{ username: string; token: string }> = [];
  while (users.length < count) {
    const batch = Array.from({ length: Math.min(REGISTER_AT_ONCE, count - users.length) }, () => uniqueUser('fan'));
    for (const { user, token } of await Promise.all(batch.map((user) => registerAndLogin(url, user))))
      users.push({ username: user.username, token });
    if (users.length % 250 === 0) step(`${users.length} subscribers registered`);
  }
  return users;
}

export const benchmark: Benchmark = {
  name: 'realtimeFanout',
  description: `one event in a folder shared with ${SUBSCRIBERS} users, each with a WebSocket open: time until all have it`,
  async run({ tempDir }): Promise<ResultRow[]> {
    const world = await startRealtimeWorld(tempDir);
    const clients = startRealtimeClients();
    try {
      const url = world.platform.url;
      const folder = await createFolder(url, world.token, 'shared with everyone');
      const users = await registerUsers(url, SUBSCRIBERS);
      for (let start = 0; start < users.length; start += SHARE_BATCH) {
        const usernames = users.slice(start, start + SHARE_BATCH).map((user) => user.username);
        const shared = await call(url, 'POST', `/api/v1/folders/${folder.id}/shares`, {
          token: world.token,
          body: { usernames, permission: 'read' },
        });
        if (shared.status !== 201) throw new Error(`sharing answered ${shared.status}: ${JSON.stringify(shared.body).slice(0, 300)}`);
      }
      step(`folder shared with ${SUBSCRIBERS} users; connecting them`);
      await clients.open(
        url,
        users.map((user) => user.token),
        CONNECT_BATCH,
      );
      await sleep(500);
      await clients.receipts();

      const requestedAt = wallClockMs();
      const uploaded = await uploadJson(url, world.token, { name: 'for everyone.txt', content: 'hello all', folder_id: folder.id });
      const { id: eventId, createdAt } = await firstEventOf(world, uploaded.body.id);
      const sentAt = createdAt.getTime();
      const arrivals: number[] = [];
      const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
      while (arrivals.length < SUBSCRIBERS && Date.now() < deadline) {
        for (const [id, at] of await clients.receipts()) if (id === eventId) arrivals.push(at);
        if (arrivals.length < SUBSCRIBERS) await sleep(100);
      }
      if (arrivals.length < SUBSCRIBERS) throw new Error(`the event reached ${arrivals.length} of ${SUBSCRIBERS} subscribers`);
      const sorted = arrivals.sort((a, b) => a - b);
      const allMs = sorted[sorted.length - 1]! - sentAt;
      const firstMs = sorted[0]! - sentAt;
      const fromRequestMs = sorted[sorted.length - 1]! - requestedAt;
      step(
        `first subscriber after ${firstMs.toFixed(0)} ms, all ${SUBSCRIBERS} after ${allMs.toFixed(0)} ms (${fromRequestMs.toFixed(0)} ms after the request)`,
      );
      return [
        {
          benchmark: `realtime: one event to ${SUBSCRIBERS} subscribers, until all have it`,
          measured: allMs,
          baseline: firstMs,
          unit: 'ms',
          check: { pass: allMs < GOAL_MS, requirement: `goal all delivered < ${GOAL_MS} ms`, goal: true },
          notes:
            `an upload (POST /files, JSON) into a folder shared with ${SUBSCRIBERS} users, timed from its event's time in the log ` +
            `to its upload.completed reaching the last of their ws clients (one process of their own): projections up to the ` +
            `horizon, one audience for all, 1,000 sends; ${fromRequestMs.toFixed(0)} ms from the upload request; baseline: the first`,
        },
      ];
    } finally {
      await clients.close();
      await world.platform.close();
    }
  },
};

/** The upload's event: its id, as the feed names it, and when the log recorded it. */
async function firstEventOf(world: Awaited<ReturnType<typeof startRealtimeWorld>>, fileId: string): Promise<RecordedEvent> {
  const [uploaded] = await world.platform.platform.eventStore.readStream(`file-${fileId}`, { limit: 1 });
  if (!uploaded) throw new Error('the upload has no event');
  return uploaded;
}
