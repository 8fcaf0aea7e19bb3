import { call, registerAndLogin } from '../support/http';
import { eventually, storedFiles, uploadJson, uploadMultipart } from '../support/files';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';
import { domainHead } from '../support/domainHead';

const MAX_UPLOAD = 16 * 1024;
const QUOTA = 40 * 1024;

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ FILORA_MAX_UPLOAD_BYTES: String(MAX_UPLOAD), FILORA_USER_QUOTA_BYTES: String(QUOTA) });
});
afterAll(async () => {
  await platform.close();
});

/** The event store head and every stored or temporary blob file: what an upload must not change when refused. */
const snapshot = async () => ({ head: await domainHead(platform.platform.eventStore), files: storedFiles(platform.dataDir) });

describe('FILORA_MAX_UPLOAD_BYTES', () => {
  it('answers 413 past the limit and leaves no event, no blob and no temporary file', async () => {
    const { token } = await registerAndLogin(platform.url);
    const before = await snapshot();
    const multipart = await uploadMultipart(platform.url, token, { content: Buffer.alloc(256 * 1024, 1), fields: { name: 'big.bin' } });
    expect(multipart.status).toBe(413);
    expect(multipart.body).toMatchObject({ error: { code: 'payload_too_large' } });
    const fieldsAfter = await uploadMultipart(platform.url, token, {
      content: Buffer.alloc(MAX_UPLOAD + 1, 2),
      fields: { name: 'big2.bin' },
      fieldsAfter: true,
    });
    expect(fieldsAfter.status).toBe(413);
    const json = await uploadJson(platform.url, token, { name: 'big.txt', content: 'x'.repeat(MAX_UPLOAD + 1) });
    expect(json.status).toBe(413);
    // A refused multipart upload's temporary file is removed as the blob store unwinds, which may finish just after the 413.
    const settled = await eventually(snapshot, (after) => JSON.stringify(after) === JSON.stringify(before));
    expect(settled).toEqual(before);
  });

  it('accepts exactly the limit', async () => {
    const { token } = await registerAndLogin(platform.url);
    expect(
      (await uploadMultipart(platform.url, token, { content: Buffer.alloc(MAX_UPLOAD, 3), fields: { name: 'exact.bin' } })).status,
    ).toBe(201);
  });

  it('answers 413 on PUT /content past the limit, keeping the current version', async () => {
    const { token } = await registerAndLogin(platform.url);
    const created = await uploadJson(platform.url, token, { name: 'small.txt', content: 'small' });
    const before = await snapshot();
    const response = await call(platform.url, 'PUT', `/api/v1/files/${created.body.id}/content`, {
      token,
      raw: Buffer.alloc(200 * 1024, 4),
    });
    expect(response.status).toBe(413);
    expect(await snapshot()).toEqual(before);
    expect((await call(platform.url, 'GET', `/api/v1/files/${created.body.id}`, { token })).body).toMatchObject({ version: 1, size: 5 });
  });

  it('lets a client still sending read an early answer instead of a reset connection', async () => {
    const { token } = await registerAndLogin(platform.url);
    const created = await uploadJson(platform.url, token, { name: 'target.txt', content: 'x' });
    // Bodies several times the socket buffers: the server answers long before the client is done sending.
    const body = Buffer.alloc(8 * 1024 * 1024, 5);
    expect((await call(platform.url, 'PUT', `/api/v1/files/${created.body.id}/content`, { token, raw: body })).status).toBe(413);
    expect(
      (await call(platform.url, 'PUT', '/api/v1/files/00000000-0000-4000-8000-000000000000/content', { token, raw: body })).status,
    ).toBe(404);
    expect((await uploadMultipart(platform.url, token, { content: body, fields: { name: 'target.txt' } })).status).toBe(409);
  });
});

describe('FILORA_USER_QUOTA_BYTES', () => {
  it('answers 413 once a user would go over the quota, counting every version, and reports the quota', async () => {
    const { token } = await registerAndLogin(platform.url);
    const piece = Buffer.alloc(12 * 1024, 6);
    const first = await uploadMultipart(platform.url, token, { content: piece, fields: { name: 'a.bin' } });
    expect(first.status).toBe(201);
    expect((await uploadMultipart(platform.url, token, { content: piece, fields: { name: 'b.bin' } })).status).toBe(201);
    expect((await call(platform.url, 'PUT', `/api/v1/files/${first.body.id}/content`, { token, raw: piece })).status).toBe(200);
    const before = await snapshot();
    const over = await uploadMultipart(platform.url, token, { content: piece, fields: { name: 'c.bin' } });
    expect(over.status).toBe(413);
    expect(over.body).toMatchObject({ error: { code: 'payload_too_large', message: 'the upload would exceed your storage quota' } });
    expect(await snapshot()).toEqual(before);

    const stats = await call(platform.url, 'GET', '/api/v1/stats/storage', { token });
    expect(stats.body).toMatchObject({ bytes_used: 3 * piece.length, quota_bytes: QUOTA });
    // Another user has a quota of their own.
    const other = await registerAndLogin(platform.url);
    expect((await uploadMultipart(platform.url, other.token, { content: piece, fields: { name: 'c.bin' } })).status).toBe(201);
  });
});
