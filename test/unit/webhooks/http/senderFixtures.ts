import type { LookupAddress } from 'node:dns';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, createServer as createTcpServer, type Socket } from 'node:net';
import path from 'node:path';
import type { LogFields, Logger } from '../../../../src/ports/logger';
import type { HostResolver } from '../../../../src/webhooks/http/pinnedLookup';
import type { AttemptRequest } from '../../../../src/webhooks/webhookPorts';

const TLS_DIR = path.join(__dirname, '../../../fixtures/tls');

export function attempt(url: string, overrides: Partial<AttemptRequest> = {}): AttemptRequest {
  return {
    url,
    body: '{"id":"msg_1","event":"file.created","timestamp":"2026-11-30T12:00:00.000Z","data":{}}',
    headers: { 'content-type': 'application/json', 'webhook-id': 'msg_1' },
    verifySsl: true,
    ...overrides,
  };
}

/** A resolver answering from a table (an unknown name is ENOTFOUND), counting its calls per name. */
export function tableResolver(table: Record<string, readonly string[] | ((call: number) => readonly string[])>) {
  const calls = new Map<string, number>();
  const resolve: HostResolver = async (hostname) => {
    const call = (calls.get(hostname) ?? 0) + 1;
    calls.set(hostname, call);
    const entry = table[hostname];
    const addresses = typeof entry === 'function' ? entry(call) : entry;
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { resolve, callsFor: (hostname: string) => calls.get(hostname) ?? 0 };
}

/** A logger keeping its warnings (the sender's refusals), ignoring the rest. */
export function warningLogger() {
  const warnings: Array<{ message: string; fields?: LogFields }> = [];
  const ignore = () => undefined;
  const logger: Logger = {
    debug: ignore,
    info: ignore,
    warn: (message, fields) => void warnings.push({ message, fields }),
    error: ignore,
    child: () => logger,
  };
  return { logger, warnings };
}

/** A local server and what a test needs of it; close() drops kept-alive connections too. */
export interface LocalServer {
  port: number;
  connections: () => number;
  close: () => Promise<void>;
}

async function listening(server: Server | ReturnType<typeof createTcpServer>): Promise<LocalServer> {
  const sockets = new Set<Socket>();
  let connections = 0;
  server.on('connection', (socket: Socket) => {
    connections += 1;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

export const httpServer = (handler: RequestListener) => listening(createHttpServer(handler));

/** HTTPS with a self-signed certificate for localhost, hooks.test and 127.0.0.1. */
export const httpsServer = (handler: RequestListener) =>
  listening(
    createHttpsServer(
      { key: readFileSync(path.join(TLS_DIR, 'self-signed.key')), cert: readFileSync(path.join(TLS_DIR, 'self-signed.crt')) },
      handler,
    ),
  );

/** Accepts TCP connections and never says a word (no HTTP answer, no TLS handshake). */
export const silentTcpServer = () => listening(createTcpServer(() => undefined));

/**
 * Answers the first request of its first connection with keep-alive, then resets that connection when the next
 * request comes on it (an endpoint that closed an idle connection the client still had in its pool); later
 * connections answer `fresh`.
 */
export function resettingTcpServer() {
  let accepted = 0;
  const server = createTcpServer((socket) => {
    accepted += 1;
    const first = accepted === 1;
    let requests = 0;
    socket.on('data', () => {
      requests += 1;
      if (first && requests > 1) return socket.resetAndDestroy();
      const body = first ? 'first' : 'fresh';
      socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\nConnection: keep-alive\r\n\r\n${body}`);
    });
  });
  return listening(server);
}
