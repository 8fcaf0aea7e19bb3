import { JsonLogger } from '../../../../src/adapters/logger/jsonLogger';
import { ApiError } from '../../../../src/api/http/apiError';
import { IdempotencyKeys } from '../../../../src/api/http/idempotency/idempotencyKeys';
import {
  IDEMPOTENCY_COLLECTION,
  IDEMPOTENCY_LEASE_MS,
  IDEMPOTENCY_RETENTION_MS,
  idempotencyRecordId,
  sameRequest,
} from '../../../../src/api/http/idempotency/idempotencyRecord';
import type { IdempotencyRecord, RequestFingerprint } from '../../../../src/api/http/idempotency/idempotencyRecord';
import { IdempotencySweeper } from '../../../../src/jobs/idempotencySweeper';
import { WebhookSecretBox } from '../../../../src/security/webhookSecrets';
import { openStores } from '../../../support/stores';

type Stores = Awaited<ReturnType<typeof openStores>>;
let stores: Stores;
let now: number;
let keys: IdempotencyKeys;
beforeEach(async () => {
  stores = await openStores();
  now = Date.parse('2026-03-31T12:00:00.000Z');
  keys = new IdempotencyKeys(stores.readStore, new WebhookSecretBox('test key'), () => now);
});
afterEach(async () => {
  await stores.close();
});

const REQUEST: RequestFingerprint = { method: 'POST', path: '/folders', bodySha256: 'a'.repeat(64) };
const noDigest = () => Promise.reject(new Error('a JSON request knows its digest'));
const CREATED = { status: 201, body: { id: 'f1', name: 'docs' }, headers: { Location: '/api/v1/folders/f1' }, position: '0000000042' };

