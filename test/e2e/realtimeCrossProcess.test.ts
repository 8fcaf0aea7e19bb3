import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { FeedItem } from '../../src/sync/feedTypes';
import { eventually, uploadJson } from '../support/files';
import { registerAndLogin } from '../support/http';
import { connectSocketIo, connectSse, connectWs } from '../support/realtimeClients';
import type { ServerProcess } from '../support/serverProcess';
import { startServer } from '../support/serverProcess';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

/**
 * Push across processes: each `api` process follows the event log itself, so a client connected to one
 * sees what was written through another. The in-process platform runs the projections (the projector's
 * part); two `filora api` processes serve on the same data.
 */
let platform: TestPlatform;
let apis: ServerProcess[] = [];
let apiA: ServerProcess;
let apiB: ServerProcess;

beforeAll(async () => {
  platform = await startTestPlatform();
  const started = await Promise.allSettled([startServer(platform.dataDir, {}, 'api'), startServer(platform.dataDir, {}, 'api')]);
  apis = started.flatMap((start) => (start.status === 'fulfilled' ? [start.value] : []));
  const failed = started.find((start) => start.status === 'rejected');
  if (failed) throw failed.reason;
  [apiA, apiB] = apis as [ServerProcess, ServerProcess];
}, 120_000);
afterAll(async () => {
  for (const api of apis) api.child.kill('SIGTERM');
  await Promise.all(apis.map((api) => api.exited));
  await platform.close();
});

describe('two api processes', () => {
  it('a client of process A receives, over each transport, a write made through process B', async () => {
    const user = await registerAndLogin(apiB.url);
    const clients = [
      await connectWs(apiA.url, user.token),
      await connectSocketIo(apiA.url, user.token),
      await connectSse(apiA.url, { token: user.token }),
    ];
    const uploaded = await uploadJson(apiB.url, user.token, { name: 'from-b.txt', content: 'b' });
    for (const client of clients) {
      // The login is public too (user.authenticated): process A may still be following the log up to it when the client connects.
      const items = await eventually(
        () => client.items.filter((item) => !item.type.startsWith('user.')),
        (shown) => shown.length > 0,
        10_000,
      );
      expect(items[0]).toMatchObject({ type: 'upload.completed', payload: expect.objectContaining({ fileId: uploaded.body.id }) });
      client.kill();
    }
  });

  it('closes a client too slow for its send buffer with 4008 and the cursor to resume from, which loses nothing', async () => {
    const user = await registerAndLogin(apiA.url);
    const file = await uploadJson(apiA.url, user.token, { name: 'busy.txt', content: 'x' });
    const slow = await connectWs(apiA.url, user.token);
    slow.request({ type: 'subscribe', channel: 'file', resource_id: file.body.id });
    await slow.reply('subscribed');
    // The client stops reading: once the kernel's buffers are full, what the server sends waits in its own.
    const tcp = (slow.socket as unknown as { _socket: Socket })._socket;
    tcp.pause();

    const EVENTS = 200;
    const ids: string[] = [];
    for (let i = 0; i < EVENTS; i++) {
      const id = randomUUID();
      ids.push(id);
      const data = { fileId: file.body.id, ownerId: user.id, description: `${i} ${'x'.repeat(64 * 1024)}`, tags: [] };
      await platform.platform.eventStore.append(
        `file-${file.body.id}`,
        [{ id, type: 'FileMetadataChanged', data, metadata: { actor: user.id } }],
        { expectedRevision: 'any' },
      );
    }
    // Let the server run into the limit before the client reads again.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    tcp.resume();
    const closed = await slow.ended;
    expect(closed.code).toBe(4008);
    const cursor = /^slow_consumer; resume from (\S+)$/.exec(closed.reason)?.[1];
    expect(cursor).toBe(slow.items.at(-1)!.cursor);
    // The client went live from the hub's position when it connected, which under load can be before the
    // upload's own event: that one may come first. Only the appended events are counted.
    const appended = new Set(ids);
    const appendedIn = (items: FeedItem[]) => items.filter((item) => appended.has(item.event_id));
    expect(appendedIn(slow.items).length).toBeLessThan(EVENTS);

    const resumed = await connectWs(apiA.url, user.token, cursor);
    await resumed.received(EVENTS - appendedIn(slow.items).length, 20_000);
    expect([...appendedIn(slow.items), ...appendedIn(resumed.items)].map((item) => item.event_id)).toEqual(ids);
    resumed.kill();
  }, 60_000);
});
