import { call, registerAndLogin } from '../support/http';
import { download, uploadJson, uploadMultipart } from '../support/files';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

let platform: TestPlatform;
let token: string;
let fileId: string;
let sha256: string;
const CONTENT = Buffer.from('0123456789abcdefghij');

beforeAll(async () => {
  platform = await startTestPlatform();
  ({ token } = await registerAndLogin(platform.url));
  const uploaded = await uploadMultipart(platform.url, token, {
    content: CONTENT,
    filename: 'naïve plan 100%.txt',
    contentType: 'text/plain',
  });
  fileId = uploaded.body.id;
  sha256 = uploaded.body.sha256;
});
afterAll(async () => {
  await platform.close();
});

/** Downloads are recorded in their own stream, not in the file's (see RecordDownload). */
const downloads = async () => {
  expect((await platform.platform.eventStore.readStream(`file-${fileId}`)).map((event) => event.type)).toEqual(['FileUploaded']);
  return (await platform.platform.eventStore.readStream(`download-${fileId}`)).filter((event) => event.type === 'FileDownloaded');
};

describe('GET /files/:id/download', () => {
  it('sends the content with its type, length, ETag and an RFC 6266 Content-Disposition', async () => {
    const response = await download(platform.url, token, fileId);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(CONTENT);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(response.headers.get('content-length')).toBe(String(CONTENT.length));
    expect(response.headers.get('etag')).toBe(`"${sha256}"`);
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="na_ve plan 100_.txt"; filename*=UTF-8''na%C3%AFve%20plan%20100%25.txt`,
    );
    const quoted = await uploadJson(platform.url, token, { name: `"quoted" \\ (1)'s*.txt`, content: 'q' });
    expect((await download(platform.url, token, quoted.body.id)).headers.get('content-disposition')).toBe(
      `attachment; filename="_quoted_ _ (1)'s*.txt"; filename*=UTF-8''%22quoted%22%20%5C%20%281%29%27s%2A.txt`,
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const inline = await fetch(`${platform.url}/api/v1/files/${fileId}/download?disposition=inline`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(inline.headers.get('content-disposition')).toMatch(/^inline; /);
  });

  it('answers a single byte range with 206 and Content-Range', async () => {
    const cases: Array<[string, string, string]> = [
      ['bytes=2-5', '2345', 'bytes 2-5/20'],
      ['bytes=15-', 'fghij', 'bytes 15-19/20'],
      ['bytes=-3', 'hij', 'bytes 17-19/20'],
      ['bytes=18-400', 'ij', 'bytes 18-19/20'],
    ];
    for (const [range, body, contentRange] of cases) {
      const response = await download(platform.url, token, fileId, { range });
      expect({
        range,
        status: response.status,
        body: response.body.toString(),
        contentRange: response.headers.get('content-range'),
        length: response.headers.get('content-length'),
      }).toEqual({ range, status: 206, body, contentRange, length: String(body.length) });
    }
  });

  it('answers 416 with Content-Range bytes */size for a range it cannot satisfy', async () => {
    for (const range of ['bytes=20-', 'bytes=30-40', 'bytes=5-2', 'bytes=-0', 'bytes=abc', 'nonsense']) {
      const response = await download(platform.url, token, fileId, { range });
      expect({ range, status: response.status, contentRange: response.headers.get('content-range') }).toEqual({
        range,
        status: 416,
        contentRange: 'bytes */20',
      });
      expect(JSON.parse(response.body.toString())).toMatchObject({ error: { code: 'range_not_satisfiable' } });
    }
  });

  it('sends everything for several ranges, another unit, or an If-Range that no longer matches', async () => {
    const cases: Array<Record<string, string>> = [
      { range: 'bytes=0-1,4-5' },
      { range: 'items=0-1' },
      { range: 'bytes=0-1', 'if-range': '"stale"' },
    ];
    for (const headers of cases) {
      const response = await download(platform.url, token, fileId, headers);
      expect({ headers, status: response.status, length: response.body.length }).toEqual({ headers, status: 200, length: 20 });
    }
    expect((await download(platform.url, token, fileId, { range: 'bytes=0-1', 'if-range': `"${sha256}"` })).status).toBe(206);
  });

  it('answers 304 to If-None-Match with the ETag, and records no download for it', async () => {
    const before = (await downloads()).length;
    for (const ifNoneMatch of [`"${sha256}"`, `W/"${sha256}"`, `"other", "${sha256}"`, '*']) {
      const response = await download(platform.url, token, fileId, { 'if-none-match': ifNoneMatch });
      expect({ ifNoneMatch, status: response.status, length: response.body.length, etag: response.headers.get('etag') }).toEqual({
        ifNoneMatch,
        status: 304,
        length: 0,
        etag: `"${sha256}"`,
      });
    }
    expect((await download(platform.url, token, fileId, { 'if-none-match': '"other"' })).status).toBe(200);
    expect((await downloads()).length).toBe(before + 1);
  });

  it('appends FileDownloaded for every 200 and 206, with the bytes and range served, and none for HEAD or 416', async () => {
    const before = await downloads();
    await download(platform.url, token, fileId);
    await download(platform.url, token, fileId, { range: 'bytes=1-2' });
    await download(platform.url, token, fileId, { range: 'bytes=99-' });
    const head = await fetch(`${platform.url}/api/v1/files/${fileId}/download`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('20');
    const after = await downloads();
    expect(after.slice(before.length).map((entry) => entry.data)).toEqual([
      expect.objectContaining({ bytes: 20, range: null }),
      expect.objectContaining({ bytes: 2, range: { start: 1, end: 2 } }),
    ]);
  });

  it('serves an empty file, and the current version after a new one', async () => {
    const empty = await uploadJson(platform.url, token, { name: 'empty.txt', content: '' });
    const response = await download(platform.url, token, empty.body.id);
    expect({ status: response.status, length: response.body.length }).toEqual({ status: 200, length: 0 });
    expect((await download(platform.url, token, empty.body.id, { range: 'bytes=0-' })).status).toBe(416);
    await call(platform.url, 'PUT', `/api/v1/files/${empty.body.id}/content`, {
      token,
      raw: 'now full',
      headers: { 'content-type': 'text/plain' },
    });
    expect((await download(platform.url, token, empty.body.id)).body.toString()).toBe('now full');
  });

  it("answers 404 for unknown, deleted and other users' files", async () => {
    const other = await registerAndLogin(platform.url);
    const gone = await uploadJson(platform.url, token, { name: 'gone.txt', content: 'bye' });
    await call(platform.url, 'DELETE', `/api/v1/files/${gone.body.id}`, { token });
    expect((await download(platform.url, token, gone.body.id)).status).toBe(404);
    expect((await download(platform.url, token, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await download(platform.url, other.token, fileId)).status).toBe(404);
    expect((await call(platform.url, 'GET', `/api/v1/files/${fileId}/download?disposition=evil`, { token })).status).toBe(400);
  });
});
