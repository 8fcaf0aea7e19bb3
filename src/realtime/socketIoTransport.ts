import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { ExtendedError, Socket } from 'socket.io';
import { Server } from 'socket.io';
import type { Identified } from '../api/auth/credentialCheck';
import { continuableCursor } from '../api/sync/feedStart';
import type { Position } from '../ports/eventStore';
import type { FeedItem } from '../sync/feedTypes';
import { channelSubscription } from './channelAccess';
import { clientError, closeReasonOf } from './clientErrors';
import type { AdmittedRequest } from './clientRequests';
import { admittedRequestOf } from './clientRequests';
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

/** The events an admitted client may emit: each is the WebSocket request of its name. */
const REQUEST_EVENTS = ['subscribe', 'unsubscribe', 'resume'] as const satisfies readonly AdmittedRequest['type'][];
type RequestEvent = (typeof REQUEST_EVENTS)[number];

type Acknowledge = (answer: Record<string, unknown>) => void;

/** The acknowledgement callback Socket.IO passes last when the client asked for one; anything else is the client's data. */
const acknowledgeOf = (value: unknown): Acknowledge | null => (typeof value === 'function' ? (value as Acknowledge) : null);

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
 * admitted as a WebSocket client's `auth` message would be (refused with a `connect_error` otherwise, a
 * cursor the feed cannot continue from included), follows its whole feed from then (or resumes after
 * `cursor`), and receives `sync_event`. A client may emit `subscribe`, `unsubscribe` ({channel, resource_id?})
 * and `resume` ({cursor}), with an optional acknowledgement callback; a refusal goes to the callback, or
 * without one as an `error_event`. A `resume` refused with `reset` then ends the connection (`error_event`,
 * disconnect). `destroyUpgrade: false` leaves upgrades of other paths (the ws endpoint) alone.
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
    const identified = await this.realtime.credentials.identify(token, this.clientIp(socket.request));
    const resumeAfter = typeof auth.cursor === 'string' ? await continuableCursor(this.realtime.window, auth.cursor) : undefined;
    return { identified, resumeAfter };
  }

  private accept(socket: Socket): void {
    const { identified, resumeAfter } = socket.data as Admitted;
    const { principal, credential } = identified;
    const identity = { actor: { userId: principal.userId, scopes: principal.scopes }, credential, ip: this.clientIp(socket.request) };
    const connection = this.realtime.hub.connect(identity, new SocketIoOutbox(socket), resumeAfter);
    socket.on('disconnect', () => connection.dropped());
    for (const type of REQUEST_EVENTS)
      socket.on(type, (request: unknown, ack: unknown) => this.answer(socket, connection, type, request, acknowledgeOf(ack)));
  }

  private answer(socket: Socket, connection: Connection, type: RequestEvent, request: unknown, ack: Acknowledge | null): void {
    this.handle(connection, type, request).then(
      (answer) => ack?.(answer),
      (error: unknown) => {
        const refusal = { type: 'error', request: type, ...clientError(error) };
        const closeReason = closeReasonOf(error);
        if (ack) ack(refusal);
        // Without an acknowledgement, a reset is told by the close's own error_event.
        else if (!closeReason) socket.emit('error_event', refusal);
        if (closeReason) connection.close(closeReason);
      },
    );
  }

  private async handle(connection: Connection, type: RequestEvent, request: unknown): Promise<Record<string, unknown>> {
    const message = admittedRequestOf({ ...(typeof request === 'object' && request !== null ? request : {}), type });
    if (message.type === 'resume') {
      this.realtime.hub.resume(connection, await continuableCursor(this.realtime.window, message.cursor));
      return { type: 'resumed', cursor: message.cursor };
    }
    const subscription = await channelSubscription(this.realtime.readStore, connection.identity.actor, message);
    if (message.type === 'subscribe') connection.subscribe(subscription);
    else connection.unsubscribe(subscription);
    return { type: `${message.type}d`, channel: message.channel, resource_id: message.resource_id ?? null };
  }
}
