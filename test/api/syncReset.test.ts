import { FEED_CLOCK } from '../../src/projections/feedClock/feedClockProjection';
import { createFolder, uploadJson } from '../support/files';
import { call, registerAndLogin } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

jest.setTimeout(60_000);

interface SyncEvent {
  event_id: string;
  type: string;
  user_id: string | null;
  timestamp: string;
  payload: Record<string, unknown>;
  cursor: string;
}

interface Updates {
  events: SyncEvent[];
  count: number;
  since: string | null;
  server_time: string;
  next_cursor: string | null;
  has_more: boolean;
}

interface SnapshotEntry {
  type: 'file' | 'folder';
  id: string;
  name: string;
  permission: string;
}

interface Snapshot {
  data: SnapshotEntry[];
  page: { limit: number; next_cursor: string | null; has_more: boolean };
  sync_cursor: string | null;
}

const cursorOfPosition = (position: string) => Buffer.from(`v1:${position}`).toString('base64url');

describe('sync feed: cursors, reset, snapshot, long-poll, status', () => {
  let platform: TestPlatform;
  beforeAll(async () => (platform = await startTestPlatform()));
  afterAll(async () => platform.close());

  const updates = (token: string, query: string) => call<Updates>(platform.url, 'GET', `/api/v1/sync/updates?${query}`, { token });
  const status = (token: string) =>
    call<{ status: string; server_time: string; user_id: string; cursor: string | null }>(platform.url, 'GET', '/api/v1/sync/status', {
      token,
    });

  /** The user's cursor once everything so far is in the feed. */
  async function settledCursor(token: string): Promise<string> {
    const head = await platform.platform.eventStore.headPosition();
    await platform.platform.api.progress.waitFor(head!, 5000);
    return (await status(token)).body.cursor!;
  }

  it('answers the seed status shape, with the cursor a client starting now begins at', async () => {
    const alice = await registerAndLogin(platform.url);
    const answer = await status(alice.token);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'active', server_time: expect.any(String), user_id: alice.id, cursor: expect.any(String) });
    const seedAlias = await call(platform.url, 'GET', '/api/sync/status', { token: alice.token });
    expect(seedAlias.body).toMatchObject({ status: 'active', user_id: alice.id });
  });

  it('gives the events since a time, in the seed shape, and a cursor that continues after them', async () => {
    const alice = await registerAndLogin(platform.url);
    const since = new Date(Date.now() - 1000).toISOString();
    const folder = await createFolder(platform.url, alice.token, 'docs');
    await uploadJson(platform.url, alice.token, { name: 'a.txt', content: 'a', folder_id: folder.id });
    await settledCursor(alice.token);

    const first = await updates(alice.token, `since=${encodeURIComponent(since)}`);
    expect(first.status).toBe(200);
    const mine = first.body.events.filter((event) => !event.type.startsWith('user.'));
    expect(mine.map((event) => event.type)).toEqual(['folder.created', 'upload.completed']);
    expect(mine[0]).toEqual({
      event_id: expect.any(String),
      type: 'folder.created',
      user_id: alice.id,
      timestamp: expect.any(String),
      payload: expect.objectContaining({ folderId: folder.id, name: 'docs' }),
      cursor: expect.any(String),
    });
    expect(first.body).toMatchObject({ count: first.body.events.length, since, has_more: false, next_cursor: expect.any(String) });

    await uploadJson(platform.url, alice.token, { name: 'b.txt', content: 'b' });
    await settledCursor(alice.token);
    const next = await updates(alice.token, `cursor=${first.body.next_cursor}`);
    expect(next.body.events.map((event) => [event.type, event.payload.name])).toEqual([['upload.completed', 'b.txt']]);
    const seedAlias = await call<Updates>(platform.url, 'GET', `/api/sync/updates?cursor=${first.body.next_cursor}`, {
      token: alice.token,
    });
    expect(seedAlias.body.events).toEqual(next.body.events);
  });

  it('refuses a malformed cursor (400), and one ahead of the log or older than the retention (410 reset)', async () => {
    const alice = await registerAndLogin(platform.url);
    for (const bad of ['nope', cursorOfPosition('12'), Buffer.from('v2:00000000000000000001').toString('base64url')]) {
      const answer = await updates(alice.token, `cursor=${bad}`);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: { code: 'validation_error' } });
    }
    const neither = await updates(alice.token, 'limit=5');
    expect(neither.status).toBe(400);
    expect(neither.body).toMatchObject({ error: { details: [{ path: 'query.cursor', message: expect.stringContaining('missing') }] } });
    expect(JSON.stringify(neither.body)).not.toContain('not both');
    const both = await updates(alice.token, `since=${new Date().toISOString()}&cursor=${cursorOfPosition('1'.padStart(20, '0'))}`);
    expect(both.status).toBe(400);
    expect(both.body).toMatchObject({ error: { details: [{ path: 'query.cursor', message: expect.stringContaining('not both') }] } });

    const ahead = await updates(alice.token, `cursor=${cursorOfPosition('9'.repeat(20))}`);
    expect(ahead.status).toBe(410);
    expect(ahead.body).toMatchObject({ error: { code: 'reset', message: expect.stringContaining('snapshot') } });

    const tooOld = await updates(alice.token, `since=${new Date(Date.now() - 31 * 86_400_000).toISOString()}`);
    expect(tooOld.status).toBe(410);
    expect(tooOld.body).toMatchObject({ error: { code: 'reset' } });
  });

  it('refuses a snapshot cursor whose feed position is not one (400), rather than hand out a sync_cursor the feed refuses', async () => {
    const alice = await registerAndLogin(platform.url);
    const crafted = (sync: unknown) => Buffer.from(JSON.stringify({ sync, part: 0, after: null })).toString('base64url');
    for (const sync of ['x', '12', `${'1'.padStart(20, '0')}x`]) {
      const answer = await call(platform.url, 'GET', `/api/v1/sync/snapshot?cursor=${crafted(sync)}`, { token: alice.token });
      expect({ sync, status: answer.status }).toEqual({ sync, status: 400 });
      expect(answer.body).toMatchObject({ error: { code: 'validation_error', details: [{ path: 'query.cursor' }] } });
    }
    const position = await platform.platform.eventStore.headPosition();
    const valid = await call<Snapshot>(platform.url, 'GET', `/api/v1/sync/snapshot?cursor=${crafted(position)}`, { token: alice.token });
    expect(valid.status).toBe(200);
    expect(valid.body.sync_cursor).toBe(cursorOfPosition(position!));
  });

  it('after a reset, a snapshot lists everything the user sees and its cursor continues the feed', async () => {
    const alice = await registerAndLogin(platform.url);
    const oldCursor = await settledCursor(alice.token);
    const folder = await createFolder(platform.url, alice.token, 'kept');
    const file = (await uploadJson(platform.url, alice.token, { name: 'kept.txt', content: 'x', folder_id: folder.id })).body;
    const since = await settledCursor(alice.token);
    // The feed's clock says the log started a new minute here, longer ago than the retention: alice's old cursor is past it.
    const floorPosition = Buffer.from(since, 'base64url').toString().slice(3);
    await platform.platform.readStore.upsert(FEED_CLOCK, { _id: '2001-01-01T00:00', position: floorPosition });
    try {
      const reset = await updates(alice.token, `cursor=${oldCursor}`);
      expect(reset.status).toBe(410);
      expect(reset.body).toMatchObject({ error: { code: 'reset' } });

      const entries: SnapshotEntry[] = [];
      let page = await call<Snapshot>(platform.url, 'GET', '/api/v1/sync/snapshot?limit=1', { token: alice.token });
      const syncCursor = page.body.sync_cursor;
      for (;;) {
        expect(page.status).toBe(200);
        expect(page.body.sync_cursor).toBe(syncCursor);
        entries.push(...page.body.data);
        if (!page.body.page.has_more) break;
        page = await call<Snapshot>(platform.url, 'GET', `/api/v1/sync/snapshot?limit=1&cursor=${page.body.page.next_cursor}`, {
          token: alice.token,
        });
      }
      expect(entries.map(({ type, id, name, permission }) => ({ type, id, name, permission }))).toEqual([
        { type: 'folder', id: folder.id, name: 'kept', permission: 'owner' },
        { type: 'file', id: file.id, name: 'kept.txt', permission: 'owner' },
      ]);

      await uploadJson(platform.url, alice.token, { name: 'after.txt', content: 'y' });
      await settledCursor(alice.token);
      const continued = await updates(alice.token, `cursor=${syncCursor}`);
      expect(continued.status).toBe(200);
      expect(continued.body.events.map((event) => event.payload.name)).toEqual(['after.txt']);
    } finally {
      await platform.platform.readStore.delete(FEED_CLOCK, '2001-01-01T00:00');
    }
  });

  it('answers a long-poll as soon as a change reaches the user, and a user it does not reach waits out the timeout', async () => {
    const alice = await registerAndLogin(platform.url);
    const bob = await registerAndLogin(platform.url);
    const aliceCursor = await settledCursor(alice.token);
    const bobCursor = await settledCursor(bob.token);
    const longPoll = (token: string, cursor: string) =>
      call<{ changes: boolean; backoff?: number }>(platform.url, 'GET', `/api/v1/sync/longpoll?cursor=${cursor}&timeout=30`, { token });

    const bobWaits = longPoll(bob.token, bobCursor);
    const aliceWaits = longPoll(alice.token, aliceCursor);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await createFolder(platform.url, alice.token, 'wake');
    expect((await aliceWaits).body).toEqual({ changes: true });

    expect((await bobWaits).body).toEqual({ changes: false });

    expect((await longPoll(alice.token, aliceCursor)).body).toEqual({ changes: true });
    expect((await call(platform.url, 'GET', `/api/v1/sync/longpoll?cursor=${aliceCursor}&timeout=5`, { token: alice.token })).status).toBe(
      400,
    );
  });
});
