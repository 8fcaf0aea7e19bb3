import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RawData } from 'ws';
import { WebSocket, WebSocketServer } from 'ws';
import { ApiError } from '../api/http/apiError';
import { continuableCursor } from '../api/sync/feedStart';
import type { FeedItem } from '../sync/feedTypes';
import { channelSubscription } from './channelAccess';
import { clientError, closeReasonOf } from './clientErrors';
import type { ClientRequest } from './clientRequests';
import { parseClientRequest } from './clientRequests';
import type { Backlog, CloseCode, CloseReason, Connection, Outbox } from './connection';
import type { RealtimeServices } from './realtimeServices';

/** Where the WebSocket endpoint is served. */
export const WS_PATH = '/api/v1/realtime';

/** A client must authenticate within this after connecting. */
export const AUTH_TIMEOUT_MS = 10_000;

/** Client messages are small JSON objects; anything larger closes the connection (1009). */
const MAX_PAYLOAD_BYTES = 8 * 1024;

/** Close codes: 4xxx are the application's (RFC 6455 §7.4.2), after the HTTP statuses they stand for. */
export const WS_CLOSE_CODES: Readonly<Record<CloseCode, number>> = {
  unauthorized: 4001,
  slow_consumer: 4008,
  reset: 4010,
  server_error: 1011,
  shutdown: 1001,
};

/** A close reason is at most 123 bytes (a control frame's 125, less the code): a longer one is cut, whole characters only, and ends in `…`. */
const MAX_CLOSE_REASON_BYTES = 123;
function closeReasonText(message: string): string {
  if (Buffer.byteLength(message) <= MAX_CLOSE_REASON_BYTES) return message;
  let text = message;
  while (Buffer.byteLength(`${text}…`) > MAX_CLOSE_REASON_BYTES) text = text.slice(0, -1);
  return `${text.trimEnd()}…`;
}

