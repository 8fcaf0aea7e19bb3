import { uploadJson } from '../support/files';
import { registerAndLogin } from '../support/http';
import type { FeedClient } from '../support/realtimeClients';
import { connectSocketIo, connectSse, connectWs } from '../support/realtimeClients';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';
import type { FeedItem } from '../../src/sync/feedTypes';

/**
 * A client killed in the middle of a stream of writes reconnects with the cursor of the last item it got
 * (ws `auth.cursor`, Socket.IO `auth.cursor`, SSE `Last-Event-ID`) and receives every item after it once:
 * the two halves together are exactly the user's uploads, in order.
 */
let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform.close());

const UPLOADS = 24;
const KILLED_AFTER = 8;

type Connect = (url: string, token: string, cursor?: string) => Promise<FeedClient>;

const transports: Record<string, Connect> = {
  ws: (url, token, cursor) => connectWs(url, token, cursor),
  'socket.io': (url, token, cursor) => connectSocketIo(url, token, cursor),
  sse: (url, token, cursor) => connectSse(url, { token, lastEventId: cursor }),
};

const uploadsOf = (items: readonly FeedItem[]) =>
  items.filter((item) => item.type === 'upload.completed').map((item) => item.payload.fileId);

describe.each(Object.entries(transports))('resuming over %s', (_name, connect) => {
  it('misses nothing and repeats nothing', async () => {
    const user = await registerAndLogin(platform.url);
    const first = await connect(platform.url, user.token);
    const uploaded: string[] = [];
    const writing = (async () => {
      for (let i = 0; i < UPLOADS; i++)
        uploaded.push((await uploadJson(platform.url, user.token, { name: `f${i}.txt`, content: `${i}` })).body.id);
    })();

    const beforeKill = await first.received(KILLED_AFTER, 20_000);
    first.kill();
    const second = await connect(platform.url, user.token, beforeKill.at(-1)!.cursor);
    await writing;
    await second.received(UPLOADS - KILLED_AFTER, 20_000);

    const all = [...beforeKill, ...second.items];
    expect(new Set(all.map((item) => item.event_id)).size).toBe(all.length);
    expect(uploadsOf(all)).toEqual(uploaded);
    second.kill();
  }, 60_000);
});

describe('resuming from the start of the log', () => {
  it('replays every item the user may see, then goes live', async () => {
    const user = await registerAndLogin(platform.url);
    const early: string[] = [];
    for (let i = 0; i < 5; i++) early.push((await uploadJson(platform.url, user.token, { name: `e${i}.txt`, content: 'e' })).body.id);
    const start = platform.platform.api.realtime.items.cursorOf('0'.repeat(20));
    const client = await connectWs(platform.url, user.token, start);
    await client.received(5);
    const late = (await uploadJson(platform.url, user.token, { name: 'late.txt', content: 'l' })).body.id;
    await client.received(6);
    expect(uploadsOf(client.items)).toEqual([...early, late]);
    client.kill();
  });
});
