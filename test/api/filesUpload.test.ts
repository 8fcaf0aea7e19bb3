import { createHash } from 'node:crypto';
import { call, registerAndLogin } from '../support/http';
import type { FileBody, Page } from '../support/files';
import { abandonUpload, createFolder, download, eventually, storedFiles, uploadJson, uploadMultipart } from '../support/files';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';
import { domainHead } from '../support/domainHead';

const sha256 = (content: string | Buffer) => createHash('sha256').update(content).digest('hex');

let platform: TestPlatform;
let token: string;
beforeAll(async () => {
  platform = await startTestPlatform();
  ({ token } = await registerAndLogin(platform.url));
});
afterAll(async () => {
  await platform.close();
});

describe('POST /files multipart', () => {
  it('stores the file part, hashes it, and answers the new file', async () => {
    const content = 'hello, multipart';
    const response = await uploadMultipart(platform.url, token, {
      content,
      filename: 'ignored.txt',
      contentType: 'text/plain',
      fields: { name: 'hello.txt' },
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      name: 'hello.txt',
      folder_id: null,
      mime_type: 'text/plain',
      size: content.length,
      sha256: sha256(content),
      version: 1,
      description: null,
      tags: [],
    });
    expect(response.headers.get('location')).toBe(`/api/v1/files/${response.body.id}`);
    expect(response.headers.get('x-filora-position')).toMatch(/\S/);
    const fetched = await download(platform.url, token, response.body.id);
    expect(fetched.body.toString()).toBe(content);
  });

  it('names the file after the part filename by default, keeping UTF-8', async () => {
    const response = await uploadMultipart(platform.url, token, {
      content: 'x',
      filename: 'résumé 履歴書.pdf',
      contentType: 'application/pdf',
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ name: 'résumé 履歴書.pdf', mime_type: 'application/pdf' });
  });

  it('accepts the text fields after the file part', async () => {
    const folder = await createFolder(platform.url, token, `after-${Date.now()}`);
    const response = await uploadMultipart(platform.url, token, {
      content: 'late fields',
      fields: { name: 'late.txt', folder_id: folder.id },
      fieldsAfter: true,
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ name: 'late.txt', folder_id: folder.id });
  });

  it('refuses fields split around the file part, and keeps nothing', async () => {
    const before = storedFiles(platform.dataDir).blobs;
    const form = new FormData();
    form.append('name', 'split.txt');
    form.append('file', new Blob([`split ${Date.now()}`]), 'split.txt');
    form.append('overwrite', 'true');
    const response = await fetch(`${platform.url}/api/v1/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { message: 'send the text fields all before the file part or all after it' } });
    expect(storedFiles(platform.dataDir).blobs.sort()).toEqual(before.sort());
  });

  it('answers 409 for a taken name, in any letter case, and overwrite=true adds a version instead', async () => {
    const name = `Report-${Date.now()}.txt`;
    const first = await uploadMultipart(platform.url, token, { content: 'v1', fields: { name } });
    expect(first.status).toBe(201);
    const clash = await uploadMultipart(platform.url, token, { content: 'v2', fields: { name: name.toLowerCase() } });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ error: { code: 'conflict', details: [{ path: 'name' }] } });

    const overwritten = await uploadMultipart(platform.url, token, {
      content: 'version two',
      contentType: 'text/markdown',
      fields: { name: name.toUpperCase(), overwrite: 'true' },
    });
    expect(overwritten.status).toBe(200);
    expect(overwritten.body).toMatchObject({
      id: first.body.id,
      name,
      version: 2,
      size: 11,
      mime_type: 'text/markdown',
      sha256: sha256('version two'),
    });
    const versions = await call<Page<{ version: number; size: number }>>(platform.url, 'GET', `/api/v1/files/${first.body.id}/versions`, {
      token,
    });
    expect(versions.body.data.map((version) => version.version)).toEqual([2, 1]);
    expect((await download(platform.url, token, first.body.id)).body.toString()).toBe('version two');
  });

  it('answers 409 when a folder has the name, even with overwrite', async () => {
    const folder = await createFolder(platform.url, token, `taken-${Date.now()}`);
    for (const overwrite of ['false', 'true']) {
      const response = await uploadMultipart(platform.url, token, { content: 'x', fields: { name: folder.name, overwrite } });
      expect(response.status).toBe(409);
    }
  });

  it('gives exactly one 201 to concurrent uploads of one name', async () => {
    const name = `race-${Date.now()}.bin`;
    const attempts = await Promise.all(
      Array.from({ length: 6 }, (_, i) => uploadMultipart(platform.url, token, { content: `content ${i}`, fields: { name } })),
    );
    const statuses = attempts.map((attempt) => attempt.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
  });

  it('answers 404 for a folder that is not yours, and 400 for malformed input, changing nothing', async () => {
    const other = await registerAndLogin(platform.url);
    const theirs = await createFolder(platform.url, other.token, 'theirs');
    const head = await domainHead(platform.platform.eventStore);
    const blobs = storedFiles(platform.dataDir).blobs.sort();
    const notYours = await uploadMultipart(platform.url, token, { content: 'x', fields: { name: 'a.txt', folder_id: theirs.id } });
    expect(notYours.status).toBe(404);
    const malformed: Array<Record<string, string>> = [
      { name: '' },
      { name: 'a/b' },
      { name: 'a\u0000b' },
      { name: 'é'.repeat(128) },
      { name: '..' },
      { name: ' padded' },
      { name: 'ok.txt', folder_id: 'not-a-uuid' },
      { name: 'ok.txt', overwrite: 'maybe' },
      { name: 'ok.txt', unknown: '1' },
    ];
    for (const fields of malformed) {
      const response = await uploadMultipart(platform.url, token, { content: 'x', fields });
      expect({ fields, status: response.status }).toEqual({ fields, status: 400 });
    }
    const noFile = await fetch(`${platform.url}/api/v1/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: (() => {
        const form = new FormData();
        form.append('name', 'x');
        return form;
      })(),
    });
    expect(noFile.status).toBe(400);
    const wrongPart = await fetch(`${platform.url}/api/v1/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: (() => {
        const form = new FormData();
        form.append('upload', new Blob(['x']), 'x');
        return form;
      })(),
    });
    expect(wrongPart.status).toBe(400);
    const noBoundary = await call(platform.url, 'POST', '/api/v1/files', {
      token,
      raw: 'x',
      headers: { 'content-type': 'multipart/form-data' },
    });
    expect(noBoundary.status).toBe(400);
    expect(await domainHead(platform.platform.eventStore)).toBe(head);
    expect(storedFiles(platform.dataDir).blobs.sort()).toEqual(blobs);
  });
});

describe('POST /files JSON', () => {
  it('creates small files from text or base64 content', async () => {
    const text = await uploadJson(platform.url, token, { name: `note-${Date.now()}.txt`, content: 'plain text' });
    expect(text.status).toBe(201);
    expect(text.body).toMatchObject({ mime_type: 'text/plain', size: 10, sha256: sha256('plain text') });
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    const binary = await uploadJson(platform.url, token, {
      name: `bytes-${Date.now()}.bin`,
      content: bytes.toString('base64'),
      encoding: 'base64',
      mime_type: 'Application/X-Test',
    });
    expect(binary.status).toBe(201);
    expect(binary.body).toMatchObject({ mime_type: 'application/x-test', size: 5, sha256: sha256(bytes) });
    expect((await download(platform.url, token, binary.body.id)).body).toEqual(bytes);
  });

  it('validates the body', async () => {
    const head = await domainHead(platform.platform.eventStore);
    for (const body of [
      { name: 'a', content: 'x', encoding: 'base64' },
      { name: 'a', content: 'not base64!', encoding: 'base64' },
      { name: 'a/b', content: 'x' },
      { name: 'a', content: 1 },
      { name: 'a', content: 'x', mime_type: 'nonsense' },
      { name: 'a', content: 'x', folder_id: 'nope' },
      { name: 'a', content: 'x', extra: true },
    ]) {
      const response = await uploadJson(platform.url, token, body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
    }
    expect(await domainHead(platform.platform.eventStore)).toBe(head);
  });
});

describe('PUT /files/:id/content', () => {
  it('stores the raw body as the next version, with its Content-Type, even application/json', async () => {
    const created = await uploadJson(platform.url, token, { name: `doc-${Date.now()}.json`, content: '{}' });
    const json = '{"not": "parsed", "kept": true}';
    const response = await call<FileBody>(platform.url, 'PUT', `/api/v1/files/${created.body.id}/content`, {
      token,
      raw: json,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: created.body.id,
      version: 2,
      mime_type: 'application/json',
      size: json.length,
      sha256: sha256(json),
    });
    expect((await download(platform.url, token, created.body.id)).body.toString()).toBe(json);
    // An empty body is refused (mediaTypes.test.ts); an empty file is uploaded with POST /files.
    expect((await call(platform.url, 'PUT', `/api/v1/files/${created.body.id}/content`, { token })).status).toBe(400);
  });

  it("answers 404 for another user's file and for an unknown one, storing nothing", async () => {
    const other = await registerAndLogin(platform.url);
    const theirs = await uploadJson(platform.url, other.token, { name: 'theirs.txt', content: 'secret' });
    const blobs = storedFiles(platform.dataDir).blobs.sort();
    for (const id of [theirs.body.id, '00000000-0000-4000-8000-000000000000']) {
      const response = await call(platform.url, 'PUT', `/api/v1/files/${id}/content`, { token, raw: `attempt ${Date.now()}` });
      expect(response.status).toBe(404);
    }
    expect(storedFiles(platform.dataDir).blobs.sort()).toEqual(blobs);
  });
});

describe('a client that disconnects mid-upload', () => {
  let tempWhileSending = 0;
  /** Waits until the server is writing the upload to a temporary file, and notes it. */
  const whileSending = async () => {
    tempWhileSending = await eventually(
      () => storedFiles(platform.dataDir).temp.length,
      (count) => count > 0,
      3000,
    );
  };
  it('leaves no event, no blob and no temporary file', async () => {
    const head = await domainHead(platform.platform.eventStore);
    const blobs = storedFiles(platform.dataDir).blobs.sort();
    const boundary = 'xyzBOUNDARYxyz';
    const prefix = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\ncut.bin\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cut.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    );
    const { answered } = await abandonUpload(
      platform.url,
      'POST',
      '/api/v1/files',
      { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      prefix,
      4 * 1024 * 1024,
      512 * 1024,
      whileSending,
    );
    expect(answered).toBe(false);
    expect(tempWhileSending).toBe(1);
    const after = await eventually(
      () => storedFiles(platform.dataDir),
      (files) => files.temp.length === 0,
    );
    expect(after.temp).toEqual([]);
    expect(after.blobs.sort()).toEqual(blobs);
    expect(await domainHead(platform.platform.eventStore)).toBe(head);
  });

  it('leaves nothing behind on PUT /content either', async () => {
    const created = await uploadJson(platform.url, token, { name: `cut-${Date.now()}.bin`, content: 'v1' });
    const head = await domainHead(platform.platform.eventStore);
    const blobs = storedFiles(platform.dataDir).blobs.sort();
    const { answered } = await abandonUpload(
      platform.url,
      'PUT',
      `/api/v1/files/${created.body.id}/content`,
      { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      Buffer.alloc(0),
      4 * 1024 * 1024,
      512 * 1024,
      whileSending,
    );
    expect(answered).toBe(false);
    expect(tempWhileSending).toBe(1);
    const after = await eventually(
      () => storedFiles(platform.dataDir),
      (files) => files.temp.length === 0,
    );
    expect(after.temp).toEqual([]);
    expect(after.blobs.sort()).toEqual(blobs);
    expect(await domainHead(platform.platform.eventStore)).toBe(head);
  });
});

describe('OpenAPI', () => {
  it('describes the multipart and raw upload bodies and the binary download', async () => {
    type Operation = {
      requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } & Record<string, unknown> }> };
      responses: Record<string, { content?: Record<string, unknown> }>;
    };
    const doc = (await call<{ paths: Record<string, Record<string, Operation>> }>(platform.url, 'GET', '/api/v1/openapi.json')).body;
    const upload = doc.paths['/api/v1/files']!.post!;
    expect(Object.keys(upload.requestBody!.content).sort()).toEqual(['application/json', 'multipart/form-data']);
    expect(upload.requestBody!.content['multipart/form-data']!.schema.properties!.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(doc.paths['/api/v1/files/{id}/content']!.put!.requestBody!.content['application/octet-stream']!.schema).toEqual({
      type: 'string',
      format: 'binary',
    });
    expect(Object.keys(doc.paths['/api/v1/files/{id}/download']!.get!.responses['206']!.content!)).toEqual(['*/*']);
    for (const path of [
      '/api/v1/files/{id}',
      '/api/v1/files/{id}/versions',
      '/api/v1/files/{id}/history',
      '/api/v1/folders',
      '/api/v1/folders/{id}',
      '/api/v1/stats/storage',
    ]) {
      expect(doc.paths[path]).toBeDefined();
    }
  });
});
