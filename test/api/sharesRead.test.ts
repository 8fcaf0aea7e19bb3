import type { FileBody, FolderBody, Page } from '../support/files';
import { createFolder, download, uploadJson } from '../support/files';
import { call, registerAndLogin } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

type Session = Awaited<ReturnType<typeof registerAndLogin>>;

const get = <T = Record<string, unknown>>(session: Session, path: string) =>
  call<T>(platform.url, 'GET', `/api/v1${path}`, { token: session.token });
const upload = async (owner: Session, name: string, content: string, folderId: string | null = null) => {
  const response = await uploadJson(platform.url, owner.token, { name, content, folder_id: folderId });
  if (response.status !== 201) throw new Error(`upload failed: ${response.status}`);
  return response.body;
};
/** Shares through the share route (owner, one grantee) and checks it was created. */
const share = async (
  owner: Session,
  kind: 'file' | 'folder',
  resourceId: string,
  grantee: Session,
  permission: 'view' | 'read' | 'write' = 'read',
  expiresAt: string | null = null,
) => {
  const response = await call<{ summary: { created: number } }>(platform.url, 'POST', `/api/v1/${kind}s/${resourceId}/shares`, {
    token: owner.token,
    body: { usernames: [grantee.user.username], permission, expires_at: expiresAt },
  });
  if (response.status !== 201 || response.body.summary.created !== 1)
    throw new Error(`share failed: ${response.status} ${JSON.stringify(response.body)}`);
};
const names = (page: { data: Array<{ name: string }> }) => page.data.map((item) => item.name).sort();

interface SharedItem {
  share_id: string;
  file_id: string | null;
  folder_id?: string;
  filename: string;
  permission: string;
  shared_by: { user_id: string; username: string; name: string };
  shared_with: { user_id: string };
}

