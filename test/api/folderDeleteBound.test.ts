import { createFolder, uploadJson } from '../support/files';
import { call, registerAndLogin } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';
import { domainHead } from '../support/domainHead';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ FILORA_MAX_RECURSIVE_DELETE: '3' });
});
afterAll(async () => {
  await platform.close();
});

describe('recursive folder delete is bounded per request', () => {
  it('refuses a tree larger than the bound without deleting anything, and deletes it subfolder by subfolder', async () => {
    const { token } = await registerAndLogin(platform.url);
    const top = await createFolder(platform.url, token, 'top');
    const sub = await createFolder(platform.url, token, 'sub', top.id);
    for (const [name, folderId] of [
      ['a.txt', top.id],
      ['b.txt', top.id],
      ['c.txt', sub.id],
    ] as const) {
      expect((await uploadJson(platform.url, token, { name, folder_id: folderId, content: name })).status).toBe(201);
    }

    const head = await domainHead(platform.platform.eventStore);
    const refused = await call(platform.url, 'DELETE', `/api/v1/folders/${top.id}?recursive=true`, { token });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      error: { code: 'conflict', message: expect.stringMatching(/more than 3 entries/), details: [{ path: 'recursive' }] },
    });
    expect(await domainHead(platform.platform.eventStore)).toBe(head);

    const deletedSub = await call<{ deleted_files: number }>(platform.url, 'DELETE', `/api/v1/folders/${sub.id}?recursive=true`, { token });
    expect(deletedSub.status).toBe(200);
    expect(deletedSub.body.deleted_files).toBe(1);
    const deletedTop = await call<{ deleted_files: number }>(platform.url, 'DELETE', `/api/v1/folders/${top.id}?recursive=true`, { token });
    expect(deletedTop.status).toBe(200);
    expect(deletedTop.body.deleted_files).toBe(2);
  });
});
