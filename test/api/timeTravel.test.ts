import type { FileBody, FolderBody, Page } from '../support/files';
import { createFolder, uploadJson } from '../support/files';
import { call, registerAndLogin, uniqueUser } from '../support/http';
import { ChangeRole } from '../../src/commands/users/changeRole';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

type Session = Awaited<ReturnType<typeof registerAndLogin>>;
type AsOf = { position: string; time: string };
type FileAsOf = FileBody & { deleted: boolean; deleted_at: string | null; as_of: AsOf };
type FolderAsOf = Omit<FolderBody, 'file_count' | 'folder_count'> & {
  file_count: number | null;
  folder_count: number | null;
  path: Array<{ id: string; name: string }>;
  created_at: string;
  updated_at: string;
  deleted: boolean;
  deleted_at: string | null;
  as_of: AsOf;
};
type Entry = { type: string; revision: number };

let platform: TestPlatform;
let alice: Session;
let mallory: Session;
beforeAll(async () => {
  platform = await startTestPlatform();
  const login = () => registerAndLogin(platform.url, uniqueUser('traveller'));
  [alice, mallory] = await Promise.all([login(), login()]);
});
afterAll(() => platform.close());

const api = <T = Record<string, unknown>>(session: Session, method: string, path: string, body?: unknown) =>
  call<T>(platform.url, method, `/api/v1${path}`, { token: session.token, body });
const asOf = (bound: string) => `as_of=${encodeURIComponent(bound)}`;
const positionOf = (response: { headers: Headers }): string => {
  const position = response.headers.get('x-filora-position');
  if (position === null) throw new Error('the write answered no position');
  return position;
};
/** A time strictly between what was written before and what is written after (event times have milliseconds). */
const pause = () => new Promise((resolve) => setTimeout(resolve, 15));
const nowBetween = async (): Promise<string> => {
  await pause();
  const time = new Date().toISOString();
  await pause();
  return time;
};

async function upload(owner: Session, name: string, folderId: string | null = null) {
  const response = await uploadJson(platform.url, owner.token, { name, content: `${name} content`, folder_id: folderId });
  expect(response.status).toBe(201);
  return { file: response.body, position: positionOf(response) };
}

async function rename(owner: Session, fileId: string, name: string): Promise<string> {
  const response = await api(owner, 'PATCH', `/files/${fileId}`, { name });
  expect(response.status).toBe(200);
  return positionOf(response);
}

describe('GET /files/:id?as_of', () => {
  it('answers the name a file had before a rename, by position and by time', async () => {
    const { file, position: uploadedAt } = await upload(alice, 'draft.txt');
    const beforeRename = await nowBetween();
    const renamedAt = await rename(alice, file.id, 'final.txt');

    const byPosition = await api<FileAsOf>(alice, 'GET', `/files/${file.id}?${asOf(uploadedAt)}`);
    expect(byPosition.status).toBe(200);
    expect(byPosition.body).toMatchObject({ id: file.id, name: 'draft.txt', deleted: false, deleted_at: null });
    expect(byPosition.body.as_of.position <= uploadedAt).toBe(true);

    const byTime = await api<FileAsOf>(alice, 'GET', `/files/${file.id}?${asOf(beforeRename)}`);
    expect(byTime.status).toBe(200);
    expect(byTime.body).toMatchObject({ name: 'draft.txt', as_of: byPosition.body.as_of });
    expect(byTime.body.as_of.time <= beforeRename).toBe(true);

    const afterRename = await api<FileAsOf>(alice, 'GET', `/files/${file.id}?${asOf(renamedAt)}`);
    expect(afterRename.body).toMatchObject({ name: 'final.txt', as_of: { position: renamedAt } });
    expect((await api<FileBody>(alice, 'GET', `/files/${file.id}`)).body.name).toBe('final.txt');
  });

  it('answers, as of now, what the read model answers (updated_at does not move with shares), plus the bound', async () => {
    const { file } = await upload(alice, 'same.txt');
    await rename(alice, file.id, 'same-renamed.txt');
    const shared = await api(alice, 'POST', `/files/${file.id}/shares`, { usernames: mallory.user.username, permission: 'view' });
    expect(shared.status).toBe(201);
    const revoked = await api(alice, 'DELETE', `/files/${file.id}/shares/${mallory.id}`);
    expect(revoked.status).toBe(200);

    const live = await api<FileBody>(alice, 'GET', `/files/${file.id}`);
    const past = await api<FileAsOf>(alice, 'GET', `/files/${file.id}?${asOf(positionOf(revoked))}`);
    const { deleted, deleted_at: deletedAt, as_of: bound, ...fields } = past.body;
    expect(fields).toEqual(live.body);
    expect({ deleted, deletedAt }).toEqual({ deleted: false, deletedAt: null });
    expect(bound.position).toBe(positionOf(revoked));
  });

  it('answers a deleted file as it was, with when it was deleted', async () => {
    const { file } = await upload(alice, 'doomed.txt');
    const renamedAt = await rename(alice, file.id, 'doomed-renamed.txt');
    const deletion = await api<{ deleted_at: string }>(alice, 'DELETE', `/files/${file.id}`);
    expect(deletion.status).toBe(200);
    expect((await api(alice, 'GET', `/files/${file.id}`)).status).toBe(404);

    const gone = await api<FileAsOf>(alice, 'GET', `/files/${file.id}?${asOf(positionOf(deletion))}`);
    expect(gone.status).toBe(200);
    expect(gone.body).toMatchObject({ id: file.id, name: 'doomed-renamed.txt', deleted: true, deleted_at: deletion.body.deleted_at });
    const before = await api<FileAsOf>(alice, 'GET', `/files/${file.id}?${asOf(renamedAt)}`);
    expect(before.body).toMatchObject({ name: 'doomed-renamed.txt', deleted: false, deleted_at: null });
  });

  it('is 404 before the file was created, and to another user', async () => {
    const earlier = await upload(alice, 'earlier.txt');
    const { file, position } = await upload(alice, 'later.txt');
    expect((await api(alice, 'GET', `/files/${file.id}?${asOf(earlier.position)}`)).status).toBe(404);
    expect((await api(alice, 'GET', `/files/${file.id}?${asOf('2001-01-01T00:00:00Z')}`)).status).toBe(404);
    const stranger = await api<{ error: { code: string } }>(mallory, 'GET', `/files/${file.id}?${asOf(position)}`);
    expect(stranger.status).toBe(404);
    expect(stranger.body.error.code).toBe('not_found');
  });
});

