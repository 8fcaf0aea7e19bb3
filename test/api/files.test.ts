import { call, registerAndLogin } from '../support/http';
import type { FileBody, Page } from '../support/files';
import { createFolder, uploadJson } from '../support/files';
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

async function listAll(token: string, query: string): Promise<FileBody[]> {
  const rows: FileBody[] = [];
  let cursor: string | null = null;
  do {
    const path: string = `/api/v1/files?${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
    const page = await call<Page<FileBody>>(platform.url, 'GET', path, { token });
    expect({ path, status: page.status }).toEqual({ path, status: 200 });
    rows.push(...page.body.data);
    cursor = page.body.page.next_cursor;
    expect(page.body.page.has_more).toBe(cursor !== null);
  } while (cursor);
  return rows;
}

describe('GET /files', () => {
  let token: string;
  let folderId: string;
  beforeAll(async () => {
    ({ token } = await registerAndLogin(platform.url));
    folderId = (await createFolder(platform.url, token, 'docs')).id;
    const upload = (name: string, content: string, extra: Record<string, unknown> = {}) =>
      uploadJson(platform.url, token, { name, content, ...extra });
    await upload('banana.txt', 'bb');
    await upload('Apple.txt', 'a');
    await upload('cherry.md', 'cccc', { mime_type: 'text/markdown', folder_id: folderId });
    await upload('photo.png', 'pngpngpng', { mime_type: 'image/png', folder_id: folderId });
    await upload('diagram.svg', 'svgsvg', { mime_type: 'image/svg+xml' });
    const other = await registerAndLogin(platform.url);
    await uploadJson(platform.url, other.token, { name: 'apple-of-someone-else.txt', content: 'x' });
  });

  it("pages through every file of the caller by name, case-insensitively, and nobody else's", async () => {
    expect((await listAll(token, 'sort=name')).map((file) => file.name)).toEqual([
      'Apple.txt',
      'banana.txt',
      'cherry.md',
      'diagram.svg',
      'photo.png',
    ]);
    expect((await listAll(token, 'sort=name&order=desc')).map((file) => file.name)).toEqual([
      'photo.png',
      'diagram.svg',
      'cherry.md',
      'banana.txt',
      'Apple.txt',
    ]);
  });

  it('sorts by size and by dates', async () => {
    expect((await listAll(token, 'sort=size&order=desc')).map((file) => file.size)).toEqual([9, 6, 4, 2, 1]);
    const byCreation = await listAll(token, 'sort=created_at');
    expect(byCreation.map((file) => file.created_at)).toEqual(byCreation.map((file) => file.created_at).sort());
    expect(byCreation.map((file) => file.name).sort()).toEqual(['Apple.txt', 'banana.txt', 'cherry.md', 'diagram.svg', 'photo.png']);
    expect(byCreation[0]!.name).toBe('banana.txt');
    const byUpdate = await listAll(token, 'sort=updated_at&order=desc');
    expect(byUpdate.map((file) => file.updated_at)).toEqual(
      byUpdate
        .map((file) => file.updated_at)
        .sort()
        .reverse(),
    );
    expect(byUpdate).toHaveLength(5);
  });

  it('filters by folder, name, and mime type (exact or type/*)', async () => {
    expect((await listAll(token, `folder_id=${folderId}`)).map((file) => file.name)).toEqual(['cherry.md', 'photo.png']);
    expect((await listAll(token, 'folder_id=root')).map((file) => file.name)).toEqual(['Apple.txt', 'banana.txt', 'diagram.svg']);
    expect((await listAll(token, 'q=APP')).map((file) => file.name)).toEqual(['Apple.txt']);
    expect((await listAll(token, 'q=.t')).map((file) => file.name)).toEqual(['Apple.txt', 'banana.txt']);
    expect((await listAll(token, 'mime_type=image/*')).map((file) => file.name)).toEqual(['diagram.svg', 'photo.png']);
    expect((await listAll(token, 'mime_type=text/markdown')).map((file) => file.name)).toEqual(['cherry.md']);
    expect((await listAll(token, `mime_type=image/*&folder_id=${folderId}&sort=size`)).map((file) => file.name)).toEqual(['photo.png']);
  });

  it('filters by tag, whatever its letter case, with the other filters and sorts', async () => {
    const files = await listAll(token, 'sort=name');
    const byName = new Map(files.map((file) => [file.name, file.id]));
    await call(platform.url, 'PATCH', `/api/v1/files/${byName.get('banana.txt')}`, { token, body: { tags: ['Fruit', 'yellow'] } });
    await call(platform.url, 'PATCH', `/api/v1/files/${byName.get('Apple.txt')}`, { token, body: { tags: ['fruit'] } });
    await call(platform.url, 'PATCH', `/api/v1/files/${byName.get('photo.png')}`, { token, body: { tags: ['fruit', 'photo'] } });
    const fruit = await listAll(token, 'tag=FRUIT&sort=size&order=desc');
    expect(fruit.map((file) => file.name)).toEqual(['photo.png', 'banana.txt', 'Apple.txt']);
    expect(fruit[1]).toMatchObject({ id: byName.get('banana.txt'), tags: ['fruit', 'yellow'] });
    expect((await listAll(token, `tag=fruit&folder_id=${folderId}`)).map((file) => file.name)).toEqual(['photo.png']);
    await call(platform.url, 'PATCH', `/api/v1/files/${byName.get('banana.txt')}`, { token, body: { tags: ['yellow'] } });
    expect((await listAll(token, 'tag=fruit')).map((file) => file.name)).toEqual(['Apple.txt', 'photo.png']);
    expect((await listAll(token, 'tag=yellow')).map((file) => file.name)).toEqual(['banana.txt']);
  });

  it('validates the query', async () => {
    for (const query of [
      'sort=owner',
      'order=up',
      'limit=0',
      'limit=101',
      'folder_id=nope',
      'mime_type=png',
      'cursor=!!',
      'unknown=1',
      'q=',
      'tag=a,b',
    ]) {
      const response = await call(platform.url, 'GET', `/api/v1/files?${query}`, { token });
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
    }
    const first = await call<Page<FileBody>>(platform.url, 'GET', '/api/v1/files?limit=1&sort=name', { token });
    const mismatched = await call(platform.url, 'GET', `/api/v1/files?limit=1&sort=size&cursor=${first.body.page.next_cursor}`, { token });
    expect(mismatched.status).toBe(400);
  });
});

describe('one file', () => {
  it('GET, PATCH (rename, move, description, tags), PUT, and DELETE answering {id, deleted_at}', async () => {
    const { token } = await registerAndLogin(platform.url);
    const folder = await createFolder(platform.url, token, 'target');
    const created = await uploadJson(platform.url, token, { name: 'draft.txt', content: 'draft' });
    const id = created.body.id;
    expect((await call(platform.url, 'GET', `/api/v1/files/${id}`, { token })).body).toEqual(created.body);

    const patched = await call<FileBody>(platform.url, 'PATCH', `/api/v1/files/${id}`, {
      token,
      body: { name: 'final.txt', folder_id: folder.id, description: 'the final one', tags: ['Work', 'work', ' q3 '] },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      id,
      name: 'final.txt',
      folder_id: folder.id,
      description: 'the final one',
      tags: ['work', 'q3'],
      version: 1,
    });
    expect(patched.body.updated_at >= created.body.updated_at).toBe(true);

    // The old name is free again; the new one is taken in the folder.
    expect((await uploadJson(platform.url, token, { name: 'draft.txt', content: 'again' })).status).toBe(201);
    expect((await uploadJson(platform.url, token, { name: 'FINAL.txt', content: 'clash', folder_id: folder.id })).status).toBe(409);

    const put = await call<FileBody>(platform.url, 'PUT', `/api/v1/files/${id}`, {
      token,
      body: { name: 'put.txt', folder_id: null, description: null, tags: [] },
    });
    expect(put.body).toMatchObject({ name: 'put.txt', folder_id: null, description: null, tags: [] });
    expect((await call(platform.url, 'PUT', `/api/v1/files/${id}`, { token, body: { name: 'only-name.txt' } })).status).toBe(400);

    const deleted = await call<{ id: string; deleted_at: string }>(platform.url, 'DELETE', `/api/v1/files/${id}`, { token });
    expect(deleted.status).toBe(200);
    expect(Object.keys(deleted.body).sort()).toEqual(['deleted_at', 'id']);
    expect(deleted.body.id).toBe(id);
    expect(Number.isNaN(Date.parse(deleted.body.deleted_at))).toBe(false);
    expect((await call(platform.url, 'GET', `/api/v1/files/${id}`, { token })).status).toBe(404);
    expect((await call(platform.url, 'DELETE', `/api/v1/files/${id}`, { token })).status).toBe(404);
    // Its name is free again.
    expect((await uploadJson(platform.url, token, { name: 'put.txt', content: 'reborn' })).status).toBe(201);
  });

  it('answers 409 for a rename onto a taken name, 404 for a move into a folder that is not yours, and 400 for bad input', async () => {
    const { token } = await registerAndLogin(platform.url);
    const other = await registerAndLogin(platform.url);
    const theirs = await createFolder(platform.url, other.token, 'theirs');
    await uploadJson(platform.url, token, { name: 'taken.txt', content: 'x' });
    const file = await uploadJson(platform.url, token, { name: 'mine.txt', content: 'y' });
    const head = await domainHead(platform.platform.eventStore);
    expect((await call(platform.url, 'PATCH', `/api/v1/files/${file.body.id}`, { token, body: { name: 'Taken.TXT' } })).status).toBe(409);
    expect((await call(platform.url, 'PATCH', `/api/v1/files/${file.body.id}`, { token, body: { folder_id: theirs.id } })).status).toBe(
      404,
    );
    for (const body of [
      {},
      { name: '' },
      { name: 'a/b' },
      { name: 'nul\u0000' },
      { name: 'x'.repeat(256) },
      { tags: 'one' },
      { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) },
      { description: 5 },
      { folder_id: 'root' },
      { owner_id: 'x' },
    ]) {
      const response = await call(platform.url, 'PATCH', `/api/v1/files/${file.body.id}`, { token, body });
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
    }
    expect(await domainHead(platform.platform.eventStore)).toBe(head);
    // A case-only rename keeps the name's claim and is allowed.
    expect((await call(platform.url, 'PATCH', `/api/v1/files/${file.body.id}`, { token, body: { name: 'MINE.txt' } })).status).toBe(200);
  });
});

describe('history', () => {
  it("lists the file's own events, paged, with public fields only", async () => {
    const { token, id: userId } = await registerAndLogin(platform.url);
    const file = await uploadJson(platform.url, token, { name: 'h.txt', content: 'one' });
    await call(platform.url, 'PATCH', `/api/v1/files/${file.body.id}`, { token, body: { name: 'h2.txt', tags: ['t'] } });
    await call(platform.url, 'PUT', `/api/v1/files/${file.body.id}/content`, { token, raw: 'two' });
    // Downloads are recorded in their own stream (download-<fileId>), so they are not among the file's own events.
    await fetch(`${platform.url}/api/v1/files/${file.body.id}/download`, { headers: { authorization: `Bearer ${token}` } }).then(
      (response) => response.arrayBuffer(),
    );
    type Entry = { type: string; event: string | null; revision: number; actor_id: string; data: Record<string, unknown> };
    const first = await call<Page<Entry>>(platform.url, 'GET', `/api/v1/files/${file.body.id}/history?limit=3`, { token });
    expect(first.status).toBe(200);
    expect(first.body.page.has_more).toBe(true);
    const second = await call<Page<Entry>>(
      platform.url,
      'GET',
      `/api/v1/files/${file.body.id}/history?limit=3&cursor=${first.body.page.next_cursor}`,
      { token },
    );
    const entries = [...first.body.data, ...second.body.data];
    expect(entries.map((entry) => [entry.type, entry.event, entry.revision])).toEqual([
      ['FileUploaded', 'upload.completed', 0],
      ['FileRenamed', 'file.updated', 1],
      ['FileMetadataChanged', 'file.updated', 2],
      ['FileContentReplaced', 'file.updated', 3],
    ]);
    expect(second.body.page).toMatchObject({ has_more: false, next_cursor: null });
    expect(entries.every((entry) => entry.actor_id === userId)).toBe(true);
    expect(entries[0]!.data).toMatchObject({ name: 'h.txt', size: 3, mime_type: 'text/plain' });
    for (const entry of entries)
      expect(Object.keys(entry).sort()).toEqual(['actor_id', 'created_at', 'data', 'event', 'id', 'revision', 'type']);
    expect((await call(platform.url, 'GET', `/api/v1/files/${file.body.id}/history?cursor=nope`, { token })).status).toBe(400);
  });
});

describe('isolation', () => {
  it("answers 404 to every file route for another user's file", async () => {
    const owner = await registerAndLogin(platform.url);
    const intruder = await registerAndLogin(platform.url);
    const file = await uploadJson(platform.url, owner.token, { name: 'private.txt', content: 'mine' });
    const head = await domainHead(platform.platform.eventStore);
    const id = file.body.id;
    const attempts: Array<[string, string, Parameters<typeof call>[3]]> = [
      ['GET', `/api/v1/files/${id}`, {}],
      ['PATCH', `/api/v1/files/${id}`, { body: { name: 'stolen.txt' } }],
      ['PUT', `/api/v1/files/${id}`, { body: { name: 'stolen.txt', folder_id: null, description: null, tags: [] } }],
      ['DELETE', `/api/v1/files/${id}`, {}],
      ['GET', `/api/v1/files/${id}/download`, {}],
      ['GET', `/api/v1/files/${id}/versions`, {}],
      ['GET', `/api/v1/files/${id}/history`, {}],
      ['PUT', `/api/v1/files/${id}/content`, { raw: 'overwrite' }],
    ];
    for (const [method, path, options] of attempts) {
      const response = await call(platform.url, method, path, { token: intruder.token, ...options });
      expect({ method, path, status: response.status, code: (response.body as { error?: { code: string } }).error?.code }).toEqual({
        method,
        path,
        status: 404,
        code: 'not_found',
      });
    }
    expect(await domainHead(platform.platform.eventStore)).toBe(head);
    expect((await call(platform.url, 'GET', '/api/v1/files', { token: intruder.token })).body).toMatchObject({ data: [] });
    expect((await call(platform.url, 'GET', `/api/v1/files/${id}`, { token: owner.token })).status).toBe(200);
  });
});
