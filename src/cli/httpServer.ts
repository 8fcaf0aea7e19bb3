import type { Server } from 'node:http';
import type { Express } from 'express';
import { answerClientErrors } from '../api/http/clientErrors';
import type { Logger } from '../ports/logger';
import type { AttachedRealtime } from '../realtime/attachRealtime';
import { attachRealtime, clientAddressOf } from '../realtime/attachRealtime';
import type { RealtimeServices } from '../realtime/realtimeServices';

/** The server could not listen: the port is taken, or not ours to bind. */
export class ListenError extends Error {
  override readonly name = 'ListenError';
  constructor(
    readonly host: string,
    readonly port: number,
    readonly code: string | undefined,
    cause: Error,
  ) {
    super(`cannot listen on ${host}:${port}: ${code === 'EADDRINUSE' ? `port ${port} is already in use` : cause.message}`, { cause });
  }
}

export function listen(app: Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    // Express 5 hands a listen error to this callback (and to 'error'): without the check it would count as listening.
    const server = app.listen(port, host, (error?: NodeJS.ErrnoException) =>
      error ? reject(new ListenError(host, port, error.code, error)) : resolve(server),
    );
    answerClientErrors(server);
    server.headersTimeout = 65_000;
    server.requestTimeout = 0; // uploads may legitimately take long; idle sockets are bounded by keepAliveTimeout
    server.keepAliveTimeout = 5_000;
  });
}

/** Stops accepting, lets in-flight requests finish within the timeout, then cuts what is left. */
export async function closeGracefully(server: Server, timeoutMs: number, logger: Logger): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Keep-alive sockets turn idle as their last response ends; close each as soon as it does.
  server.closeIdleConnections();
  const sweeper = setInterval(() => server.closeIdleConnections(), 50);
  const timer = setTimeout(() => {
    logger.warn('shutdown timeout: closing remaining connections', { timeoutMs });
    server.closeAllConnections();
  }, timeoutMs);
  await closed;
  clearTimeout(timer);
  clearInterval(sweeper);
}

/** The API served over HTTP, with its realtime endpoints (ws, Socket.IO) on the same server. */
export interface ServedApi {
  server: Server;
  /** Closes the realtime connections first (upgraded sockets escape the server's own close), then closes gracefully. */
  close(timeoutMs: number, logger: Logger): Promise<void>;
}

export async function serveApi(app: Express, realtime: RealtimeServices, port: number, host: string): Promise<ServedApi> {
  const server = await listen(app, port, host);
  let attached: AttachedRealtime;
  try {
    attached = await attachRealtime(server, realtime, clientAddressOf(app));
  } catch (error) {
    server.close();
    throw error;
  }
  return {
    server,
    async close(timeoutMs, logger) {
      await attached.close();
      await closeGracefully(server, timeoutMs, logger);
    },
  };
}