describe('shared files on the ordinary routes', () => {
  let alice: Session;
  let bob: Session;
  let stranger: Session;
  beforeAll(async () => {
    [alice, bob, stranger] = await Promise.all([
      registerAndLogin(platform.url),
      registerAndLogin(platform.url),
      registerAndLogin(platform.url),
    ]);
  });

  it('lets a grantee with read see and download the file, and answers a stranger 404', async () => {
    const file = await upload(alice, 'plan.txt', 'the plan');
    expect((await get(bob, `/files/${file.id}`)).status).toBe(404);
    await share(alice, 'file', file.id, bob, 'read');

    const seen = await get<FileBody>(bob, `/files/${file.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ id: file.id, name: 'plan.txt' });
    const downloaded = await download(platform.url, bob.token, file.id);
    expect(downloaded.status).toBe(200);
    expect(downloaded.body.toString()).toBe('the plan');

    expect((await get(stranger, `/files/${file.id}`)).status).toBe(404);
    expect((await download(platform.url, stranger.token, file.id)).status).toBe(404);
  });

  it('gives a grantee with view the metadata but 403 on download', async () => {
    const file = await upload(alice, 'peek.txt', 'look, do not touch');
    await share(alice, 'file', file.id, bob, 'view');
    expect((await get(bob, `/files/${file.id}`)).status).toBe(200);
    const refused = await download(platform.url, bob.token, file.id);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body.toString())).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('reaches a file created later in a shared folder, lists the folder, and stops reaching a file moved out', async () => {
    const folder = await createFolder(platform.url, alice.token, 'Team');
    const inner = await createFolder(platform.url, alice.token, 'Inner', folder.id);
    await share(alice, 'folder', folder.id, bob, 'read');
    const later = await upload(alice, 'later.txt', 'written after the share', inner.id);

    expect((await get(bob, `/files/${later.id}`)).status).toBe(200);
    expect((await download(platform.url, bob.token, later.id)).body.toString()).toBe('written after the share');
    expect(names((await get<Page<FileBody>>(bob, `/files?folder_id=${inner.id}`)).body)).toEqual(['later.txt']);
    expect(names((await get<Page<FolderBody>>(bob, `/folders?parent_id=${folder.id}`)).body)).toEqual(['Inner']);
    const innerSeen = await get<FolderBody>(bob, `/folders/${inner.id}`);
    expect(innerSeen.status).toBe(200);
    expect(innerSeen.body.path.map((step) => step.name)).toEqual(['Team', 'Inner']);
    expect((await get(stranger, `/files?folder_id=${folder.id}`)).status).toBe(404);

    const moved = await call(platform.url, 'PATCH', `/api/v1/files/${later.id}`, { token: alice.token, body: { folder_id: null } });
    expect(moved.status).toBe(200);
    expect((await get(bob, `/files/${later.id}`)).status).toBe(404);
    expect((await download(platform.url, bob.token, later.id)).status).toBe(404);
    expect((await get<Page<FileBody>>(bob, `/files?folder_id=${inner.id}`)).body.data).toEqual([]);
  });

  it('shows a grantee the path of a shared folder from the shared folder down only', async () => {
    const top = await createFolder(platform.url, alice.token, 'Private');
    const shared = await createFolder(platform.url, alice.token, 'Shared', top.id);
    await share(alice, 'folder', shared.id, bob, 'view');
    expect((await get<FolderBody>(bob, `/folders/${shared.id}`)).body.path).toEqual([{ id: shared.id, name: 'Shared' }]);
    expect((await get<FolderBody>(alice, `/folders/${shared.id}`)).body.path.map((step) => step.name)).toEqual(['Private', 'Shared']);
  });
});

describe('what is shared with me and by me', () => {
  it('lists files shared with the caller (?shared=true) and shares received and sent (/shared), with the counters', async () => {
    const [owner, grantee, other] = await Promise.all([
      registerAndLogin(platform.url),
      registerAndLogin(platform.url),
      registerAndLogin(platform.url),
    ]);
    const photo = await uploadJson(platform.url, owner.token, { name: 'photo.png', content: 'png', folder_id: null });
    const notes = await upload(owner, 'notes.md', '# notes');
    const folder = await createFolder(platform.url, owner.token, 'Album');
    await upload(owner, 'in-album.txt', 'x', folder.id);
    await share(owner, 'file', photo.body.id, grantee, 'read');
    await share(owner, 'file', notes.id, grantee, 'view');
    await share(owner, 'folder', folder.id, grantee, 'read');
    await share(owner, 'file', notes.id, other, 'read');

    const shared = await get<Page<FileBody>>(grantee, '/files?shared=true');
    expect(shared.status).toBe(200);
    expect(names(shared.body)).toEqual(['in-album.txt', 'notes.md', 'photo.png']);
    expect(names((await get<Page<FileBody>>(grantee, '/files?shared=true&q=NOT')).body)).toEqual(['notes.md']);
    const paged = await get<Page<FileBody>>(grantee, '/files?shared=true&limit=2&sort=name&order=desc');
    expect(paged.body.data.map((file) => file.name)).toEqual(['photo.png', 'notes.md']);
    expect(paged.body.page.has_more).toBe(true);
    const rest = await get<Page<FileBody>>(
      grantee,
      `/files?shared=true&limit=2&sort=name&order=desc&cursor=${paged.body.page.next_cursor}`,
    );
    expect(rest.body.data.map((file) => file.name)).toEqual(['in-album.txt']);
    expect((await get(grantee, `/files?shared=true&folder_id=${folder.id}`)).status).toBe(400);
    expect((await get<Page<FileBody>>(owner, '/files?shared=true')).body.data).toEqual([]);

    const received = await get<{ view: string; data: SharedItem[]; page: Page<unknown>['page'] }>(grantee, '/shared?view=received');
    expect(received.status).toBe(200);
    expect(received.body.view).toBe('received');
    expect(received.body.data.map((item) => item.filename).sort()).toEqual(['Album', 'notes.md', 'photo.png']);
    const album = received.body.data.find((item) => item.filename === 'Album')!;
    expect(album).toMatchObject({ file_id: null, folder_id: folder.id, permission: 'read' });
    expect(album.shared_by).toEqual({ user_id: owner.id, username: owner.user.username, name: owner.user.display_name });
    const seedAlias = await call<{ data: SharedItem[] }>(platform.url, 'GET', '/api/shared', { token: grantee.token });
    expect(seedAlias.body.data).toHaveLength(3);

    const sent = await get<{ data: SharedItem[] }>(owner, '/shared?view=sent&limit=100');
    expect(sent.body.data).toHaveLength(4);
    expect(new Set(sent.body.data.map((item) => item.shared_with.user_id))).toEqual(new Set([grantee.id, other.id]));
    expect((await get(owner, '/shared?view=sideways')).status).toBe(400);

    const ownerStats = await get<{ stats: Record<string, number> }>(owner, '/shares/stats');
    expect(ownerStats.body.stats).toMatchObject({
      files_you_shared: 3,
      files_shared_with_you: 0,
      users_who_shared_with_you: 0,
      users_you_shared_with: 2,
      public_links: 0,
      active_public_links: 0,
    });
    expect((await get<{ stats: Record<string, number> }>(grantee, '/shares/stats')).body.stats).toMatchObject({
      files_you_shared: 0,
      files_shared_with_you: 3,
      users_who_shared_with_you: 1,
      users_you_shared_with: 0,
    });
  });

  it('lists who a file is shared with for its owner only, with the shares of the folders above it', async () => {
    const [owner, direct, throughFolder, stranger] = await Promise.all([
      registerAndLogin(platform.url),
      registerAndLogin(platform.url),
      registerAndLogin(platform.url),
      registerAndLogin(platform.url),
    ]);
    const folder = await createFolder(platform.url, owner.token, 'Shared');
    const file = await upload(owner, 'doc.txt', 'doc', folder.id);
    await share(owner, 'file', file.id, direct, 'write', '2099-01-01T00:00:00.000Z');
    await share(owner, 'folder', folder.id, throughFolder, 'view');

    const shares = await get<{ file_id: string; filename: string; total_shares: number; shares: Array<Record<string, unknown>> }>(
      owner,
      `/files/${file.id}/shares`,
    );
    expect(shares.status).toBe(200);
    expect(shares.body).toMatchObject({ file_id: file.id, filename: 'doc.txt', total_shares: 2 });
    expect(shares.body.shares).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          user_id: direct.id,
          username: direct.user.username,
          email: direct.user.email,
          permission: 'write',
          expires_at: '2099-01-01T00:00:00.000Z',
          via: 'direct',
        }),
        expect.objectContaining({ user_id: throughFolder.id, permission: 'view', via: 'folder', folder_id: folder.id, expires_at: null }),
      ]),
    );
    expect((await call(platform.url, 'GET', `/api/files/${file.id}/shares`, { token: owner.token })).status).toBe(200);
    const folderShares = await get<{ folder_id: string; total_shares: number }>(owner, `/folders/${folder.id}/shares`);
    expect(folderShares.body).toMatchObject({ folder_id: folder.id, total_shares: 1 });

    expect((await get(direct, `/files/${file.id}/shares`)).status).toBe(403);
    expect((await get(stranger, `/files/${file.id}/shares`)).status).toBe(404);
    expect((await get(stranger, `/folders/${folder.id}/shares`)).status).toBe(404);
  });
});

describe('share expiry', () => {
  it('stops a share at expires_at, checked at access time, before any ShareExpired is recorded', async () => {
    const [owner, grantee] = await Promise.all([registerAndLogin(platform.url), registerAndLogin(platform.url)]);
    const file = await upload(owner, 'brief.txt', 'for a moment');
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    await share(owner, 'file', file.id, grantee, 'read', expiresAt);
    expect((await get(grantee, `/files/${file.id}`)).status).toBe(200);
    expect((await get<Page<FileBody>>(grantee, '/files?shared=true')).body.data).toHaveLength(1);

    await new Promise((resolve) => setTimeout(resolve, Date.parse(expiresAt) - Date.now() + 50));
    expect((await get(grantee, `/files/${file.id}`)).status).toBe(404);
    expect((await download(platform.url, grantee.token, file.id)).status).toBe(404);
    expect((await get<Page<FileBody>>(grantee, '/files?shared=true')).body.data).toEqual([]);
    expect((await get<{ data: unknown[] }>(grantee, '/shared')).body.data).toEqual([]);
    const events = await platform.platform.eventStore.readStream(`file-${file.id}`);
    expect(events.map((event) => event.type)).not.toContain('ShareExpired');
  });
});
