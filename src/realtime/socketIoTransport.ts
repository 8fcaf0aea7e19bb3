import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { ExtendedError, Socket } from 'socket.io';
import { Server } from 'socket.io';
import type { Identified } from '../api/auth/credentialCheck';
import type { Position } from '../ports/eventStore';
import type { FeedItem } from '../sync/feedTypes';
import { ApiError } from '../api/http/apiError';
import { channelSubscription, clientError, clientRequestOf, resumePosition } from './clientRequests';
import type { Backlog, CloseReason, Connection, Outbox } from './connection';
import type { RealtimeServices } from './realtimeServices';

export const SOCKET_IO_PATH = '/socket.io';

/** What the handshake admitted: the caller, and where to resume from (undefined: live from now). */
interface Admitted {
  identified: Identified;
  resumeAfter: Position | undefined;
}

/** engine.io keeps the packets not yet handed to its transport here; there is no public accessor. */
interface EngineBuffer {
  writeBuffer?: readonly { data?: unknown }[];
}

type Acknowledge = (answer: Record<string, unknown>) => void;

/** A handshake refusal as Socket.IO clients receive it: `connect_error` with `message` and `data.code`. */
function refusal(error: unknown): ExtendedError {
  const { code, message } = clientError(error);
  return Object.assign(new Error(message), { data: { code } });
}

/** The Socket.IO side of one connection: `sync_event` carries the feed item (the CryptoVaultX seed's shape plus `cursor`). */
class SocketIoOutbox implements Outbox {
  constructor(private readonly socket: Socket) {}

  send(item: FeedItem): void {
    this.socket.emit('sync_event', item);
  }

  backlog(): Backlog {
    const waiting = (this.socket.conn as unknown as EngineBuffer).writeBuffer ?? [];
    let bytes = 0;
    for (const packet of waiting) bytes += typeof packet.data === 'string' ? packet.data.length : 0;
    return { bytes, messages: waiting.length };
  }

  whenDrained(): Promise<void> {
    if (this.backlog().messages === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.conn.once('drain', () => resolve());
      this.socket.once('disconnect', () => resolve());
    });
  }

  /** engine.io pings every 30 s itself (pingInterval) and drops a client that does not answer. */
  heartbeat(): void {}

  close(reason: CloseReason): void {
    this.socket.emit('error_event', reason);
    this.socket.disconnect(true);
  }
}

/**
 * Socket.IO at /socket.io for the CryptoVaultX seed's clients: `io(url, {auth: {token, cursor?}})` is
 * admitted as a WebSocket client's `auth` message would be (refused with a `connect_error` otherwise),
 * follows its whole feed from then (or resumes after `cursor`), and receives `sync_event`. A client may
 * emit `subscribe`, `unsubscribe` ({channel, resource_id?}) and `resume` ({cursor}), with an optional
 * acknowledgement callback. `destroyUpgrade: false` leaves upgrades of other paths (the ws endpoint) alone.
 */
export class SocketIoTransport {
  private readonly io: Server;

  constructor(
    httpServer: HttpServer,
    private readonly realtime: RealtimeServices,
    private readonly clientIp: (req: IncomingMessage) => string | undefined,
  ) {
    this.io = new Server(httpServer, {
      path: SOCKET_IO_PATH,
      serveClient: false,
      destroyUpgrade: false,
      perMessageDeflate: false,
      httpCompression: false,
      pingInterval: 30_000,
      pingTimeout: 20_000,
      connectTimeout: 10_000,
      maxHttpBufferSize: 8 * 1024,
    });
    this.io.use((socket, next) => {
      this.admit(socket).then(
        (admitted) => {
          socket.data = admitted;
          next();
        },
        (error: unknown) => next(refusal(error)),
      );
    });
    this.io.on('connection', (socket) => this.accept(socket));
  }

  /** Disconnects every client and stops engine.io, leaving the HTTP server to its owner (io.close() would close it). */
  close(): void {
    this.io.disconnectSockets(true);
    this.io.engine.close();
  }

  private async admit(socket: Socket): Promise<Admitted> {
    const auth = socket.handshake.auth as Record<string, unknown>;
    const token = typeof auth.token === 'string' ? auth.token : '';
    const resumeAfter = typeof auth.cursor === 'string' ? resumePosition(this.realtime.items, auth.cursor) : undefined;
    return { identified: await this.realtime.credentials.identify(token, this.clientIp(socket.request)), resumeAfter };
  }

  private accept(socket: Socket): void {
    const { identified, resumeAfter } = socket.data as Admitted;
    const { principal, credential } = identified;
    const identity = { actor: { userId: principal.userId, scopes: principal.scopes }, credential, ip: this.clientIp(socket.request) };
    const connection = this.realtime.hub.connect(identity, new SocketIoOutbox(socket), resumeAfter);
    socket.on('disconnect', () => connection.dropped());
    socket.on('subscribe', (request: unknown, ack?: Acknowledge) => this.answer(connection, 'subscribe', request, ack));
    socket.on('unsubscribe', (request: unknown, ack?: Acknowledge) => this.answer(connection, 'unsubscribe', request, ack));
    socket.on('resume', (request: unknown, ack?: Acknowledge) => this.answer(connection, 'resume', request, ack));
  }

  private answer(connection: Connection, type: 'subscribe' | 'unsubscribe' | 'resume', request: unknown, ack?: Acknowledge): void {
    const reply = typeof ack === 'function' ? ack : () => undefined;
    this.handle(connection, type, request).then(reply, (error: unknown) => reply({ type: 'error', request: type, ...clientError(error) }));
  }

  private async handle(
    connection: Connection,
    type: 'subscribe' | 'unsubscribe' | 'resume',
    request: unknown,
  ): Promise<Record<string, unknown>> {
    const message = clientRequestOf({ ...(typeof request === 'object' && request !== null ? request : {}), type });
    if (message.type === 'auth') throw new ApiError('validation_error', 'this connection is already authenticated');
    if (message.type === 'resume') {
      this.realtime.hub.resume(connection, resumePosition(this.realtime.items, message.cursor));
      return { type: 'resumed', cursor: message.cursor };
    }
    const subscription = await channelSubscription(this.realtime.readStore, connection.identity.actor, message);
    if (message.type === 'subscribe') connection.subscribe(subscription);
    else connection.unsubscribe(subscription);
    return { type: `${message.type}d`, channel: message.channel, resource_id: message.resource_id ?? null };
  }
}
