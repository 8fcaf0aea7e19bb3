import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { uploadJson } from '../support/files';
import { call, registerAndLogin } from '../support/http';
import { closedAfterEachTest, connectSocketIo, connectSse, connectWs } from '../support/realtimeClients';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

let platform: TestPlatform;
const opened = closedAfterEachTest();

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform.close());

const url = () => platform.url;

async function shareFile(ownerToken: string, fileId: string, username: string) {
  const shared = await call(url(), 'POST', `/api/v1/files/${fileId}/shares`, {
    token: ownerToken,
    body: { usernames: [username], permission: 'read' },
  });
  expect(shared.status).toBe(201);
}

describe('the three transports', () => {
  it('a WebSocket, a Socket.IO and an SSE client each receive the share of a file with their user', async () => {
    const owner = await registerAndLogin(url());
    const grantee = await registerAndLogin(url());
    const ws = opened(await connectWs(url(), grantee.token));
    const socketIo = opened(await connectSocketIo(url(), grantee.token));
    const sse = opened(await connectSse(url(), { token: grantee.token }));
    expect(sse.response.statusCode).toBe(200);
    expect(sse.response.headers['content-type']).toBe('text/event-stream; charset=utf-8');

    const file = await uploadJson(url(), owner.token, { name: 'shared.txt', content: 'hello' });
    await shareFile(owner.token, file.body.id, grantee.user.username);

    for (const client of [ws, socketIo, sse]) {
      const [item] = await client.received(1);
      expect(item).toMatchObject({
        type: 'share.created',
        user_id: owner.id,
        event_id: expect.any(String),
        timestamp: expect.any(String),
        cursor: expect.any(String),
        payload: expect.objectContaining({ fileId: file.body.id, principalId: grantee.id }),
      });
    }
    expect(sse.ids).toEqual([sse.items[0]!.cursor]);
    expect(socketIo.items).toEqual(ws.items);
    expect(sse.items).toEqual(ws.items);
  });

  it('a client follows only its own feed', async () => {
    const alice = await registerAndLogin(url());
    const bob = await registerAndLogin(url());
    const bobs = opened(await connectWs(url(), bob.token));
    const alices = opened(await connectWs(url(), alice.token));
    await uploadJson(url(), alice.token, { name: 'mine.txt', content: 'a' });
    const own = await uploadJson(url(), bob.token, { name: 'his.txt', content: 'b' });
    const [item] = await bobs.received(1);
    expect(item!.payload.fileId).toBe(own.body.id);
    await alices.received(1);
    expect(bobs.items.map((received) => received.payload.fileId)).not.toContain(alices.items[0]!.payload.fileId);
  });
});

