import type { FileBody, FolderBody, Page } from '../support/files';
import { createFolder, uploadJson } from '../support/files';
import { call, registerAndLogin, uniqueUser } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

type Session = Awaited<ReturnType<typeof registerAndLogin>>;
type ErrorBody = { error: { code: string; details: Array<{ path: string }> } };

let platform: TestPlatform;
let alice: Session;
let bob: Session;
let carol: Session;
let team: FolderBody;
let hidden: FolderBody;
beforeAll(async () => {
  platform = await startTestPlatform();
  const login = () => registerAndLogin(platform.url, uniqueUser('placer'));
  [alice, bob, carol] = await Promise.all([login(), login(), login()]);
  team = await createFolder(platform.url, alice.token, 'team');
  hidden = await createFolder(platform.url, alice.token, 'hidden');
  for (const grantee of [bob, carol]) {
    const shared = await api(alice, 'POST', `/folders/${team.id}/shares`, { usernames: grantee.user.username, permission: 'write' });
    if (shared.status !== 201) throw new Error(`share failed: ${shared.status}`);
  }
});
afterAll(() => platform.close());

const api = <T = Record<string, unknown>>(session: Session, method: string, path: string, body?: unknown) =>
  call<T>(platform.url, method, `/api/v1${path}`, { token: session.token, body });
const upload = async (owner: Session, name: string, folderId: string | null = null): Promise<FileBody> => {
  const response = await uploadJson(platform.url, owner.token, { name, content: `${name} content`, folder_id: folderId });
  if (response.status !== 201) throw new Error(`upload failed: ${response.status}`);
  return response.body;
};
const refusal = (response: { status: number; body: unknown }) => {
  const { error } = response.body as ErrorBody;
  return [response.status, error.code, error.details.map((detail) => detail.path)];
};

describe("moving one's own entries into a folder shared with one", () => {
  it('a write grantee cannot move their own file into the shared folder, by PATCH or PUT (403), nor into a folder they cannot see (404)', async () => {
    const mine = await upload(carol, 'carols.txt');
    expect(refusal(await api(carol, 'PATCH', `/files/${mine.id}`, { folder_id: team.id }))).toEqual([403, 'forbidden', ['folder_id']]);
    const put = await api(carol, 'PUT', `/files/${mine.id}`, { name: 'carols.txt', folder_id: team.id, description: null, tags: [] });
    expect(refusal(put)).toEqual([403, 'forbidden', ['folder_id']]);
    expect((await api(carol, 'PATCH', `/files/${mine.id}`, { folder_id: hidden.id })).status).toBe(404);

    // Still where it was, and nothing of it reached the folder, its owner or its other grantee.
    expect((await api<FileBody>(carol, 'GET', `/files/${mine.id}`)).body.folder_id).toBeNull();
    expect((await api<Page<FileBody>>(alice, 'GET', `/files?folder_id=${team.id}`)).body.data).toEqual([]);
    expect((await api(bob, 'GET', `/files/${mine.id}`)).status).toBe(404);
  });

  it('a write grantee cannot move their own folder into the shared folder, by PATCH or PUT (403), nor into one they cannot see (404)', async () => {
    const mine = await createFolder(platform.url, carol.token, 'carols-folder');
    expect(refusal(await api(carol, 'PATCH', `/folders/${mine.id}`, { parent_id: team.id }))).toEqual([403, 'forbidden', ['parent_id']]);
    expect(refusal(await api(carol, 'PUT', `/folders/${mine.id}`, { name: 'carols-folder', parent_id: team.id }))).toEqual([
      403,
      'forbidden',
      ['parent_id'],
    ]);
    expect((await api(carol, 'PATCH', `/folders/${mine.id}`, { parent_id: hidden.id })).status).toBe(404);

    expect((await api<FolderBody>(carol, 'GET', `/folders/${mine.id}`)).body.parent_id).toBeNull();
    expect((await api<Page<FolderBody>>(alice, 'GET', `/folders?parent_id=${team.id}`)).body.data).toEqual([]);
    expect((await api(bob, 'GET', `/folders/${mine.id}`)).status).toBe(404);
  });

  it('the owner still moves her own file and folder into her shared folder and back to her root', async () => {
    const file = await upload(alice, 'alices.txt');
    const folder = await createFolder(platform.url, alice.token, 'alices-folder');
    expect((await api<FileBody>(alice, 'PATCH', `/files/${file.id}`, { folder_id: team.id })).body.folder_id).toBe(team.id);
    const put = await api<FolderBody>(alice, 'PUT', `/folders/${folder.id}`, { name: 'alices-folder', parent_id: team.id });
    expect([put.status, put.body.parent_id]).toEqual([200, team.id]);
    // Her grantee now reaches both through the folder.
    expect((await api(bob, 'GET', `/files/${file.id}`)).status).toBe(200);
    expect((await api(bob, 'GET', `/folders/${folder.id}`)).status).toBe(200);

    expect((await api<FileBody>(alice, 'PATCH', `/files/${file.id}`, { folder_id: null })).body.folder_id).toBeNull();
    expect((await api<FolderBody>(alice, 'PATCH', `/folders/${folder.id}`, { parent_id: null })).body.parent_id).toBeNull();
  });

  it("a grantee's upload into the shared folder still belongs to the folder's owner, who may move it", async () => {
    const uploaded = await upload(bob, 'from-bob.txt', team.id);
    const [created] = await platform.platform.eventStore.readStream(`file-${uploaded.id}`);
    expect(created).toMatchObject({ data: { ownerId: alice.id }, metadata: { actor: bob.id } });
    expect((await api<Page<FileBody>>(alice, 'GET', `/files?folder_id=${team.id}`)).body.data.map((file) => file.id)).toContain(
      uploaded.id,
    );
    expect((await api<FileBody>(alice, 'PATCH', `/files/${uploaded.id}`, { folder_id: hidden.id })).body.folder_id).toBe(hidden.id);
  });
});
