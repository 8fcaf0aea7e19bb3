import { randomUUID } from 'node:crypto';
import type { ReadStore } from '../../../ports/readStore';
import type { WebhookSecretBox } from '../../../security/webhookSecrets';
import { ApiError } from '../apiError';
import type { RouteResult } from '../route';
import {
  IDEMPOTENCY_COLLECTION,
  IDEMPOTENCY_LEASE_MS,
  IDEMPOTENCY_RETENTION_MS,
  idempotencyRecordId,
  sameRequest,
} from './idempotencyRecord';
import type { IdempotencyRecord, RequestFingerprint, StoredAnswer } from './idempotencyRecord';

/** The caller's hold on a key while its request runs. */
export interface HeldKey {
  id: string;
  lease: string;
}

export type Claim = { kind: 'run'; held: HeldKey } | { kind: 'replay'; answer: ReplayedAnswer };

export interface ReplayedAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Headers a replay repeats; the rest are the server's of the moment (request id, rate limits). */
const REPLAYED_HEADERS = new Set(['location', 'content-type', 'cache-control', 'x-filora-stale']);
/** Claims tried in a row: a record that expires or is released between our insert and our read is claimed again. */
const CLAIM_ATTEMPTS = 3;
const RETRY_AFTER_SECONDS = '1';

/**
 * Idempotency-Key records in the read store. Inserting the record is the lock: of two requests with one key
 * one inserts it and runs; the other waits its turn (409) or, once the first has answered, gets its answer.
 */
export class IdempotencyKeys {
  constructor(
    private readonly readStore: ReadStore,
    private readonly box: WebhookSecretBox,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Takes the key for this request, or answers why not. `retryDigest` gives the body's digest of a request that
   * may be a retry of a finished one (reading a streamed body to its end), asked only then.
   */
  async claim(scope: string, key: string, request: RequestFingerprint, retryDigest: () => Promise<string | null>): Promise<Claim> {
    const id = idempotencyRecordId(scope, key);
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      const now = this.now();
      const lease = randomUUID();
      const record: IdempotencyRecord = {
        _id: id,
        state: 'running',
        lease,
        lease_until: now + IDEMPOTENCY_LEASE_MS,
        expires_at: now + IDEMPOTENCY_RETENTION_MS,
        created_at: new Date(now).toISOString(),
        method: request.method,
        path: request.path,
        body_digest: this.keyed(request.bodySha256),
        answer: null,
      };
      if (await this.readStore.insert(IDEMPOTENCY_COLLECTION, record)) return { kind: 'run', held: { id, lease } };
      const existing = await this.readStore.get<IdempotencyRecord>(IDEMPOTENCY_COLLECTION, id);
      if (existing === null) continue;
      const abandoned = existing.state === 'running' && existing.lease_until <= now;
      if (existing.expires_at <= now || abandoned) {
        await this.readStore.delete(IDEMPOTENCY_COLLECTION, id, { where: { lease: existing.lease } });
        continue;
      }
      if (existing.state === 'running') {
        throw new ApiError('conflict', 'a request with this Idempotency-Key is still running', [], { 'Retry-After': RETRY_AFTER_SECONDS });
      }
      const retry = { ...request, bodyDigest: this.keyed(request.bodySha256 ?? (await retryDigest())) };
      if (!sameRequest(existing, retry) || existing.answer === null) {
        throw new ApiError('idempotency_mismatch', 'this Idempotency-Key was used for another request (method, path or body)');
      }
      return { kind: 'replay', answer: this.opened(existing.answer) };
    }
    throw new ApiError('conflict', 'a request with this Idempotency-Key is still running', [], { 'Retry-After': RETRY_AFTER_SECONDS });
  }

  /** Keeps a 2xx answer for retries; `bodySha256` completes a streamed request's fingerprint. */
  async finish(held: HeldKey, result: RouteResult, bodySha256: string): Promise<void> {
    const headers = Object.fromEntries(Object.entries(result.headers ?? {}).filter(([name]) => REPLAYED_HEADERS.has(name.toLowerCase())));
    if (result.position) headers['X-Filora-Position'] = result.position;
    const json = result.body === undefined ? null : JSON.stringify(result.body);
    const answer: StoredAnswer = { status: result.status, headers, body: json === null ? null : this.box.seal(json) };
    await this.readStore.patch(IDEMPOTENCY_COLLECTION, held.id, {
      $set: { state: 'done', answer, body_digest: this.keyed(bodySha256), lease_until: 0 },
    });
  }

  /** Frees the key after anything but a 2xx answer: a retry runs again. */
  async release(held: HeldKey): Promise<void> {
    await this.readStore.delete(IDEMPOTENCY_COLLECTION, held.id, { where: { lease: held.lease } });
  }

  private keyed(bodySha256: string | null): string | null {
    return bodySha256 === null ? null : this.box.keyedDigest(bodySha256);
  }

  private opened(answer: StoredAnswer): ReplayedAnswer {
    const json = answer.body === null ? null : this.box.open(answer.body);
    return { status: answer.status, headers: answer.headers, body: json === null ? undefined : (JSON.parse(json) as unknown) };
  }
}
