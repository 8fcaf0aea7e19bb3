import { createHash } from 'node:crypto';
import type { Document } from '../../../ports/readStore';

export const IDEMPOTENCY_COLLECTION = 'idempotency_keys';

/** A record lives this long after the first request; the sweeper removes it after. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
/** How long a running request holds its key before another replica may take it over (the first one crashed). */
export const IDEMPOTENCY_LEASE_MS = 5 * 60 * 1000;

/** What identifies a request under its key: the method, the route's canonical path with its params, the body's SHA-256. */
export interface RequestFingerprint {
  method: string;
  path: string;
  /** Unknown while a streamed body is still being read. */
  bodySha256: string | null;
}

/**
 * A 2xx answer as it is replayed. `body` is its JSON text, always sealed: many answers show a secret (sessions'
 * tokens, new API tokens, webhook secrets), not all of them say so with Cache-Control: no-store.
 */
export interface StoredAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

export interface IdempotencyRecord extends Document {
  state: 'running' | 'done';
  /** Who holds a running record: only its holder finishes or releases it. */
  lease: string;
  lease_until: number;
  expires_at: number;
  created_at: string;
  method: string;
  path: string;
  /** The body's SHA-256 keyed again with the server key (WebhookSecretBox.keyedDigest): bodies may hold passwords. */
  body_digest: string | null;
  answer: StoredAnswer | null;
}

/** The record's `_id`: one per (caller, key); a hash, so neither the key's length nor its characters reach the store's key. */
export const idempotencyRecordId = (scope: string, key: string): string =>
  createHash('sha256')
    .update(JSON.stringify([scope, key]))
    .digest('hex');

/** Whether a retry is the request its key was first used for; `bodyDigest` is the retry's body keyed as the record's is. */
export const sameRequest = (record: IdempotencyRecord, retry: { method: string; path: string; bodyDigest: string | null }): boolean =>
  record.method === retry.method && record.path === retry.path && record.body_digest === retry.bodyDigest;
