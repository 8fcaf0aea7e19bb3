import type { Socket } from 'node:net';

interface Counted {
  read: number;
  written: number;
}

/** What each connection had read and written when its previous exchange ended. */
const countedSoFar = new WeakMap<Socket, Counted>();

/**
 * Bytes of one request/response exchange as they crossed the connection (request line, headers and body
 * each way, chunk framing included): what the connection read and wrote since its previous exchange
 * ended. Call it once per exchange, when it ends. HTTP/1.1 exchanges on one connection follow each other,
 * so the counts are exact unless a client pipelines requests (the next one's bytes may count here).
 */
export function exchangeBytes(socket: Socket): { bytesIn: number; bytesOut: number } {
  const before = countedSoFar.get(socket) ?? { read: 0, written: 0 };
  const now = { read: socket.bytesRead, written: socket.bytesWritten };
  countedSoFar.set(socket, now);
  return { bytesIn: Math.max(0, now.read - before.read), bytesOut: Math.max(0, now.written - before.written) };
}
