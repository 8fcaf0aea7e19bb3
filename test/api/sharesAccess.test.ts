import type { FileBody, FolderBody, Page } from '../support/files';
import { createFolder, download, eventually, uploadJson } from '../support/files';
import { call, registerAndLogin, uniqueUser } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

type Session = Awaited<ReturnType<typeof registerAndLogin>>;

let platform: TestPlatform;
let alice: Session;
let bob: Session;
let carol: Session;
beforeAll(async () => {
  platform = await startTestPlatform();
  const login = () => registerAndLogin(platform.url, uniqueUser('grantee'));
  [alice, bob, carol] = await Promise.all([login(), login(), login()]);
});
afterAll(() => platform.close());

const api = <T = Record<string, unknown>>(session: Session, method: string, path: string, body?: unknown) =>
  call<T>(platform.url, method, `/api/v1${path}`, { token: session.token, body });
const upload = async (owner: Session, name: string, folderId: string | null = null): Promise<FileBody> => {
  const response = await uploadJson(platform.url, owner.token, { name, content: `${name} content`, folder_id: folderId });
  if (response.status !== 201) throw new Error(`upload failed: ${response.status}`);
  return response.body;
};
const share = async (kind: 'files' | 'folders', id: string, grantee: Session, permission: string, expiresAt?: string) => {
  const response = await api(alice, 'POST', `/${kind}/${id}/shares`, {
    usernames: grantee.user.username,
    permission,
    expires_at: expiresAt,
  });
  if (response.status !== 201) throw new Error(`share failed: ${response.status} ${JSON.stringify(response.body)}`);
};

