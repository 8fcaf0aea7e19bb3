import { IDEMPOTENCY_COLLECTION, idempotencyRecordId } from '../../src/api/http/idempotency/idempotencyRecord';
import type { IdempotencyRecord } from '../../src/api/http/idempotency/idempotencyRecord';
import type { FileBody, FolderBody, Page } from '../support/files';
import { eventually, uploadJson } from '../support/files';
import { sendAndHangUp, slowUpload } from '../support/hangUp';
import { call, registerAndLogin } from '../support/http';
import type { JsonResponse } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const url = () => platform.url;
const API = '/api/v1';
let keys = 0;
const newKey = () => `key-${Date.now()}-${++keys}`;

interface ErrorBody {
  error: { code: string; details: Array<{ path: string }> };
}

/** The retry of a request whose first try may still run: asked again while it answers 409. */
const retried = <T>(send: () => Promise<JsonResponse<T>>) => eventually(send, (answer) => answer.status !== 409);

const listFiles = async (token: string) =>
  (await call<Page<FileBody>>(url(), 'GET', `${API}/files?limit=100`, { token })).body.data.map((file) => file.name);
const listFolders = async (token: string) =>
  (await call<Page<FolderBody>>(url(), 'GET', `${API}/folders?limit=100`, { token })).body.data.map((folder) => folder.name);

/** Resolves once the server holds the key: the request is running (or has run). */
const keyTaken = (userId: string, key: string) => () =>
  eventually(
    () => platform.platform.readStore.get(IDEMPOTENCY_COLLECTION, idempotencyRecordId(userId, key)),
    (record) => record !== null,
  );

const postJson = (token: string, path: string, body: unknown, key: string) =>
  call<Record<string, unknown>>(url(), 'POST', `${API}${path}`, { token, body, headers: { 'idempotency-key': key } });

