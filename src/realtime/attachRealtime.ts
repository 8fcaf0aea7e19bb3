import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Express, Request } from 'express';
import { CredentialSweep } from './credentialSweep';
import type { RealtimeServices } from './realtimeServices';
import { SOCKET_IO_PATH, SocketIoTransport } from './socketIoTransport';
import { WS_PATH, WsTransport } from './wsTransport';

export interface AttachedRealtime {
  /** Closes every realtime connection (ws, Socket.IO, SSE) and stops the hub; call before the HTTP server closes. */
  close(): Promise<void>;
}

/**
 * The client's address as Express tells it for a request (FILORA_TRUST_PROXY applied), for an upgrade
 * request that never reaches Express: looked at through the app's request prototype, as Express itself
 * does for every request it handles.
 */
export function clientAddressOf(app: Express): (req: IncomingMessage) => string | undefined {
  return (req) => {
    const view = Object.create(app.request, { headers: { value: req.headers }, socket: { value: req.socket } }) as Request;
    return view.ip;
  };
}

const pathOf = (url: string | undefined) => (url ?? '/').split('?', 1)[0]!;

/**
 * Starts the process's realtime hub and serves its transports on the HTTP server: ws at WS_PATH, Socket.IO
 * at SOCKET_IO_PATH (SSE is a route of the API), and the credential sweep. An upgrade to any other path is
 * answered 404.
 */
export async function attachRealtime(
  server: HttpServer,
  realtime: RealtimeServices,
  clientAddress: (req: IncomingMessage) => string | undefined,
): Promise<AttachedRealtime> {
  await realtime.hub.start();
  const sweep = new CredentialSweep(realtime.hub, realtime.credentials, realtime.logger, realtime.credentialSweepIntervalMs);
  sweep.start();
  const ws = new WsTransport(realtime, clientAddress);
  const socketIo = new SocketIoTransport(server, realtime, clientAddress);
  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
    const path = pathOf(req.url);
    if (path === WS_PATH) ws.upgrade(req, socket, head);
    else if (!path.startsWith(`${SOCKET_IO_PATH}/`)) socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  return {
    async close() {
      await sweep.stop();
      await realtime.hub.close();
      socketIo.close();
      await ws.close();
    },
  };
}
