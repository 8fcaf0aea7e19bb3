import { PassThrough } from 'node:stream';
import type { Readable } from 'node:stream';
import type { Request } from 'express';
import { ApiError } from '../http/apiError';
import { hashWhileRead } from '../http/idempotency/bodyDigest';

/** How long an answered request's unread body is still read (and dropped) before the connection is cut. */
const LINGER_MS = 5000;

/**
 * After answering before the body was read to its end (413, a refused upload), keeps reading and dropping
 * the rest: a client still sending gets to finish and read the answer, where closing the connection would
 * reset it mid-send. A body still not over after LINGER_MS has its connection closed.
 */
export function discardRestOfBody(req: Request): void {
  if (req.complete || req.destroyed) return;
  req.unpipe();
  req.resume();
  const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
  timer.unref();
  req.once('end', () => clearTimeout(timer));
  req.once('close', () => clearTimeout(timer));
}

/**
 * The request body as a stream that storage may destroy (past the size limit) without destroying the
 * request, which must stay readable to be drained. A client that disconnects makes it fail.
 */
export function bodyStream(req: Request): Readable {
  const body = new PassThrough();
  req.once('close', () => {
    if (!req.complete) body.destroy(new ApiError('validation_error', 'the upload was interrupted before its end'));
  });
  hashWhileRead(req);
  req.pipe(body);
  return body;
}
