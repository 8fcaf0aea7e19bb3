import type { Server } from 'node:http';
import type { Express } from 'express';
import { answerClientErrors } from '../api/http/clientErrors';
import type { Logger } from '../ports/logger';

export function listen(app: Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, () => resolve(server));
    server.once('error', reject);
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