async function claimError(claim: Promise<unknown>): Promise<ApiError> {
  const error = await claim.then(
    () => null,
    (refused: unknown) => refused,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

async function runAndFinish(scope = 'u1', key = 'k') {
  const claim = await keys.claim(scope, key, REQUEST, noDigest);
  if (claim.kind !== 'run') throw new Error('expected to run');
  await keys.finish(claim.held, CREATED, REQUEST.bodySha256!);
}

describe('the fingerprint', () => {
  const record = { method: 'POST', path: '/folders', body_digest: 'a'.repeat(64) } as IdempotencyRecord;
  const REQUEST_DIGESTED = { method: REQUEST.method, path: REQUEST.path, bodyDigest: REQUEST.bodySha256 };

  it('is the method, the filled path and the body digest, each of them', () => {
    expect(sameRequest(record, REQUEST_DIGESTED)).toBe(true);
    expect(sameRequest(record, { ...REQUEST_DIGESTED, method: 'PUT' })).toBe(false);
    expect(sameRequest(record, { ...REQUEST_DIGESTED, path: '/folders/x' })).toBe(false);
    expect(sameRequest(record, { ...REQUEST_DIGESTED, bodyDigest: 'b'.repeat(64) })).toBe(false);
  });

  it('keys records by caller and key, apart from each other', () => {
    expect(idempotencyRecordId('u1', 'k')).toBe(idempotencyRecordId('u1', 'k'));
    expect(idempotencyRecordId('u1', 'k')).not.toBe(idempotencyRecordId('u2', 'k'));
    expect(idempotencyRecordId('u1', 'k k')).not.toBe(idempotencyRecordId('u1 k', 'k'));
  });
});

describe('an Idempotency-Key record', () => {
  it('runs the first request, refuses one while it runs, then replays its answer', async () => {
    const first = await keys.claim('u1', 'k', REQUEST, noDigest);
    expect(first.kind).toBe('run');
    const running = await claimError(keys.claim('u1', 'k', REQUEST, noDigest));
    expect([running.code, running.headers]).toEqual(['conflict', { 'Retry-After': '1' }]);
    if (first.kind !== 'run') return;
    await keys.finish(first.held, CREATED, REQUEST.bodySha256!);
    expect(await keys.claim('u1', 'k', REQUEST, noDigest)).toEqual({
      kind: 'replay',
      answer: { status: 201, body: CREATED.body, headers: { Location: '/api/v1/folders/f1', 'X-Filora-Position': '0000000042' } },
    });
  });

  it('answers idempotency_mismatch to another request under a finished key', async () => {
    await runAndFinish();
    const mismatch = await claimError(keys.claim('u1', 'k', { ...REQUEST, bodySha256: 'b'.repeat(64) }, noDigest));
    expect(mismatch.code).toBe('idempotency_mismatch');
  });

  it('reads a streamed retry’s digest only to compare it with a finished request', async () => {
    const streamed = { ...REQUEST, bodySha256: null };
    const claim = await keys.claim('u1', 'k', streamed, noDigest);
    if (claim.kind !== 'run') throw new Error('expected to run');
    await keys.finish(claim.held, CREATED, 'c'.repeat(64));
    expect((await keys.claim('u1', 'k', streamed, () => Promise.resolve('c'.repeat(64)))).kind).toBe('replay');
    expect((await claimError(keys.claim('u1', 'k', streamed, () => Promise.resolve('d'.repeat(64))))).code).toBe('idempotency_mismatch');
  });

  it('is released by its holder, and the next request runs', async () => {
    const claim = await keys.claim('u1', 'k', REQUEST, noDigest);
    if (claim.kind !== 'run') throw new Error('expected to run');
    await keys.release(claim.held);
    expect((await keys.claim('u1', 'k', { ...REQUEST, bodySha256: 'b'.repeat(64) }, noDigest)).kind).toBe('run');
  });

  it('is taken over once the running request’s lease lapsed, and the old holder can no longer release it', async () => {
    const crashed = await keys.claim('u1', 'k', REQUEST, noDigest);
    now += IDEMPOTENCY_LEASE_MS - 1;
    expect((await claimError(keys.claim('u1', 'k', REQUEST, noDigest))).code).toBe('conflict');
    now += 1;
    const takeover = await keys.claim('u1', 'k', REQUEST, noDigest);
    expect(takeover.kind).toBe('run');
    if (crashed.kind === 'run') await keys.release(crashed.held);
    expect((await claimError(keys.claim('u1', 'k', REQUEST, noDigest))).code).toBe('conflict');
  });

  it('starts over once it expired, 24 h after the first request', async () => {
    await runAndFinish();
    now += IDEMPOTENCY_RETENTION_MS;
    expect((await keys.claim('u1', 'k', { ...REQUEST, bodySha256: 'b'.repeat(64) }, noDigest)).kind).toBe('run');
  });

  it.each([
    ['that says so (Cache-Control: no-store)', { 'Cache-Control': 'no-store' }],
    ['that does not say so (a login)', {}],
  ])('keeps the body of an answer showing a secret %s sealed, and the body digest keyed', async (_case, headers) => {
    const claim = await keys.claim('u1', 'k', REQUEST, noDigest);
    if (claim.kind !== 'run') throw new Error('expected to run');
    const secret = { status: 201, body: { id: 't1', secret: 'fl_secret_value' }, headers };
    await keys.finish(claim.held, secret, REQUEST.bodySha256!);
    const stored = await stores.readStore.get<IdempotencyRecord>(IDEMPOTENCY_COLLECTION, idempotencyRecordId('u1', 'k'));
    expect(JSON.stringify(stored)).not.toContain('fl_secret_value');
    expect(JSON.stringify(stored)).not.toContain(REQUEST.bodySha256!);
    const replay = await keys.claim('u1', 'k', REQUEST, noDigest);
    expect(replay.kind === 'replay' && replay.answer.body).toEqual(secret.body);
  });
});

describe('the sweeper', () => {
  it('removes the records whose 24 h have passed, in bounded batches, and keeps the others', async () => {
    for (const key of ['a', 'b', 'c']) await runAndFinish('u1', key);
    now += 1000;
    await runAndFinish('u1', 'young');
    const sweeper = new IdempotencySweeper(stores.readStore, new JsonLogger('silent'), { batchSize: 2 }, () => now);
    expect(await sweeper.sweep()).toBe(0);
    now += IDEMPOTENCY_RETENTION_MS - 1000;
    expect(await sweeper.sweep()).toBe(3);
    const left = await stores.readStore.find(IDEMPOTENCY_COLLECTION, {});
    expect(left.map((record) => record._id)).toEqual([idempotencyRecordId('u1', 'young')]);
  });
});
