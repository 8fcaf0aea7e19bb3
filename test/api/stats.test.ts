import { call, registerAndLogin } from '../support/http';
import { createFolder, uploadJson } from '../support/files';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const stats = async (token: string) => (await call<Record<string, unknown>>(platform.url, 'GET', '/api/v1/stats/storage', { token })).body;

describe('GET /stats/storage', () => {
  it('starts empty', async () => {
    const { token } = await registerAndLogin(platform.url);
    expect(await stats(token)).toEqual({
      bytes_used: 0,
      current_bytes: 0,
      quota_bytes: null,
      files: 0,
      folders: 0,
      versions: 0,
      by_mime_type: [],
    });
  });

  it('counts bytes, files, folders, versions, and use by mime type, following every change', async () => {
    const { token } = await registerAndLogin(platform.url);
    const folder = await createFolder(platform.url, token, 'f');
    await createFolder(platform.url, token, 'g', folder.id);
    const text = await uploadJson(platform.url, token, { name: 'a.txt', content: '12345' });
    await uploadJson(platform.url, token, { name: 'b.txt', content: '123', folder_id: folder.id });
    const png = await uploadJson(platform.url, token, { name: 'c.png', content: 'png!png!', mime_type: 'image/png' });
    expect(await stats(token)).toEqual({
      bytes_used: 16,
      current_bytes: 16,
      quota_bytes: null,
      files: 3,
      folders: 2,
      versions: 3,
      by_mime_type: [
        { mime_type: 'image/png', files: 1, bytes: 8 },
        { mime_type: 'text/plain', files: 2, bytes: 8 },
      ],
    });

    // A new version of a.txt, now markdown: every version counts in bytes_used, the current one by type.
    await call(platform.url, 'PUT', `/api/v1/files/${text.body.id}/content`, {
      token,
      raw: '1234567890',
      headers: { 'content-type': 'text/markdown' },
    });
    await call(platform.url, 'DELETE', `/api/v1/files/${png.body.id}`, { token });
    expect(await stats(token)).toEqual({
      bytes_used: 18,
      current_bytes: 13,
      quota_bytes: null,
      files: 2,
      folders: 2,
      versions: 3,
      by_mime_type: [
        { mime_type: 'text/markdown', files: 1, bytes: 10 },
        { mime_type: 'text/plain', files: 1, bytes: 3 },
      ],
    });

    await call(platform.url, 'DELETE', `/api/v1/folders/${folder.id}?recursive=true`, { token });
    expect(await stats(token)).toMatchObject({ bytes_used: 15, current_bytes: 10, files: 1, folders: 0, versions: 2 });
  });

  it('needs authentication and counts only the caller', async () => {
    expect((await call(platform.url, 'GET', '/api/v1/stats/storage')).status).toBe(401);
    const { token } = await registerAndLogin(platform.url);
    expect(await stats(token)).toMatchObject({ files: 0, bytes_used: 0 });
  });
});