function multipartBody(filename: string, content: string): { body: Buffer; contentType: string } {
  const boundary = `----filora${Date.now()}`;
  const body = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--${boundary}--\r\n`,
  );
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('a retry after a client timeout', () => {
  it('creates one file from a JSON upload, and replays the first answer', async () => {
    const { token, id } = await registerAndLogin(url());
    const key = newKey();
    const body = JSON.stringify({ name: 'once.txt', content: 'hello' });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key };
    await sendAndHangUp(url(), 'POST', `${API}/files`, headers, body, keyTaken(id, key));
    const retry = await retried(() => call<FileBody>(url(), 'POST', `${API}/files`, { token, raw: body, headers }));
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.headers.get('location')).toBe(`${API}/files/${retry.body.id}`);
    expect(retry.headers.get('x-filora-position')).toMatch(/.+/);
    const again = await call<FileBody>(url(), 'POST', `${API}/files`, { token, raw: body, headers });
    expect(again.body).toEqual(retry.body);
    expect(await listFiles(token)).toEqual(['once.txt']);
  });

  it('creates one file from a streamed multipart upload', async () => {
    const { token, id } = await registerAndLogin(url());
    const key = newKey();
    const { body, contentType } = multipartBody('streamed.txt', 'streamed content');
    const headers = { authorization: `Bearer ${token}`, 'content-type': contentType, 'idempotency-key': key };
    await sendAndHangUp(url(), 'POST', `${API}/files`, headers, body, keyTaken(id, key));
    const retry = await retried(() => call<FileBody>(url(), 'POST', `${API}/files`, { raw: body, headers }));
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.name).toBe('streamed.txt');
    expect(await listFiles(token)).toEqual(['streamed.txt']);
  });

  it('creates one folder and one share', async () => {
    const alice = await registerAndLogin(url());
    const bob = await registerAndLogin(url());
    const folderBody = JSON.stringify({ name: 'once' });
    const folderKey = newKey();
    const headers = { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json', 'idempotency-key': folderKey };
    await sendAndHangUp(url(), 'POST', `${API}/folders`, headers, folderBody, keyTaken(alice.id, folderKey));
    const folder = await retried(() => call<FolderBody>(url(), 'POST', `${API}/folders`, { raw: folderBody, headers }));
    expect(folder.status).toBe(201);
    expect(folder.headers.get('idempotent-replayed')).toBe('true');
    expect(await listFolders(alice.token)).toEqual(['once']);

    const file = (await uploadJson(url(), alice.token, { name: 'shared.txt', content: 'x' })).body;
    const shareBody = JSON.stringify({ usernames: [bob.user.username], permission: 'view' });
    const shareKey = newKey();
    const shareHeaders = { ...headers, 'idempotency-key': shareKey };
    await sendAndHangUp(url(), 'POST', `${API}/files/${file.id}/shares`, shareHeaders, shareBody, keyTaken(alice.id, shareKey));
    const share = await retried(() => call(url(), 'POST', `${API}/files/${file.id}/shares`, { raw: shareBody, headers: shareHeaders }));
    expect(share.status).toBe(201);
    expect(share.headers.get('idempotent-replayed')).toBe('true');
    const shared = (await platform.platform.eventStore.readStream(`file-${file.id}`)).filter((event) => /Shared$/.test(event.type));
    expect(shared).toHaveLength(1);
  });
});

describe('a key used again', () => {
  it('for another body answers 422 idempotency_mismatch, and changes nothing', async () => {
    const { token } = await registerAndLogin(url());
    const key = newKey();
    expect((await postJson(token, '/folders', { name: 'first' }, key)).status).toBe(201);
    const other = await postJson(token, '/folders', { name: 'second' }, key);
    expect(other.status).toBe(422);
    expect((other.body as unknown as ErrorBody).error.code).toBe('idempotency_mismatch');
    const elsewhere = await call(url(), 'POST', `${API}/files`, {
      token,
      body: { name: 'first', content: 'x' },
      headers: { 'idempotency-key': key },
    });
    expect(elsewhere.status).toBe(422);
    expect(await listFolders(token)).toEqual(['first']);
  });

  it('while the first request still runs answers 409 with Retry-After', async () => {
    const { token } = await registerAndLogin(url());
    const file = (await uploadJson(url(), token, { name: 'slow.bin', content: 'v1' })).body;
    const key = newKey();
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'idempotency-key': key };
    const first = slowUpload(url(), 'PUT', `${API}/files/${file.id}/content`, headers, Buffer.alloc(1000, 1), Buffer.alloc(1000, 2));
    await eventually(
      () => platform.platform.readStore.count(IDEMPOTENCY_COLLECTION, { state: 'running' }),
      (running) => running > 0,
    );
    const meanwhile = await call(url(), 'PUT', `${API}/files/${file.id}/content`, { raw: Buffer.alloc(2000, 1), headers });
    expect(meanwhile.status).toBe(409);
    expect(meanwhile.headers.get('retry-after')).toMatch(/^\d+$/);
    first.finish();
    const answered = await first.answered;
    expect(answered.status).toBe(200);
    const retry = await call(url(), 'PUT', `${API}/files/${file.id}/content`, {
      raw: Buffer.concat([Buffer.alloc(1000, 1), Buffer.alloc(1000, 2)]),
      headers,
    });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(JSON.parse(answered.body));
    const otherBytes = await call(url(), 'PUT', `${API}/files/${file.id}/content`, { raw: Buffer.alloc(2000, 3), headers });
    expect(otherBytes.status).toBe(422);
  });

  it('by another user is theirs: the same key does not collide', async () => {
    const alice = await registerAndLogin(url());
    const bob = await registerAndLogin(url());
    const key = newKey();
    expect((await postJson(alice.token, '/folders', { name: 'alice' }, key)).status).toBe(201);
    const bobs = await postJson(bob.token, '/folders', { name: 'bob' }, key);
    expect(bobs.status).toBe(201);
    expect(bobs.headers.get('idempotent-replayed')).toBeNull();
    expect(await listFolders(bob.token)).toEqual(['bob']);
  });

  it('after a 4xx answer runs again: the failure released it', async () => {
    const { token } = await registerAndLogin(url());
    const key = newKey();
    const missingParent = await postJson(token, '/folders', { name: 'child', parent_id: '00000000-0000-4000-8000-000000000000' }, key);
    expect(missingParent.status).toBe(404);
    const retry = await postJson(token, '/folders', { name: 'child' }, key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
  });
});

describe('the Idempotency-Key header', () => {
  it('refuses a key of 256 characters or one that is not printable ASCII with 400, and stores nothing', async () => {
    const { token } = await registerAndLogin(url());
    const before = await platform.platform.readStore.count(IDEMPOTENCY_COLLECTION, {});
    for (const key of ['k'.repeat(256), 'tab\there']) {
      const refused = await postJson(token, '/folders', { name: 'never' }, key);
      expect(refused.status).toBe(400);
      expect((refused.body as unknown as ErrorBody).error.details.map((detail) => detail.path)).toEqual(['header.idempotency-key']);
    }
    expect(await platform.platform.readStore.count(IDEMPOTENCY_COLLECTION, {})).toBe(before);
    expect(await listFolders(token)).toEqual([]);
    expect((await postJson(token, '/folders', { name: 'longest' }, 'k'.repeat(255))).status).toBe(201);
  });

  it('keeps an answer that shows a secret sealed, and replays the secret', async () => {
    const { token } = await registerAndLogin(url());
    const key = newKey();
    const body = { name: 'ci', scopes: ['files.read'] };
    const first = await postJson(token, '/tokens', body, key);
    expect(first.status).toBe(201);
    const secret = String(first.body.secret);
    const records = await platform.platform.readStore.find<IdempotencyRecord>(IDEMPOTENCY_COLLECTION, { state: 'done' });
    expect(records.length).toBeGreaterThan(0);
    expect(JSON.stringify(records)).not.toContain(secret);
    const replay = await postJson(token, '/tokens', body, key);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.headers.get('cache-control')).toBe('no-store');
    expect(replay.body.secret).toBe(secret);
  });
});