const textOf = (data: RawData): string =>
  (Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');

/** The wire text of an item, made once however many connections it goes to. */
const wireTexts = new WeakMap<FeedItem, string>();
function wireText(item: FeedItem): string {
  let text = wireTexts.get(item);
  if (text === undefined) {
    text = JSON.stringify({ type: 'sync_event', cursor: item.cursor, event: item });
    wireTexts.set(item, text);
  }
  return text;
}

/**
 * One WebSocket client, following the Media Vault seed: `{type: "auth", token, cursor?}` within 10 s, then
 * `{type: "subscribe", channel, resource_id?}`, `{type: "unsubscribe", …}` and `{type: "resume", cursor}`;
 * the server sends `{type: "sync_event", cursor, event}` and answers each request (`authenticated`,
 * `subscribed`, `unsubscribed`, `resumed`, or `error` with the envelope's code and message). Requests are
 * handled one at a time, in the order they came. A resume cursor the feed cannot continue from is answered
 * `error` `reset`, then the connection closes 4010.
 */
class WsClient implements Outbox {
  private connection: Connection | null = null;
  private handling: Promise<void> = Promise.resolve();
  private answeredLastPing = true;
  /** Items handed to ws whose write has not completed. */
  private inFlight = 0;
  private drainWaiters: (() => void)[] = [];
  private readonly authTimer: NodeJS.Timeout;

  constructor(
    private readonly ws: WebSocket,
    private readonly realtime: RealtimeServices,
    private readonly ip: string | undefined,
  ) {
    this.authTimer = setTimeout(
      () => this.close({ code: 'unauthorized', message: 'unauthorized: no auth message within 10 s' }),
      AUTH_TIMEOUT_MS,
    );
    ws.on('message', (data, isBinary) => this.received(data, isBinary));
    ws.on('pong', () => (this.answeredLastPing = true));
    ws.on('close', () => this.gone());
    ws.on('error', (error) => this.realtime.logger.debug('realtime ws error', { error }));
  }

  send(item: FeedItem): void {
    this.inFlight++;
    this.ws.send(wireText(item), () => {
      this.inFlight--;
      if (this.inFlight === 0) for (const resolve of this.drainWaiters.splice(0)) resolve();
    });
  }

  backlog(): Backlog {
    return { bytes: this.ws.bufferedAmount, messages: this.inFlight };
  }

  whenDrained(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  heartbeat(): void {
    if (!this.answeredLastPing) {
      this.ws.terminate();
      return;
    }
    this.answeredLastPing = false;
    this.ws.ping();
  }

  close(reason: CloseReason): void {
    clearTimeout(this.authTimer);
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING)
      this.ws.close(WS_CLOSE_CODES[reason.code], closeReasonText(reason.message));
    // The hub closed the connection itself (it calls this); a close asked here for a client never admitted has nothing to tell.
  }

  private gone(): void {
    clearTimeout(this.authTimer);
    for (const resolve of this.drainWaiters.splice(0)) resolve();
    this.connection?.dropped();
  }

  private received(data: RawData, isBinary: boolean): void {
    const text = isBinary ? null : textOf(data);
    this.handling = this.handling.then(() => this.handle(text));
  }

  private async handle(text: string | null): Promise<void> {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    let request: ClientRequest | null = null;
    try {
      if (text === null) throw new ApiError('validation_error', 'messages are JSON text, not binary');
      request = parseClientRequest(text);
      await this.answer(request);
    } catch (error) {
      this.reply({ type: 'error', ...(request ? { request: request.type } : {}), ...clientError(error) });
      const closeReason = closeReasonOf(error);
      if (closeReason) this.end(closeReason);
    }
  }

  /** Closes through the hub's connection once there is one (so the hub forgets it), else the socket itself. */
  private end(reason: CloseReason): void {
    if (this.connection) this.connection.close(reason);
    else this.close(reason);
  }

  private async answer(request: ClientRequest): Promise<void> {
    if (request.type === 'auth') return this.authenticate(request.token, request.cursor);
    const connection = this.connection;
    if (!connection) throw new ApiError('unauthorized', 'send {"type":"auth","token":…} first');
    const { hub, window, readStore } = this.realtime;
    switch (request.type) {
      case 'subscribe':
        connection.subscribe(await channelSubscription(readStore, connection.identity.actor, request));
        return this.reply({ type: 'subscribed', channel: request.channel, resource_id: request.resource_id ?? null });
      case 'unsubscribe':
        connection.unsubscribe(await channelSubscription(readStore, connection.identity.actor, request));
        return this.reply({ type: 'unsubscribed', channel: request.channel, resource_id: request.resource_id ?? null });
      case 'resume':
        hub.resume(connection, await continuableCursor(window, request.cursor));
        return this.reply({ type: 'resumed', cursor: request.cursor });
    }
  }

  private async authenticate(token: string, cursor: string | undefined): Promise<void> {
    if (this.connection) throw new ApiError('validation_error', 'this connection is already authenticated');
    let identified;
    try {
      identified = await this.realtime.credentials.identify(token, this.ip);
    } catch (error) {
      const { code, message } = clientError(error);
      this.close({ code: 'unauthorized', message: `${code}: ${message}` });
      return;
    }
    const resumeAfter = cursor === undefined ? undefined : await continuableCursor(this.realtime.window, cursor);
    if (this.ws.readyState !== WebSocket.OPEN) return;
    clearTimeout(this.authTimer);
    const { principal, credential } = identified;
    const identity = { actor: { userId: principal.userId, scopes: principal.scopes }, credential, ip: this.ip };
    this.connection = this.realtime.hub.connect(identity, this, resumeAfter);
    this.reply({ type: 'authenticated', user_id: principal.userId, cursor: cursor ?? this.connection.cursor });
  }

  private reply(message: Record<string, unknown>): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }
}

/** The WebSocket endpoint at WS_PATH, on upgrades the HTTP server hands it (no server of its own). */
export class WsTransport {
  private readonly server = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: MAX_PAYLOAD_BYTES });

  constructor(
    private readonly realtime: RealtimeServices,
    private readonly clientIp: (req: IncomingMessage) => string | undefined,
  ) {}

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(req, socket, head, (ws) => new WsClient(ws, this.realtime, this.clientIp(req)));
  }

  /** Ends every client: those the hub has sent a close frame get `graceMs` to answer it, then the rest are cut. */
  async close(graceMs = 1000): Promise<void> {
    const open = [...this.server.clients];
    const closed = open.map(
      (ws) => new Promise<void>((resolve) => (ws.readyState === WebSocket.CLOSED ? resolve() : ws.once('close', () => resolve()))),
    );
    for (const ws of open) if (ws.readyState === WebSocket.OPEN) ws.close(WS_CLOSE_CODES.shutdown, 'the server is shutting down');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(closed), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
    for (const ws of this.server.clients) ws.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
