import { call, registerAndLogin } from '../support/http';
import type { FolderBody, Page } from '../support/files';
import { createFolder, download, uploadJson } from '../support/files';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';
import { domainHead } from '../support/domainHead';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const get = (token: string, id: string) => call<FolderBody>(platform.url, 'GET', `/api/v1/folders/${id}`, { token });
const patch = (token: string, id: string, body: Record<string, unknown>) =>
  call<FolderBody>(platform.url, 'PATCH', `/api/v1/folders/${id}`, { token, body });

describe('folders', () => {
  it('creates nested folders, with child counts and the path from the root', async () => {
    const { token } = await registerAndLogin(platform.url);
    const top = await createFolder(platform.url, token, 'Projects');
    const mid = await createFolder(platform.url, token, 'Filora', top.id);
    const leaf = await createFolder(platform.url, token, 'Specs', mid.id);
    await uploadJson(platform.url, token, { name: 'a.txt', content: 'a', folder_id: mid.id });
    await uploadJson(platform.url, token, { name: 'b.txt', content: 'b', folder_id: mid.id });
    const fetched = await get(token, mid.id);
    expect(fetched.body).toMatchObject({ id: mid.id, name: 'Filora', parent_id: top.id, file_count: 2, folder_count: 1 });
    expect((await get(token, leaf.id)).body.path).toEqual([
      { id: top.id, name: 'Projects' },
      { id: mid.id, name: 'Filora' },
      { id: leaf.id, name: 'Specs' },
    ]);
    expect(leaf.path.map((step) => step.name)).toEqual(['Projects', 'Filora', 'Specs']);

    const children = await call<Page<FolderBody>>(platform.url, 'GET', `/api/v1/folders?parent_id=${top.id}`, { token });
    expect(children.body.data.map((folder) => folder.name)).toEqual(['Filora']);
    const roots = await call<Page<FolderBody>>(platform.url, 'GET', '/api/v1/folders?parent_id=root', { token });
    expect(roots.body.data.map((folder) => folder.name)).toEqual(['Projects']);
    const all = await call<Page<FolderBody>>(platform.url, 'GET', '/api/v1/folders?sort=name&order=desc', { token });
    expect(all.body.data.map((folder) => folder.name)).toEqual(['Specs', 'Projects', 'Filora']);
    const search = await call<Page<FolderBody>>(platform.url, 'GET', '/api/v1/folders?q=SPEC', { token });
    expect(search.body.data.map((folder) => folder.name)).toEqual(['Specs']);
  });

  it('keeps sibling names unique among files and folders, whatever the letter case', async () => {
    const { token } = await registerAndLogin(platform.url);
    const parent = await createFolder(platform.url, token, 'parent');
    await createFolder(platform.url, token, 'Child', parent.id);
    expect((await call(platform.url, 'POST', '/api/v1/folders', { token, body: { name: 'CHILD', parent_id: parent.id } })).status).toBe(
      409,
    );
    await uploadJson(platform.url, token, { name: 'notes', content: 'x', folder_id: parent.id });
    expect((await call(platform.url, 'POST', '/api/v1/folders', { token, body: { name: 'Notes', parent_id: parent.id } })).status).toBe(
      409,
    );
    // The same name elsewhere is fine.
    expect((await call(platform.url, 'POST', '/api/v1/folders', { token, body: { name: 'child' } })).status).toBe(201);
    const attempts = await Promise.all(
      Array.from({ length: 6 }, () =>
        call(platform.url, 'POST', '/api/v1/folders', { token, body: { name: 'raced', parent_id: parent.id } }),
      ),
    );
    expect(attempts.map((attempt) => attempt.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
  });

  it('renames and moves, frees the old name, and refuses a clash with 409', async () => {
    const { token } = await registerAndLogin(platform.url);
    const a = await createFolder(platform.url, token, 'a');
    const b = await createFolder(platform.url, token, 'b');
    const moved = await patch(token, a.id, { parent_id: b.id, name: 'a2' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      parent_id: b.id,
      name: 'a2',
      path: [
        { id: b.id, name: 'b' },
        { id: a.id, name: 'a2' },
      ],
    });
    expect((await get(token, b.id)).body.folder_count).toBe(1);
    expect((await createFolder(platform.url, token, 'a')).name).toBe('a');
    expect((await patch(token, b.id, { name: 'A' })).status).toBe(409);
    const put = await call<FolderBody>(platform.url, 'PUT', `/api/v1/folders/${a.id}`, { token, body: { name: 'back', parent_id: null } });
    expect(put.body).toMatchObject({ parent_id: null, name: 'back', path: [{ id: a.id, name: 'back' }] });
    expect((await get(token, b.id)).body.folder_count).toBe(0);
  });

  it('refuses with 409 a move into the folder itself or its subtree', async () => {
    const { token } = await registerAndLogin(platform.url);
    const top = await createFolder(platform.url, token, 'top');
    const mid = await createFolder(platform.url, token, 'mid', top.id);
    const low = await createFolder(platform.url, token, 'low', mid.id);
    const head = await domainHead(platform.platform.eventStore);
    for (const target of [top.id, mid.id, low.id]) {
      const response = await patch(token, top.id, { parent_id: target });
      expect({ target, status: response.status }).toEqual({ target, status: 409 });
    }
    expect(await domainHead(platform.platform.eventStore)).toBe(head);
  });

  it('never lets concurrent moves form a cycle', async () => {
    const { token } = await registerAndLogin(platform.url);
    for (let round = 0; round < 5; round++) {
      const a = await createFolder(platform.url, token, `a${round}`);
      const b = await createFolder(platform.url, token, `b${round}`);
      const c = await createFolder(platform.url, token, `c${round}`);
      const results = await Promise.all([
        patch(token, a.id, { parent_id: b.id }),
        patch(token, b.id, { parent_id: c.id }),
        patch(token, c.id, { parent_id: a.id }),
      ]);
      expect(results.filter((result) => result.status === 200).length).toBeLessThanOrEqual(2);
      expect(results.every((result) => result.status === 200 || result.status === 409)).toBe(true);
      // Walk up from each folder: the root must be reached.
      for (const folder of [a, b, c]) {
        const path = (await get(token, folder.id)).body.path;
        expect(new Set(path.map((step) => step.id)).size).toBe(path.length);
        const topmost = (await get(token, path[0]!.id)).body;
        expect(topmost.parent_id).toBeNull();
      }
    }
  });

  it('answers 409 to deleting a non-empty folder, and deletes the subtree with recursive=true', async () => {
    const { token } = await registerAndLogin(platform.url);
    const top = await createFolder(platform.url, token, 'top');
    const sub = await createFolder(platform.url, token, 'sub', top.id);
    const deep = await createFolder(platform.url, token, 'deep', sub.id);
    const files = await Promise.all([
      uploadJson(platform.url, token, { name: 'one.txt', content: 'shared content', folder_id: top.id }),
      uploadJson(platform.url, token, { name: 'two.txt', content: 'two', folder_id: deep.id }),
    ]);
    const outside = await uploadJson(platform.url, token, { name: 'outside.txt', content: 'shared content' });
    const refused = await call(platform.url, 'DELETE', `/api/v1/folders/${top.id}`, { token });
    expect(refused.status).toBe(409);
    expect((await get(token, top.id)).status).toBe(200);

    const deleted = await call<{ id: string; deleted_at: string; deleted_files: number; deleted_folders: number }>(
      platform.url,
      'DELETE',
      `/api/v1/folders/${top.id}?recursive=true`,
      { token },
    );
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ id: top.id, deleted_files: 2, deleted_folders: 2 });
    for (const id of [top.id, sub.id, deep.id]) expect((await get(token, id)).status).toBe(404);
    for (const file of files) expect((await call(platform.url, 'GET', `/api/v1/files/${file.body.id}`, { token })).status).toBe(404);
    // Content another file still uses stays.
    expect((await download(platform.url, token, outside.body.id)).body.toString()).toBe('shared content');
    // Each went as its own event.
    const last = async (stream: string) => (await platform.platform.eventStore.readStream(stream)).at(-1)!;
    for (const file of files) expect((await last(`file-${file.body.id}`)).data).toMatchObject({ reason: 'folder_deleted' });
    for (const id of [sub.id, deep.id]) expect((await last(`folder-${id}`)).data).toMatchObject({ reason: 'parent_deleted' });
    expect(await last(`folder-${top.id}`)).toMatchObject({ type: 'FolderDeleted', data: { reason: 'deleted' } });
    // The names are free again.
    expect((await createFolder(platform.url, token, 'top')).name).toBe('top');
  });

  it('deletes an empty folder without recursive, and validates input', async () => {
    const { token } = await registerAndLogin(platform.url);
    const empty = await createFolder(platform.url, token, 'empty');
    expect((await call(platform.url, 'DELETE', `/api/v1/folders/${empty.id}?recursive=maybe`, { token })).status).toBe(400);
    expect((await call(platform.url, 'DELETE', `/api/v1/folders/${empty.id}`, { token })).status).toBe(200);
    const head = await domainHead(platform.platform.eventStore);
    for (const body of [
      {},
      { name: '' },
      { name: 'a/b' },
      { name: 'x\u0000' },
      { name: 'y'.repeat(256) },
      { name: 'ok', parent_id: 'nope' },
      { name: 'ok', color: 'red' },
    ]) {
      const response = await call(platform.url, 'POST', '/api/v1/folders', { token, body });
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
    }
    expect((await call(platform.url, 'PATCH', `/api/v1/folders/${empty.id}`, { token, body: {} })).status).toBe(400);
    expect((await call(platform.url, 'GET', '/api/v1/folders?parent_id=nope', { token })).status).toBe(400);
    expect(await domainHead(platform.platform.eventStore)).toBe(head);
  });

  it("answers 404 to every folder route for another user's folder, and to creating inside it", async () => {
    const owner = await registerAndLogin(platform.url);
    const intruder = await registerAndLogin(platform.url);
    const folder = await createFolder(platform.url, owner.token, 'private');
    const mine = await createFolder(platform.url, intruder.token, 'mine');
    const head = await domainHead(platform.platform.eventStore);
    const attempts: Array<[string, string, Record<string, unknown> | undefined]> = [
      ['GET', `/api/v1/folders/${folder.id}`, undefined],
      ['PATCH', `/api/v1/folders/${folder.id}`, { name: 'stolen' }],
      ['PUT', `/api/v1/folders/${folder.id}`, { name: 'stolen', parent_id: null }],
      ['DELETE', `/api/v1/folders/${folder.id}?recursive=true`, undefined],
      ['POST', '/api/v1/folders', { name: 'inside', parent_id: folder.id }],
      ['PATCH', `/api/v1/folders/${mine.id}`, { parent_id: folder.id }],
      ['POST', '/api/v1/files', { name: 'inside.txt', content: 'x', folder_id: folder.id }],
    ];
    for (const [method, path, body] of attempts) {
      const response = await call(platform.url, method, path, { token: intruder.token, body });
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 404 });
    }
    expect(await domainHead(platform.platform.eventStore)).toBe(head);
    expect(
      (await call<Page<FolderBody>>(platform.url, 'GET', '/api/v1/folders', { token: intruder.token })).body.data.map((row) => row.id),
    ).toEqual([mine.id]);
  });
});
