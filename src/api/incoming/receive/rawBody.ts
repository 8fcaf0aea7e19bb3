import type { Request } from 'express';
import { ApiError } from '../../http/apiError';
import { discardRestOfBody } from '../../files/requestBody';

/** A call's body as received: whole, or cut at the limit (what was read is kept for the call log's excerpt). */
export type RawBody = { kind: 'whole'; bytes: Buffer } | { kind: 'too_large'; head: Buffer; sizeBytes: number; maxBytes: number };

const declaredLength = (req: Request): number | null => {
  const header = req.headers['content-length'];
  return header !== undefined && /^\d+$/.test(header) ? Number(header) : null;
};

/**
 * Reads the request body as bytes, for the signature check, up to `maxBytes`. A body announced larger is
 * refused before a byte is read, and one that grows past the limit stops being read there; the rest is
 * drained, not kept, so the sender can read the 413.
 */
export function readRawBody(req: Request, maxBytes: number): Promise<RawBody> {
  const declared = declaredLength(req);
  if (declared !== null && declared > maxBytes) {
    discardRestOfBody(req);
    return Promise.resolve({ kind: 'too_large', head: Buffer.alloc(0), sizeBytes: declared, maxBytes });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onFailure);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      chunks.push(chunk);
      if (size <= maxBytes) return;
      stop();
      discardRestOfBody(req);
      resolve({ kind: 'too_large', head: Buffer.concat(chunks, size), sizeBytes: size, maxBytes });
    };
    const onEnd = () => {
      stop();
      resolve({ kind: 'whole', bytes: Buffer.concat(chunks, size) });
    };
    const onFailure = () => {
      stop();
      reject(new ApiError('validation_error', 'the request was aborted before its body ended'));
    };
    const onClose = () => {
      if (!req.complete) onFailure();
    };
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onFailure);
    req.once('close', onClose);
  });
}
