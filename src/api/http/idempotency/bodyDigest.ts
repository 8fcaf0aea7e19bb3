import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** SHA-256 of no bytes: the digest of a request whose route reads no body. */
const EMPTY_BODY_DIGEST = createHash('sha256').digest('hex');

interface PendingDigest {
  hash: Hash;
  value: string | null;
}

/** Requests with an Idempotency-Key whose body is hashed as it is read; others are never hashed. */
const digests = new WeakMap<IncomingMessage, PendingDigest>();

const carriesIdempotencyKey = (req: IncomingMessage): boolean => req.headers['idempotency-key'] !== undefined;

/** express.json's `verify`: the raw bytes of a parsed JSON body, hashed only when the request has a key. */
export function digestJsonBody(req: IncomingMessage, _res: unknown, raw: Buffer): void {
  if (!carriesIdempotencyKey(req)) return;
  digests.set(req, { hash: createHash('sha256'), value: createHash('sha256').update(raw).digest('hex') });
}

/**
 * Where a handler starts streaming the request body: hashes it as it flows, when it has an Idempotency-Key.
 * Call it in the same turn as the `pipe` that reads the body, so both see every chunk.
 */
export function hashWhileRead(req: IncomingMessage): void {
  if (!carriesIdempotencyKey(req) || digests.has(req)) return;
  const pending: PendingDigest = { hash: createHash('sha256'), value: null };
  digests.set(req, pending);
  req.on('data', (chunk: Buffer) => pending.hash.update(chunk));
  req.once('end', () => (pending.value = pending.hash.digest('hex')));
}

/** The digest of the whole body once it has been read; the empty body's when nothing read it; null while part is unread. */
export function bodyDigestOf(req: IncomingMessage): string | null {
  const pending = digests.get(req);
  if (pending === undefined) return EMPTY_BODY_DIGEST;
  return pending.value;
}

/** Reads a streamed body to its end only to hash it (a retry compared with the stored request: its handler will not run). */
export async function readStreamedBodyDigest(req: IncomingMessage): Promise<string> {
  hashWhileRead(req);
  await new Promise<void>((resolve, reject) => {
    req.once('end', resolve);
    req.once('error', reject);
    req.once('close', () => (req.complete ? resolve() : reject(new Error('the request ended before its body'))));
    req.resume();
  });
  return bodyDigestOf(req) ?? EMPTY_BODY_DIGEST;
}
