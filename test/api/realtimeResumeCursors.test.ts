import { FEED_CLOCK } from '../../src/projections/feedClock/feedClockProjection';
import { uploadJson } from '../support/files';
import { call, registerAndLogin } from '../support/http';
import type { SocketIoFeedClient, WsFeedClient } from '../support/realtimeClients';
import { closedAfterEachTest, connectSocketIo, connectSse, connectWs } from '../support/realtimeClients';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

/**
 * Every transport takes a resume cursor on the sync routes' rule: a malformed one is a validation_error, one
 * older than the retention or ahead of the log is a `reset` (the client takes a snapshot), never a resume
 * that then stays silent. A cursor the feed gave still resumes.
 */
let platform: TestPlatform;
const opened = closedAfterEachTest();

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform.close());

const url = () => platform.url;

const cursorAt = (position: string) => platform.platform.api.realtime.items.cursorOf(position);
const AHEAD = () => cursorAt('9'.repeat(20));
const MALFORMED = 'not-a-cursor';

/** A cursor the feed gave: the position of everything appended so far, once the feed has caught up with it. */
async function currentCursor(): Promise<string> {
  const head = (await platform.platform.eventStore.headPosition())!;
  await platform.platform.api.progress.waitFor(head, 5000);
  return cursorAt(head);
}

/** Runs `check` while the feed's clock says the retention began after every event so far: older cursors are expired. */
async function withRetentionPastEverything(check: (expired: string) => Promise<void>): Promise<void> {
  const floor = (await platform.platform.eventStore.headPosition())!;
  const mark = '2001-01-01T00:00';
  await platform.platform.readStore.upsert(FEED_CLOCK, { _id: mark, position: floor });
  try {
    await check(cursorAt('0'.repeat(20)));
  } finally {
    await platform.platform.readStore.delete(FEED_CLOCK, mark);
  }
}

const RESET = { code: 'reset', message: expect.stringContaining('take a snapshot') };

describe('WebSocket', () => {
  async function authWith(token: string, cursor: string): Promise<WsFeedClient> {
    const client = opened(await connectWs(url(), null));
    client.request({ type: 'auth', token, cursor });
    return client;
  }

  async function refusedAuth(token: string, cursor: string): Promise<{ code: number | string; reason: string }> {
    const client = await authWith(token, cursor);
    expect(await client.reply('error')).toMatchObject({ request: 'auth', ...RESET });
    const ended = await client.ended;
    expect(client.replies.map((reply) => reply.type)).not.toContain('authenticated');
    return ended;
  }

  it('auth with a cursor ahead of the log or older than the retention: error reset, then close 4010', async () => {
    const user = await registerAndLogin(url());
    expect(await refusedAuth(user.token, AHEAD())).toEqual({ code: 4010, reason: expect.stringMatching(/^reset: the cursor is ahead/) });
    await withRetentionPastEverything(async (expired) => {
      expect(await refusedAuth(user.token, expired)).toEqual({ code: 4010, reason: expect.stringMatching(/^reset: the cursor is older/) });
    });
  });

  it('resume with a cursor ahead of the log on an open connection: error reset, then close 4010', async () => {
    const user = await registerAndLogin(url());
    const client = opened(await connectWs(url(), user.token));
    client.request({ type: 'resume', cursor: AHEAD() });
    expect(await client.reply('error')).toMatchObject({ request: 'resume', ...RESET });
    expect((await client.ended).code).toBe(4010);
    expect(client.replies.map((reply) => reply.type)).not.toContain('resumed');
  });

  it('auth with a malformed cursor: validation_error, and the connection stays open for a good auth', async () => {
    const user = await registerAndLogin(url());
    const client = await authWith(user.token, MALFORMED);
    expect(await client.reply('error')).toMatchObject({ request: 'auth', code: 'validation_error', message: 'the cursor is not valid' });
    client.request({ type: 'auth', token: user.token });
    expect(await client.reply('authenticated')).toMatchObject({ user_id: user.id });
  });

  it('resume with a cursor the feed gave replays what came after it', async () => {
    const user = await registerAndLogin(url());
    const cursor = await currentCursor();
    const file = await uploadJson(url(), user.token, { name: 'after.txt', content: 'a' });
    const client = opened(await connectWs(url(), user.token));
    client.request({ type: 'resume', cursor });
    expect(await client.reply('resumed')).toEqual({ type: 'resumed', cursor });
    const [item] = await client.received(1);
    expect(item).toMatchObject({ type: 'upload.completed', payload: expect.objectContaining({ fileId: file.body.id }) });
  });
});

