import { call, registerAndLogin } from '../support/http';
import type { JsonResponse } from '../support/http';
import type { FileBody } from '../support/files';
import { download, storedFiles, uploadJson, uploadMultipart } from '../support/files';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';
import { domainHead } from '../support/domainHead';

/** A 1×1 PNG: its signature is what gives it away. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
/** What curl --data-binary sends when told nothing else. */
const CURL_DEFAULT = 'application/x-www-form-urlencoded';

let platform: TestPlatform;
let token: string;
beforeAll(async () => {
  platform = await startTestPlatform();
  ({ token } = await registerAndLogin(platform.url));
});
afterAll(async () => {
  await platform.close();
});

const unique = (name: string) => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}-${name}`;

/** POST /files with a hand-written multipart body, so that the file part can have no Content-Type at all. */
async function uploadPart(filename: string, content: Buffer | string, partType?: string): Promise<JsonResponse<FileBody>> {
  const boundary = `----filora${Date.now()}`;
  const headers = [`Content-Disposition: form-data; name="file"; filename="${filename}"`];
  if (partType) headers.push(`Content-Type: ${partType}`);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\n${headers.join('\r\n')}\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return call<FileBody>(platform.url, 'POST', '/api/v1/files', {
    token,
    raw: body,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

const putContent = (fileId: string, content: Buffer | string, contentType?: string) =>
  call<FileBody>(platform.url, 'PUT', `/api/v1/files/${fileId}/content`, {
    token,
    raw: content,
    headers: contentType ? { 'content-type': contentType } : {},
  });

describe('multipart parts without a Content-Type', () => {
  it('stores a .png holding PNG bytes as image/png', async () => {
    const response = await uploadPart(unique('pic.png'), PNG);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ mime_type: 'image/png', size: PNG.length });
    expect((await download(platform.url, token, response.body.id)).body).toEqual(PNG);
  });

  it('knows PNG bytes by their signature whatever the name', async () => {
    const response = await uploadPart(unique('scan'), PNG);
    expect(response.body).toMatchObject({ mime_type: 'image/png' });
  });

  it('takes the type of a text file from its extension', async () => {
    expect((await uploadPart(unique('notes.txt'), 'just some words\n')).body).toMatchObject({ mime_type: 'text/plain' });
    expect((await uploadPart(unique('table.csv'), 'a,b\n1,2\n')).body).toMatchObject({ mime_type: 'text/csv' });
    expect((await uploadPart(unique('readme.md'), '# Title\n')).body).toMatchObject({ mime_type: 'text/markdown' });
  });

  it('stores unknown binary content as application/octet-stream', async () => {
    const response = await uploadPart(unique('blob'), Buffer.from([0, 159, 146, 150, 0, 1, 2, 3]));
    expect(response.body).toMatchObject({ mime_type: 'application/octet-stream' });
  });
});

describe('a type the client gives', () => {
  it('wins when it is specific, even where detection would say otherwise', async () => {
    expect((await uploadPart(unique('data.txt'), 'a,b\n1,2\n', 'text/csv')).body).toMatchObject({ mime_type: 'text/csv' });
    const multipart = await uploadMultipart(platform.url, token, {
      content: PNG,
      filename: unique('x.png'),
      contentType: 'image/x-custom',
    });
    expect(multipart.body).toMatchObject({ mime_type: 'image/x-custom' });
    const created = await uploadJson(platform.url, token, { name: unique('data.txt'), content: 'a,b' });
    expect((await putContent(created.body.id, 'a,b\n1,2\n', 'text/csv')).body).toMatchObject({ mime_type: 'text/csv', version: 2 });
  });

  it('counts application/octet-stream as no type', async () => {
    const multipart = await uploadMultipart(platform.url, token, { content: PNG, filename: unique('pic.png') });
    expect(multipart.body).toMatchObject({ mime_type: 'image/png' });
    const json = await uploadJson(platform.url, token, {
      name: unique('pic'),
      content: PNG.toString('base64'),
      encoding: 'base64',
      mime_type: 'application/octet-stream',
    });
    expect(json.body).toMatchObject({ mime_type: 'image/png' });
  });
});

describe('PUT /files/:id/content', () => {
  it("stores the detected type when curl's default header came with the content", async () => {
    const created = await uploadJson(platform.url, token, { name: unique('photo'), content: 'placeholder' });
    const response = await putContent(created.body.id, PNG, CURL_DEFAULT);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ version: 2, mime_type: 'image/png', size: PNG.length });
    expect((await download(platform.url, token, created.body.id)).body).toEqual(PNG);
  });

  it("takes the type of text content from the file's name", async () => {
    const created = await uploadJson(platform.url, token, { name: unique('notes.md'), content: '# one' });
    expect((await putContent(created.body.id, '# two\n', CURL_DEFAULT)).body).toMatchObject({ mime_type: 'text/markdown' });
    expect((await putContent(created.body.id, '# three\n', 'application/octet-stream')).body).toMatchObject({ mime_type: 'text/markdown' });
  });

  it('stores content of no known type as application/octet-stream', async () => {
    const created = await uploadJson(platform.url, token, { name: unique('data'), content: 'x' });
    const response = await putContent(created.body.id, Buffer.from([0, 1, 2, 250, 255]), CURL_DEFAULT);
    expect(response.body).toMatchObject({ mime_type: 'application/octet-stream' });
  });

  it('refuses an empty body with 400, storing no version', async () => {
    const created = await uploadJson(platform.url, token, { name: unique('kept.txt'), content: 'kept' });
    const blobs = storedFiles(platform.dataDir).blobs.sort();
    const head = await domainHead(platform.platform.eventStore);
    for (const contentType of [undefined, 'application/octet-stream', 'text/plain']) {
      const response = await call(platform.url, 'PUT', `/api/v1/files/${created.body.id}/content`, {
        token,
        headers: contentType ? { 'content-type': contentType, 'content-length': '0' } : {},
      });
      expect({ contentType, status: response.status, body: response.body }).toEqual({
        contentType,
        status: 400,
        body: expect.objectContaining({
          error: expect.objectContaining({ code: 'validation_error', message: 'the request body is empty; send the new content' }),
        }),
      });
    }
    expect(await domainHead(platform.platform.eventStore)).toBe(head);
    expect(storedFiles(platform.dataDir).blobs.sort()).toEqual(blobs);
    const file = await call<FileBody>(platform.url, 'GET', `/api/v1/files/${created.body.id}`, { token });
    expect(file.body).toMatchObject({ version: 1, size: 4 });
    expect((await download(platform.url, token, created.body.id)).body.toString()).toBe('kept');
  });
});

describe('JSON uploads without mime_type', () => {
  it('detects PNG bytes sent as base64', async () => {
    const response = await uploadJson(platform.url, token, { name: unique('pic'), content: PNG.toString('base64'), encoding: 'base64' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ mime_type: 'image/png', size: PNG.length });
  });

  it('takes the type of text from the name, and text/plain without one', async () => {
    expect((await uploadJson(platform.url, token, { name: unique('list.csv'), content: 'a,b' })).body).toMatchObject({
      mime_type: 'text/csv',
    });
    expect((await uploadJson(platform.url, token, { name: unique('note'), content: 'words' })).body).toMatchObject({
      mime_type: 'text/plain',
    });
  });
});