describe('the WebSocket protocol', () => {
  it('subscribes to a file channel: only that file then, and another user’s file is not_found', async () => {
    const user = await registerAndLogin(url());
    const other = await registerAndLogin(url());
    const watched = await uploadJson(url(), user.token, { name: 'watched.txt', content: 'w' });
    const strangers = await uploadJson(url(), other.token, { name: 'theirs.txt', content: 't' });
    const client = opened(await connectWs(url(), user.token));
    client.request({ type: 'subscribe', channel: 'file', resource_id: strangers.body.id });
    expect(await client.reply('error')).toMatchObject({ request: 'subscribe', code: 'not_found' });
    client.request({ type: 'subscribe', channel: 'file', resource_id: watched.body.id });
    expect(await client.reply('subscribed')).toEqual({ type: 'subscribed', channel: 'file', resource_id: watched.body.id });
    await uploadJson(url(), user.token, { name: 'unwatched.txt', content: 'u' });
    await call(url(), 'PATCH', `/api/v1/files/${watched.body.id}`, { token: user.token, body: { name: 'renamed.txt' } });
    const [item] = await client.received(1);
    expect(item).toMatchObject({ type: 'file.updated', payload: expect.objectContaining({ fileId: watched.body.id }) });
  });

  it('answers bad messages with an error and stays open', async () => {
    const user = await registerAndLogin(url());
    const client = opened(await connectWs(url(), user.token));
    for (const bad of ['not json', '[]', '{"type":"dance"}', '{"type":"subscribe","channel":"sync","resource_id":"x"}']) {
      client.socket.send(bad);
      expect(await client.reply('error')).toMatchObject({ code: 'validation_error' });
    }
    client.request({ type: 'subscribe', channel: 'file' });
    expect(await client.reply('error')).toMatchObject({ code: 'validation_error', message: 'the file channel needs a resource_id' });
    client.request({ type: 'resume', cursor: 'not-a-cursor' });
    expect(await client.reply('error')).toMatchObject({ code: 'validation_error' });
    client.request({ type: 'subscribe', channel: 'sync' });
    expect(await client.reply('subscribed')).toMatchObject({ channel: 'sync' });
  });

  it('closes 4001 on a bad token, and refuses requests before auth', async () => {
    const client = opened(await connectWs(url(), null));
    client.request({ type: 'subscribe', channel: 'sync' });
    expect(await client.reply('error')).toMatchObject({ code: 'unauthorized' });
    client.request({ type: 'auth', token: 'nope' });
    expect(await client.ended).toEqual({ code: 4001, reason: 'unauthorized: the credentials are invalid or expired' });
  });

  it('closes 4001 when no auth message comes within 10 s', async () => {
    const client = opened(await connectWs(url(), null));
    expect(await client.ended).toEqual({ code: 4001, reason: 'unauthorized: no auth message within 10 s' });
  }, 15_000);

  it('answers 404 to an upgrade on any other path, and leaves Socket.IO its own', async () => {
    const stray = new WebSocket(`${url().replace(/^http/, 'ws')}/api/v1/elsewhere`);
    stray.on('error', () => undefined);
    const refused = await new Promise<number | undefined>((resolve) =>
      stray.once('unexpected-response', (_req, res) => resolve(res.statusCode)),
    );
    expect(refused).toBe(404);
  });
});

describe('the Socket.IO handshake', () => {
  it('refuses a bad token with connect_error unauthorized', async () => {
    await expect(connectSocketIo(url(), 'nope')).rejects.toMatchObject({
      message: 'the credentials are invalid or expired',
      data: { code: 'unauthorized' },
    });
  });

  it('acknowledges a subscription, and refuses another user’s folder', async () => {
    const user = await registerAndLogin(url());
    const client = opened(await connectSocketIo(url(), user.token));
    const ack = (event: string, body: unknown) =>
      new Promise<Record<string, unknown>>((resolve) =>
        client.socket.emit(event, body, (answer: Record<string, unknown>) => resolve(answer)),
      );
    expect(await ack('subscribe', { channel: 'folder', resource_id: randomUUID() })).toMatchObject({ type: 'error', code: 'not_found' });
    expect(await ack('subscribe', { channel: 'sync' })).toEqual({ type: 'subscribed', channel: 'sync', resource_id: null });
  });

  it('is not served the client bundle (serveClient false)', async () => {
    expect((await fetch(`${url()}/socket.io/socket.io.js`)).status).not.toBe(200);
    expect(io).toBeDefined();
  });
});

describe('SSE', () => {
  it('takes ?access_token= for EventSource, and refuses a request without credentials', async () => {
    const user = await registerAndLogin(url());
    const anonymous = await call(url(), 'GET', '/api/v1/sync/stream');
    expect(anonymous.status).toBe(401);
    const sse = opened(await connectSse(url(), { query: `?access_token=${encodeURIComponent(user.token)}` }));
    expect(sse.response.statusCode).toBe(200);
    await uploadJson(url(), user.token, { name: 'x.txt', content: 'x' });
    await sse.received(1);
  });

  it('answers 400 to a cursor it never gave', async () => {
    const user = await registerAndLogin(url());
    const bad = await call(url(), 'GET', '/api/v1/sync/stream?cursor=nope', { token: user.token });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'validation_error' } });
  });
});
