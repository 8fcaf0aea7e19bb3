import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApiError } from './apiError';

/** Node's own answers to a request it cannot parse (see socketOnError in node's _http_server), in our envelope. */
function errorFor(code: string | undefined): ApiError {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return new ApiError('request_header_fields_too_large', 'the request line and headers are too large (at most 16 KiB)');
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return new ApiError('payload_too_large', 'the chunk extensions are too large');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new ApiError('request_timeout', 'the request was not received in time');
    default:
      return new ApiError('validation_error', 'the request is not valid HTTP');
  }
}

function rawResponse(error: ApiError): string {
  const requestId = randomUUID();
  const body = JSON.stringify({ error: { code: error.code, message: error.message, details: error.details }, request_id: requestId });
  return [
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? ''}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Request-Id: ${requestId}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/**
 * Answers what Node refuses before express sees a request (an over-long URL or header block, a malformed
 * request) with the error envelope instead of Node's bare status line. There is no request, so the answer
 * is written to the socket itself; a socket whose response is already under way is only closed, as Node does.
 */
export function answerClientErrors(server: Server): void {
  // Responses under way per socket (more than one when requests are pipelined).
  const responding = new WeakMap<Duplex, number>();
  server.on('request', (req, res) => {
    const socket = req.socket;
    responding.set(socket, (responding.get(socket) ?? 0) + 1);
    res.once('close', () => responding.set(socket, (responding.get(socket) ?? 1) - 1));
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable || (responding.get(socket) ?? 0) > 0) {
      socket.destroy();
      return;
    }
    socket.end(rawResponse(errorFor(error.code)), () => socket.destroy());
  });
}