describe('Socket.IO', () => {
  const refusedHandshake = (token: string, cursor: string) => connectSocketIo(url(), token, cursor);
  const emitted = (client: SocketIoFeedClient, event: string) =>
    new Promise<Record<string, unknown>>((resolve) => client.socket.once(event, (body: Record<string, unknown>) => resolve(body)));

  it('refuses a handshake whose cursor is ahead of the log or older than the retention (connect_error reset)', async () => {
    const user = await registerAndLogin(url());
    await expect(refusedHandshake(user.token, AHEAD())).rejects.toMatchObject({
      message: expect.stringContaining('the cursor is ahead'),
      data: { code: 'reset' },
    });
    await withRetentionPastEverything(async (expired) => {
      await expect(refusedHandshake(user.token, expired)).rejects.toMatchObject({
        message: expect.stringContaining('the cursor is older'),
        data: { code: 'reset' },
      });
    });
  });

  it('refuses a handshake whose cursor is malformed (connect_error validation_error)', async () => {
    const user = await registerAndLogin(url());
    await expect(refusedHandshake(user.token, MALFORMED)).rejects.toMatchObject({ data: { code: 'validation_error' } });
  });

  it('resume with a cursor ahead of the log: the acknowledgement says reset, then error_event reset and a disconnect', async () => {
    const user = await registerAndLogin(url());
    const client = opened(await connectSocketIo(url(), user.token));
    const answer = await new Promise<Record<string, unknown>>((resolve) =>
      client.socket.emit('resume', { cursor: AHEAD() }, (body: Record<string, unknown>) => resolve(body)),
    );
    expect(answer).toMatchObject({ type: 'error', request: 'resume', ...RESET });
    expect(await client.ended).toMatchObject({ code: 'reset', reason: expect.stringMatching(/^reset: the cursor is ahead/) });
  });

  it('resume without an acknowledgement: a cursor ahead of the log still ends the connection with error_event reset', async () => {
    const user = await registerAndLogin(url());
    const client = opened(await connectSocketIo(url(), user.token));
    client.socket.emit('resume', { cursor: AHEAD() });
    expect(await client.ended).toMatchObject({ code: 'reset', reason: expect.stringMatching(/^reset: the cursor is ahead/) });
  });

  it('requests without an acknowledgement are refused with an error_event, and the connection stays', async () => {
    const user = await registerAndLogin(url());
    const client = opened(await connectSocketIo(url(), user.token));
    let refusal = emitted(client, 'error_event');
    client.socket.emit('resume', { cursor: MALFORMED });
    expect(await refusal).toEqual({ type: 'error', request: 'resume', code: 'validation_error', message: 'the cursor is not valid' });
    refusal = emitted(client, 'error_event');
    client.socket.emit('subscribe', { channel: 'file' });
    expect(await refusal).toMatchObject({ type: 'error', request: 'subscribe', code: 'validation_error' });
    expect(client.socket.connected).toBe(true);
  });

  it('resume with a cursor the feed gave replays what came after it', async () => {
    const user = await registerAndLogin(url());
    const cursor = await currentCursor();
    const file = await uploadJson(url(), user.token, { name: 'after.txt', content: 'a' });
    const client = opened(await connectSocketIo(url(), user.token));
    const answer = await new Promise<Record<string, unknown>>((resolve) =>
      client.socket.emit('resume', { cursor }, (body: Record<string, unknown>) => resolve(body)),
    );
    expect(answer).toEqual({ type: 'resumed', cursor });
    const [item] = await client.received(1);
    expect(item).toMatchObject({ type: 'upload.completed', payload: expect.objectContaining({ fileId: file.body.id }) });
  });
});

describe('SSE', () => {
  const stream = (token: string, lastEventId: string) =>
    call(url(), 'GET', '/api/v1/sync/stream', { token, headers: { 'last-event-id': lastEventId } });

  it('answers 410 reset before streaming to a cursor ahead of the log or older than the retention', async () => {
    const user = await registerAndLogin(url());
    const ahead = await stream(user.token, AHEAD());
    expect(ahead.status).toBe(410);
    expect(ahead.body).toMatchObject({ error: { code: 'reset', message: expect.stringContaining('the cursor is ahead') } });
    const aheadQuery = await call(url(), 'GET', `/api/v1/sync/stream?cursor=${AHEAD()}`, { token: user.token });
    expect(aheadQuery.status).toBe(410);
    await withRetentionPastEverything(async (expired) => {
      const older = await stream(user.token, expired);
      expect(older.status).toBe(410);
      expect(older.body).toMatchObject({ error: { code: 'reset', message: expect.stringContaining('the cursor is older') } });
    });
  });

  it('answers 400 to a malformed Last-Event-ID, naming the header', async () => {
    const user = await registerAndLogin(url());
    const malformed = await stream(user.token, MALFORMED);
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: { code: 'validation_error', details: [{ path: 'header.last-event-id' }] } });
  });

  it('resumes after a cursor the feed gave', async () => {
    const user = await registerAndLogin(url());
    const cursor = await currentCursor();
    const file = await uploadJson(url(), user.token, { name: 'after.txt', content: 'a' });
    const client = opened(await connectSse(url(), { token: user.token, lastEventId: cursor }));
    expect(client.response.statusCode).toBe(200);
    const [item] = await client.received(1);
    expect(item).toMatchObject({ type: 'upload.completed', payload: expect.objectContaining({ fileId: file.body.id }) });
  });
});