describe('an auditor as of a bound', () => {
  it("reads another user's deleted file and its whole history, share events included; no longer once the role is revoked", async () => {
    const auditor = await registerAndLogin(platform.url, uniqueUser('auditor'));
    const changeRole = platform.platform.container.resolve(ChangeRole);
    await changeRole.run(auditor.user.username, 'grant', 'auditor', {});
    const { file } = await upload(alice, 'audited.txt');
    const shared = await api(alice, 'POST', `/files/${file.id}/shares`, { usernames: mallory.user.username, permission: 'view' });
    expect(shared.status).toBe(201);
    const deletion = await api(alice, 'DELETE', `/files/${file.id}`);
    const bound = positionOf(deletion);

    const seen = await api<FileAsOf>(auditor, 'GET', `/files/${file.id}?${asOf(bound)}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ name: 'audited.txt', deleted: true });
    const history = await api<Page<Entry>>(auditor, 'GET', `/files/${file.id}/history?${asOf(bound)}`);
    expect(history.body.data.map((entry) => entry.type)).toEqual(['FileUploaded', 'FileShared', 'FileDeleted']);

    await changeRole.run(auditor.user.username, 'revoke', 'auditor', {});
    expect((await api(auditor, 'GET', `/files/${file.id}?${asOf(bound)}`)).status).toBe(404);
  });
});

describe('a grantee as of a bound', () => {
  /** Reads after every read model has applied `latest`, so the access history holds the shares and revokes before it. */
  const readAfter = (session: Session, path: string, bound: string, latest: string) =>
    api<FileAsOf>(session, 'GET', `${path}${path.includes('?') ? '&' : '?'}${asOf(bound)}&after_position=${latest}`);

  it('reads a file as of a time its share covered, and not before the share or after the revoke', async () => {
    const bob = await registerAndLogin(platform.url, uniqueUser('grantee'));
    const { file, position: uploadedAt } = await upload(alice, 'shared-once.txt');
    const shared = await api(alice, 'POST', `/files/${file.id}/shares`, { usernames: bob.user.username, permission: 'view' });
    expect(shared.status).toBe(201);
    const renamedWhileShared = await rename(alice, file.id, 'shared-renamed.txt');
    const whileShared = await nowBetween();
    const revoked = await api(alice, 'DELETE', `/files/${file.id}/shares/${bob.id}`);
    expect(revoked.status).toBe(200);
    const renamedAfter = await rename(alice, file.id, 'private-again.txt');

    const covered = await readAfter(bob, `/files/${file.id}`, renamedWhileShared, renamedAfter);
    expect(covered.status).toBe(200);
    expect(covered.body.name).toBe('shared-renamed.txt');
    expect((await readAfter(bob, `/files/${file.id}`, whileShared, renamedAfter)).body.name).toBe('shared-renamed.txt');
    expect((await readAfter(bob, `/files/${file.id}/history`, renamedWhileShared, renamedAfter)).status).toBe(200);

    expect((await readAfter(bob, `/files/${file.id}`, uploadedAt, renamedAfter)).status).toBe(404);
    expect((await readAfter(bob, `/files/${file.id}`, renamedAfter, renamedAfter)).status).toBe(404);
    expect((await readAfter(bob, `/files/${file.id}/history`, renamedAfter, renamedAfter)).status).toBe(404);
  });

  it('reads a file created under a folder shared with them, and the folder, as of then', async () => {
    const carol = await registerAndLogin(platform.url, uniqueUser('grantee'));
    const folder = await createFolder(platform.url, alice.token, `team-${Math.random()}`);
    const shared = await api(alice, 'POST', `/folders/${folder.id}/shares`, { usernames: carol.user.username, permission: 'read' });
    expect(shared.status).toBe(201);
    const { file, position } = await upload(alice, 'inside.txt', folder.id);

    expect((await readAfter(carol, `/files/${file.id}`, position, position)).body).toMatchObject({ name: 'inside.txt' });
    const seenFolder = await readAfter(carol, `/folders/${folder.id}`, position, position);
    expect(seenFolder.status).toBe(200);
    expect(seenFolder.body).toMatchObject({ id: folder.id, deleted: false });
  });
});

describe('GET /folders/:id?as_of', () => {
  it('answers a deleted folder as it was, with its path then and no child counts', async () => {
    const parent = await createFolder(platform.url, alice.token, 'projects');
    const child = await createFolder(platform.url, alice.token, 'old-plans', parent.id);
    const beforeRename = await nowBetween();
    const renamed = await api(alice, 'PATCH', `/folders/${child.id}`, { name: 'plans' });
    expect(renamed.status).toBe(200);
    const deletion = await api<{ deleted_at: string }>(alice, 'DELETE', `/folders/${child.id}`);
    expect(deletion.status).toBe(200);

    const gone = await api<FolderAsOf>(alice, 'GET', `/folders/${child.id}?${asOf(positionOf(deletion))}`);
    expect(gone.status).toBe(200);
    expect(gone.body).toMatchObject({
      id: child.id,
      name: 'plans',
      parent_id: parent.id,
      file_count: null,
      folder_count: null,
      deleted: true,
      deleted_at: deletion.body.deleted_at,
      path: [
        { id: parent.id, name: 'projects' },
        { id: child.id, name: 'plans' },
      ],
    });
    const earlier = await api<FolderAsOf>(alice, 'GET', `/folders/${child.id}?${asOf(beforeRename)}`);
    expect(earlier.body).toMatchObject({ name: 'old-plans', deleted: false, created_at: gone.body.created_at });
    expect(earlier.body.updated_at).toBe(earlier.body.created_at);
    expect(gone.body.updated_at > gone.body.created_at).toBe(true);
    expect((await api(mallory, 'GET', `/folders/${child.id}?${asOf(positionOf(deletion))}`)).status).toBe(404);
    expect((await api(alice, 'GET', `/folders/${child.id}?${asOf('2001-01-01T00:00:00Z')}`)).status).toBe(404);
  });
});

describe('GET /files/:id/history?as_of', () => {
  it('stops at the bound, page by page, and reaches a deleted file', async () => {
    const { file } = await upload(alice, 'v1.txt');
    const secondAt = await rename(alice, file.id, 'v2.txt');
    await rename(alice, file.id, 'v3.txt');
    const deletion = await api(alice, 'DELETE', `/files/${file.id}`);

    const upToSecond = await api<Page<Entry>>(alice, 'GET', `/files/${file.id}/history?${asOf(secondAt)}`);
    expect(upToSecond.status).toBe(200);
    expect(upToSecond.body.data.map((entry) => entry.type)).toEqual(['FileUploaded', 'FileRenamed']);
    expect(upToSecond.body.page.has_more).toBe(false);

    const first = await api<Page<Entry>>(alice, 'GET', `/files/${file.id}/history?limit=1&${asOf(secondAt)}`);
    expect(first.body.page.has_more).toBe(true);
    const cursor = first.body.page.next_cursor ?? '';
    const second = await api<Page<Entry>>(alice, 'GET', `/files/${file.id}/history?limit=1&cursor=${cursor}&${asOf(secondAt)}`);
    expect(second.body.data.map((entry) => entry.revision)).toEqual([1]);
    expect(second.body.page).toMatchObject({ has_more: false, next_cursor: null });

    const all = await api<Page<Entry>>(alice, 'GET', `/files/${file.id}/history?${asOf(positionOf(deletion))}`);
    expect(all.body.data.map((entry) => entry.type)).toEqual(['FileUploaded', 'FileRenamed', 'FileRenamed', 'FileDeleted']);
    expect((await api(mallory, 'GET', `/files/${file.id}/history?${asOf(positionOf(deletion))}`)).status).toBe(404);
  });
});

describe('a malformed as_of', () => {
  it.each(['yesterday', '2026-01-01', '2026-01-01T00:00:00', '1', '', '00000000000000000001/x', '99999999999999999999'])(
    'is a 400 on query.as_of: %p',
    async (bound) => {
      const { file } = await upload(alice, `bad-${bound.length}-${Math.random()}.txt`);
      const folder = await createFolder(platform.url, alice.token, `bad-${Math.random()}`);
      for (const path of [`/files/${file.id}`, `/folders/${folder.id}`, `/files/${file.id}/history`]) {
        const response = await api<{ error: { code: string; details: Array<{ path: string }> } }>(alice, 'GET', `${path}?${asOf(bound)}`);
        expect(response.status).toBe(400);
        expect(response.body.error.code).toBe('validation_error');
        expect(response.body.error.details.map((detail) => detail.path)).toEqual(['query.as_of']);
      }
    },
  );
});
