import { request } from 'node:http';
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Socket } from 'socket.io-client';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import type { FeedItem } from '../../src/sync/feedTypes';
import { eventually } from './files';

/** What every realtime test client offers: the feed items received so far, and how it ended. */
export interface FeedClient {
  items: FeedItem[];
  /** Resolves when the server ends the connection: the close code (ws), or the error event's code (Socket.IO, SSE), and the reason. */
  ended: Promise<{ code: number | string; reason: string }>;
  /** Resolves once `count` items have arrived (rejects after `timeoutMs`). */
  received(count: number, timeoutMs?: number): Promise<FeedItem[]>;
  /** Drops the connection from the client's side, at once. */
  kill(): void;
}

function receivedFn(items: FeedItem[]) {
  return async (count: number, timeoutMs = 10_000) => {
    await eventually(
      () => items.length,
      (length) => length >= count,
      timeoutMs,
    );
    if (items.length < count) throw new Error(`received ${items.length} of ${count} items`);
    return items.slice(0, count);
  };
}

export interface WsFeedClient extends FeedClient {
  socket: WebSocket;
  /** Every message that was not a sync_event (authenticated, subscribed, error, …). */
  replies: Record<string, unknown>[];
  request(message: Record<string, unknown>): void;
  /** Resolves with the next reply of this type. */
  reply(type: string): Promise<Record<string, unknown>>;
}

/** A raw WebSocket to /api/v1/realtime; authenticates with `token` unless it is null. */
export async function connectWs(baseUrl: string, token: string | null, cursor?: string): Promise<WsFeedClient> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/v1/realtime`);
  const items: FeedItem[] = [];
  const replies: Record<string, unknown>[] = [];
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as Record<string, unknown>;
    if (message.type === 'sync_event') items.push(message.event as FeedItem);
    else replies.push(message);
  });
  const ended = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const reply = async (type: string) => {
    const seen = replies.length;
    const found = await eventually(
      () => replies.slice(seen).find((message) => message.type === type),
      (message) => message !== undefined,
    );
    if (!found) throw new Error(`no ${type} reply; got ${JSON.stringify(replies)}`);
    return found;
  };
  const client: WsFeedClient = {
    socket,
    items,
    replies,
    ended,
    received: receivedFn(items),
    kill: () => socket.terminate(),
    request: (message) => socket.send(JSON.stringify(message)),
    reply,
  };
  if (token !== null) {
    client.request({ type: 'auth', token, ...(cursor ? { cursor } : {}) });
    const answer = await Promise.race([reply('authenticated'), ended.then((closed) => closed)]);
    if (!('type' in answer)) throw new Error(`ws closed before authenticating: ${JSON.stringify(answer)}`);
  }
  return client;
}

export interface SocketIoFeedClient extends FeedClient {
  socket: Socket;
}

/** A socket.io-client as the CryptoVaultX seed connects: io(url, {auth: {token}}), websocket only, no reconnection. */
export async function connectSocketIo(baseUrl: string, token: string, cursor?: string): Promise<SocketIoFeedClient> {
  const socket = io(baseUrl, {
    auth: { token, ...(cursor ? { cursor } : {}) },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const items: FeedItem[] = [];
  socket.on('sync_event', (item: FeedItem) => items.push(item));
  const ended = new Promise<{ code: string; reason: string }>((resolve) => {
    let error: { code: string; message: string } | null = null;
    socket.on('error_event', (reason: { code: string; message: string }) => (error = reason));
    socket.on('disconnect', (why) => resolve(error ? { code: error.code, reason: error.message } : { code: why, reason: why }));
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error: Error & { data?: unknown }) => {
      socket.close();
      reject(Object.assign(error, { refused: true }));
    });
  });
  return { socket, items, ended, received: receivedFn(items), kill: () => socket.io.engine.close() };
}

export interface SseFeedClient extends FeedClient {
  /** The `id:` of each sync_event, in order. */
  ids: string[];
  response: IncomingMessage;
  /** Comment lines (heartbeats) received. */
  comments: string[];
}

/** GET /api/v1/sync/stream as a raw HTTP client: Authorization when `token`, else the query as given (`?access_token=…`). */
export async function connectSse(
  baseUrl: string,
  options: { token?: string; query?: string; lastEventId?: string },
): Promise<SseFeedClient> {
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.lastEventId) headers['last-event-id'] = options.lastEventId;
  let req: ClientRequest;
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    req = request(`${baseUrl}/api/v1/sync/stream${options.query ?? ''}`, { headers }, resolve);
    req.on('error', reject);
    req.end();
  });
  const items: FeedItem[] = [];
  const ids: string[] = [];
  const comments: string[] = [];
  let error: { code: string; message: string } | null = null;
  let buffered = '';
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    buffered += chunk;
    let end: number;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const frame = buffered.slice(0, end).split('\n');
      buffered = buffered.slice(end + 2);
      const field = (name: string) => frame.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
      comments.push(...frame.filter((line) => line.startsWith(':')));
      if (field('event') === 'sync_event') {
        items.push(JSON.parse(field('data')!) as FeedItem);
        ids.push(field('id')!);
      } else if (field('event') === 'error') error = JSON.parse(field('data')!) as { code: string; message: string };
    }
  });
  const ended = new Promise<{ code: string; reason: string }>((resolve) =>
    response.on('close', () => resolve(error ? { code: error.code, reason: error.message } : { code: 'closed', reason: '' })),
  );
  return { items, ids, comments, response, ended, received: receivedFn(items), kill: () => req.destroy() };
}

/** Remembers the clients a test opens and kills them after each test; call it at the top of a test file. */
export function closedAfterEachTest(): <T extends FeedClient>(client: T) => T {
  const clients: FeedClient[] = [];
  afterEach(() => {
    for (const client of clients.splice(0)) client.kill();
  });
  return (client) => {
    clients.push(client);
    return client;
  };
}