describe('grantees on the ordinary routes, shared through the share route', () => {
  it('a read grantee downloads; a view grantee sees the metadata but gets 403 on download', async () => {
    const file = await upload(alice, 'report.txt');
    await share('files', file.id, bob, 'read');
    await share('files', file.id, carol, 'view');
    const downloaded = await download(platform.url, bob.token, file.id);
    expect([downloaded.status, downloaded.body.toString()]).toEqual([200, 'report.txt content']);
    expect((await api(carol, 'GET', `/files/${file.id}`)).status).toBe(200);
    expect((await download(platform.url, carol.token, file.id)).status).toBe(403);
  });

  it('a write grantee renames, changes metadata and uploads a version, but never deletes, moves or re-shares', async () => {
    const file = await upload(alice, 'draft.txt');
    const elsewhere = await createFolder(platform.url, alice.token, 'elsewhere');
    await share('files', file.id, bob, 'edit');

    const renamed = await api<FileBody>(bob, 'PATCH', `/files/${file.id}`, { name: 'final.txt', tags: ['reviewed'] });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'final.txt', tags: ['reviewed'] });
    const version = await call<FileBody>(platform.url, 'PUT', `/api/v1/files/${file.id}/content`, {
      token: bob.token,
      raw: 'second version',
      headers: { 'content-type': 'text/plain' },
    });
    expect([version.status, version.body.version]).toEqual([200, 2]);
    expect((await download(platform.url, alice.token, file.id)).body.toString()).toBe('second version');

    expect((await api(bob, 'DELETE', `/files/${file.id}`)).status).toBe(403);
    expect((await api(bob, 'PATCH', `/files/${file.id}`, { folder_id: elsewhere.id })).status).toBe(403);
    expect((await api(bob, 'POST', `/files/${file.id}/shares`, { usernames: carol.user.username })).status).toBe(403);
    expect((await api(bob, 'DELETE', `/files/${file.id}/shares/${bob.id}`)).status).toBe(403);
    expect((await api(alice, 'GET', `/files/${file.id}`)).body).toMatchObject({ name: 'final.txt', version: 2 });
  });

  it('a write grantee of a folder uploads into it and creates sub-folders there, which belong to the owner', async () => {
    const team = await createFolder(platform.url, alice.token, 'team');
    await share('folders', team.id, bob, 'write');

    const uploaded = await uploadJson(platform.url, bob.token, { name: 'from-bob.txt', content: 'hello', folder_id: team.id });
    expect(uploaded.status).toBe(201);
    const sub = await api<FolderBody>(bob, 'POST', '/folders', { name: 'bobs-sub', parent_id: team.id });
    expect(sub.status).toBe(201);

    // The owner lists both as their own, and the upload's events name bob as the actor.
    const listed = await api<Page<FileBody>>(alice, 'GET', `/files?folder_id=${team.id}`);
    expect(listed.body.data.map((file) => file.name)).toEqual(['from-bob.txt']);
    const folders = await api<Page<FolderBody>>(alice, 'GET', `/folders?parent_id=${team.id}`);
    expect(folders.body.data.map((folder) => folder.name)).toEqual(['bobs-sub']);
    const [created] = await platform.platform.eventStore.readStream(`file-${uploaded.body.id}`);
    expect(created).toMatchObject({ data: { ownerId: alice.id }, metadata: { actor: bob.id } });
    // Bob's own root holds neither.
    expect((await api<Page<FileBody>>(bob, 'GET', '/files?folder_id=root')).body.data).toEqual([]);

    // Bob renames what is in the folder, but neither moves nor deletes it.
    expect((await api<FolderBody>(bob, 'PATCH', `/folders/${sub.body.id}`, { name: 'renamed-sub' })).body).toMatchObject({
      name: 'renamed-sub',
    });
    expect((await api(bob, 'PATCH', `/folders/${sub.body.id}`, { parent_id: null })).status).toBe(403);
    expect((await api(bob, 'DELETE', `/folders/${sub.body.id}`)).status).toBe(403);
    expect((await api(bob, 'DELETE', `/folders/${team.id}`)).status).toBe(403);

    // A read grantee may not put anything there.
    await share('folders', team.id, carol, 'read');
    expect((await uploadJson(platform.url, carol.token, { name: 'nope.txt', content: 'x', folder_id: team.id })).status).toBe(403);
    expect((await api(carol, 'POST', '/folders', { name: 'nope', parent_id: team.id })).status).toBe(403);
  });

  it('a revoke answers once the grantee is refused: the next request is a 404', async () => {
    const file = await upload(alice, 'secret.txt');
    await share('files', file.id, bob, 'read');
    expect((await api(bob, 'GET', `/files/${file.id}`)).status).toBe(200);
    expect((await api(alice, 'DELETE', `/files/${file.id}/shares/${bob.id}`)).status).toBe(200);
    expect((await api(bob, 'GET', `/files/${file.id}`)).status).toBe(404);
    expect((await download(platform.url, bob.token, file.id)).status).toBe(404);

    const folder = await createFolder(platform.url, alice.token, 'revoked');
    const inside = await upload(alice, 'inside.txt', folder.id);
    await share('folders', folder.id, bob, 'write');
    expect((await api(bob, 'GET', `/files/${inside.id}`)).status).toBe(200);
    expect((await api(alice, 'DELETE', `/folders/${folder.id}/shares/${bob.id}`)).status).toBe(200);
    expect((await api(bob, 'GET', `/files/${inside.id}`)).status).toBe(404);
    expect((await uploadJson(platform.url, bob.token, { name: 'late.txt', content: 'x', folder_id: folder.id })).status).toBe(404);
  });

  it('a share stops at expires_at, and the expirer records ShareExpired after it', async () => {
    const file = await upload(alice, 'brief.txt');
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    await share('files', file.id, bob, 'write', expiresAt);
    expect((await api(bob, 'GET', `/files/${file.id}`)).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(expiresAt) - Date.now()) + 50));
    expect((await api(bob, 'GET', `/files/${file.id}`)).status).toBe(404);
    expect((await api(bob, 'PATCH', `/files/${file.id}`, { name: 'late.txt' })).status).toBe(404);

    await platform.platform.shareExpirer.expire();
    const types = await eventually(
      async () => (await platform.platform.eventStore.readStream(`file-${file.id}`)).map((event) => event.type),
      (found) => found.includes('ShareExpired'),
    );
    expect(types).toEqual(['FileUploaded', 'FileShared', 'ShareExpired']);
  });
});
