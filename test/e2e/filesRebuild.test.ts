import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, registerAndLogin } from '../support/http';
import { createFolder, uploadJson, uploadMultipart } from '../support/files';
import { runFilora } from '../support/serverProcess';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

jest.setTimeout(60_000);

const COLLECTIONS = ['files', 'file_tags', 'file_versions', 'folders', 'storage_stats', 'blob_refs'];

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'filora-files-rebuild-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/** Every read model row, and what the API lists from them, for each user. */
async function snapshot(platform: TestPlatform, tokens: string[]) {
  const head = await platform.platform.eventStore.headPosition();
  await platform.platform.projections.waitFor(head!, 10_000);
  const rows: Record<string, unknown> = {};
  for (const collection of COLLECTIONS) rows[collection] = await platform.platform.readStore.find(collection, {}, { limit: 10_000 });
  const api: unknown[] = [];
  for (const token of tokens) {
    const get = async (path: string) => (await call(platform.url, 'GET', path, { token })).body;
    const files = (await get('/api/v1/files?limit=100&sort=size&order=desc')) as { data: Array<{ id: string }> };
    api.push(
      files,
      await get('/api/v1/folders?limit=100'),
      await get('/api/v1/stats/storage'),
      await get('/api/v1/files?tag=keep&limit=100'),
    );
    for (const file of files.data) api.push(await get(`/api/v1/files/${file.id}/versions`));
  }
  return { rows, api };
}

describe('filora rebuild', () => {
  it('recreates identical file lists, version histories, folders and storage stats', async () => {
    const platform = await startTestPlatform({}, dataDir);
    const tokens: string[] = [];
    for (let user = 0; user < 2; user++) {
      const { token } = await registerAndLogin(platform.url);
      tokens.push(token);
      const top = await createFolder(platform.url, token, 'top');
      const sub = await createFolder(platform.url, token, 'sub', top.id);
      const doomed = await createFolder(platform.url, token, 'doomed');
      for (let i = 0; i < 6; i++) {
        const folderId = [null, top.id, sub.id, doomed.id][i % 4];
        const file = await uploadJson(platform.url, token, {
          name: `file-${i}.txt`,
          content: `content ${i} `.repeat(i + 1),
          folder_id: folderId,
          mime_type: i % 2 ? 'text/plain' : 'text/csv',
        });
        if (i % 2 === 0)
          await call(platform.url, 'PUT', `/api/v1/files/${file.body.id}/content`, {
            token,
            raw: `second version ${i}`,
            headers: { 'content-type': 'application/json' },
          });
        if (i % 3 === 0)
          await call(platform.url, 'PATCH', `/api/v1/files/${file.body.id}`, {
            token,
            body: { tags: ['keep', `t${i}`], description: `d${i}` },
          });
        if (i === 5)
          await call(platform.url, 'PATCH', `/api/v1/files/${file.body.id}`, { token, body: { name: 'renamed.txt', folder_id: top.id } });
        if (i === 4) await call(platform.url, 'DELETE', `/api/v1/files/${file.body.id}`, { token });
        await fetch(`${platform.url}/api/v1/files/${file.body.id}/download`, { headers: { authorization: `Bearer ${token}` } }).then(
          (response) => response.arrayBuffer(),
        );
      }
      await uploadMultipart(platform.url, token, { content: Buffer.alloc(2048, user), fields: { name: 'blob.bin', folder_id: sub.id } });
      await call(platform.url, 'PATCH', `/api/v1/folders/${sub.id}`, { token, body: { name: 'moved', parent_id: null } });
      await call(platform.url, 'DELETE', `/api/v1/folders/${doomed.id}?recursive=true`, { token });
    }
    const before = await snapshot(platform, tokens);
    expect((before.rows.files as unknown[]).length).toBeGreaterThan(8);
    await platform.close(true);

    const rebuild = runFilora('rebuild', { FILORA_DATA_DIR: dataDir });
    expect(await rebuild.exited).toBe(0);
    for (const projection of ['files', 'file_versions', 'folders', 'storage_stats', 'blob_refs'])
      expect(rebuild.output()).toMatch(new RegExp(`${projection}\\s+\\[#+\\]\\s+100%`));

    const reopened = await startTestPlatform({}, dataDir);
    try {
      const after = await snapshot(reopened, tokens);
      expect(after.rows).toEqual(before.rows);
      expect(after.api).toEqual(before.api);
    } finally {
      await reopened.close(true);
    }
  });
});
