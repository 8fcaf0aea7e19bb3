import { domainHead } from '../support/domainHead';
import type { FileBody } from '../support/files';
import { createFolder, uploadJson } from '../support/files';
import { call, registerAndLogin, uniqueUser } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

type Session = Awaited<ReturnType<typeof registerAndLogin>>;

interface ShareResults {
  message: string;
  results: Record<'created' | 'updated' | 'failed' | 'skipped', Array<Record<string, unknown>>>;
  summary: Record<'created' | 'updated' | 'failed' | 'skipped', number>;
}

const upload = async (platform: TestPlatform, owner: Session, name: string): Promise<FileBody> => {
  const response = await uploadJson(platform.url, owner.token, { name, content: name });
  if (response.status !== 201) throw new Error(`upload failed: ${response.status}`);
  return response.body;
};

describe('sharing files and folders with users', () => {
  let platform: TestPlatform;
  let alice: Session;
  let bob: Session;
  let carol: Session;
  let dave: Session;
  beforeAll(async () => {
    platform = await startTestPlatform();
    const login = () => registerAndLogin(platform.url, uniqueUser('sharer'));
    [alice, bob, carol, dave] = await Promise.all([login(), login(), login(), login()]);
  });
  afterAll(() => platform.close());

  const post = (session: Session, path: string, body: unknown) =>
    call<ShareResults>(platform.url, 'POST', `/api/v1${path}`, { token: session.token, body });
  const remove = (session: Session, path: string) =>
    call(platform.url, 'DELETE', path.startsWith('/api/') ? path : `/api/v1${path}`, { token: session.token });

  it('shares 3 files with 3 users and a name no one has, answering each pair in the seed’s shape', async () => {
    const [first, second] = [await upload(platform, alice, 'one.txt'), await upload(platform, alice, 'two.txt')];
    const invisible = await upload(platform, dave, 'daves.txt');
    expect((await post(alice, `/files/${first.id}/shares`, { usernames: bob.user.username, permission: 'view' })).status).toBe(201);

    const response = await post(alice, `/files/${first.id}/share`, {
      usernames: [bob.user.username.toUpperCase(), alice.user.username, 'no_such_user_anywhere'],
      emails: [carol.user.email.toUpperCase()],
      file_ids: [first.id, second.id, invisible.id],
      permission: 'download',
    });

    expect(response.status).toBe(201);
    const { results, summary, message } = response.body;
    const pairs = (bucket: keyof ShareResults['results']) =>
      results[bucket].map((item) => [item.file_id, item.grantee_user_id, item.reason ?? null]).sort();
    expect(pairs('created')).toEqual(
      [
        [first.id, carol.id, null],
        [second.id, bob.id, null],
        [second.id, carol.id, null],
      ].sort(),
    );
    expect(pairs('updated')).toEqual([[first.id, bob.id, null]]);
    expect(pairs('skipped')).toEqual(
      [
        [first.id, alice.id, 'self'],
        [second.id, alice.id, 'self'],
      ].sort(),
    );
    expect(pairs('failed')).toEqual(
      [
        [first.id, null, 'user_not_found'],
        [second.id, null, 'user_not_found'],
        [invisible.id, bob.id, 'file_not_found'],
        [invisible.id, carol.id, 'file_not_found'],
        [invisible.id, alice.id, 'file_not_found'],
        [invisible.id, null, 'file_not_found'],
      ].sort(),
    );
    expect(summary).toEqual({ created: 3, updated: 1, failed: 6, skipped: 2 });
    expect(message).toBe('Sharing complete: 4 successful, 6 failed');
    expect(results.created).toContainEqual({
      file_id: second.id,
      filename: 'two.txt',
      username: bob.user.username,
      grantee_user_id: bob.id,
      permission: 'download',
    });
    expect(results.created).toContainEqual(
      expect.objectContaining({ file_id: first.id, email: carol.user.email.toUpperCase(), username: carol.user.username }),
    );
  });

  it('updates a share given another permission, and skips one given the same again', async () => {
    const file = await upload(platform, alice, 'reshare.txt');
    const shareAs = (permission: string) => post(alice, `/files/${file.id}/shares`, { usernames: [bob.user.username], permission });
    expect((await shareAs('read')).body.summary).toEqual({ created: 1, updated: 0, failed: 0, skipped: 0 });
    expect((await shareAs('write')).body.results.updated).toEqual([
      expect.objectContaining({ grantee_user_id: bob.id, permission: 'write' }),
    ]);
    expect((await shareAs('write')).body.results.skipped).toEqual([
      expect.objectContaining({ grantee_user_id: bob.id, reason: 'already_shared' }),
    ]);
  });

  it('refuses a request past 100 users or 100 files, or with no user, or an expiry that has passed, with nothing appended', async () => {
    const file = await upload(platform, alice, 'limits.txt');
    const folder = await createFolder(platform.url, alice.token, 'no-file-ids');
    const head = await domainHead(platform.platform.eventStore);
    const manyUsers = Array.from({ length: 101 }, (_, index) => `user_${index}`);
    const refused = [
      { usernames: manyUsers },
      { usernames: manyUsers.slice(0, 60), emails: manyUsers.slice(0, 41).map((name) => `${name}@example.com`) },
      { usernames: [bob.user.username], file_ids: Array.from({ length: 101 }, () => file.id) },
      { usernames: [] },
      {},
      { usernames: [bob.user.username], expires_at: '2020-01-01T00:00:00Z' },
      { usernames: [bob.user.username], permission: 'owner' },
    ];
    for (const body of refused) {
      const response = await post(alice, `/files/${file.id}/shares`, body);
      expect([JSON.stringify(body).slice(0, 60), response.status]).toEqual([JSON.stringify(body).slice(0, 60), 400]);
    }
    expect((await post(alice, `/folders/${folder.id}/shares`, { usernames: [bob.user.username], file_ids: [file.id] })).status).toBe(400);
    expect(await domainHead(platform.platform.eventStore)).toBe(head);
  });

  it('says what is wrong with the users named, or the expiry, on the body field', async () => {
    const file = await upload(platform, alice, 'messages.txt');
    const manyUsers = Array.from({ length: 101 }, (_, index) => `user_${index}`);
    const cases: Array<[body: Record<string, unknown>, path: string, message: string]> = [
      [{ usernames: manyUsers }, 'body.usernames', 'at most 100 users in one request'],
      [{ emails: manyUsers.map((name) => `${name}@example.com`) }, 'body.emails', 'at most 100 users in one request'],
      [{ usernames: [null] }, 'body.usernames', 'expected a username (a non-empty string), or a list of at most 100 of them'],
      [{ emails: 7 }, 'body.emails', 'expected an email address (a non-empty string), or a list of at most 100 of them'],
      [{ usernames: [bob.user.username], expires_at: '2020-01-01T00:00:00Z' }, 'body.expires_at', 'must be in the future'],
    ];
    for (const [body, path, message] of cases) {
      const response = await post(alice, `/files/${file.id}/shares`, body);
      expect({ path, status: response.status, body: response.body }).toMatchObject({
        path,
        status: 400,
        body: { error: { code: 'validation_error', details: [{ path, message }] } },
      });
    }
  });

  it('takes a future expiry, answered with the share', async () => {
    const file = await upload(platform, alice, 'expiring.txt');
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const response = await post(alice, `/files/${file.id}/shares`, { usernames: [bob.user.username], expires_at: expiresAt });
    expect(response.body.summary.created).toBe(1);
  });

  it('shares a folder', async () => {
    const folder = await createFolder(platform.url, alice.token, 'team');
    const response = await post(alice, `/folders/${folder.id}/shares`, { emails: carol.user.email, permission: 'edit' });
    expect(response.status).toBe(201);
    expect(response.body.results.created).toEqual([
      {
        folder_id: folder.id,
        name: 'team',
        username: carol.user.username,
        email: carol.user.email,
        grantee_user_id: carol.id,
        permission: 'edit',
      },
    ]);
  });

  it('revokes once the read models hold it; a repeated revoke changes nothing and answers 200', async () => {
    const file = await upload(platform, alice, 'revoke.txt');
    await post(alice, `/files/${file.id}/shares`, { usernames: [bob.user.username] });
    const revoked = await remove(alice, `/files/${file.id}/shares/${bob.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({
      message: 'File share revoked successfully',
      file_id: file.id,
      grantee_user_id: bob.id,
      grantee_username: bob.user.username,
      revoked: true,
    });
    const again = await remove(alice, `/api/files/${file.id}/share/${bob.id}`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ revoked: false });
    const folder = await createFolder(platform.url, alice.token, 'revoked-team');
    await post(alice, `/folders/${folder.id}/shares`, { usernames: [bob.user.username] });
    expect(await remove(alice, `/folders/${folder.id}/shares/${bob.id}`)).toMatchObject({
      status: 200,
      body: { folder_id: folder.id, revoked: true },
    });
  });

  it('lets only the owner share, revoke or delete: a grantee is answered 403, a stranger 404', async () => {
    const file = await upload(platform, alice, 'owners-only.txt');
    await post(alice, `/files/${file.id}/shares`, { usernames: [bob.user.username], permission: 'write' });
    expect((await post(bob, `/files/${file.id}/shares`, { usernames: [carol.user.username] })).status).toBe(403);
    expect((await remove(bob, `/files/${file.id}/shares/${bob.id}`)).status).toBe(403);
    expect((await remove(bob, `/files/${file.id}`)).status).toBe(403);
    expect((await post(dave, `/files/${file.id}/shares`, { usernames: [carol.user.username] })).status).toBe(404);
    expect((await remove(dave, `/files/${file.id}/shares/${bob.id}`)).status).toBe(404);
    const folder = await createFolder(platform.url, alice.token, 'owners-only');
    expect((await post(dave, `/folders/${folder.id}/shares`, { usernames: [carol.user.username] })).status).toBe(404);
  });
});

describe('the sharing rate limit', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    // The plan allows more than 100 requests a minute, so the sharing limit is the one reached.
    platform = await startTestPlatform({ FILORA_RATE_LIMIT_MODE: 'enforce', FILORA_DEFAULT_PLAN: 'professional' });
  });
  afterAll(() => platform.close());

  it('answers 429 past 100 sharing requests in an hour, files and folders together', async () => {
    const alice = await registerAndLogin(platform.url, uniqueUser('limited'));
    const file = await upload(platform, alice, 'limited.txt');
    const folder = await createFolder(platform.url, alice.token, 'limited');
    const body = { usernames: ['no_such_user_anywhere'] };
    for (let index = 0; index < 100; index++) {
      const path = index % 2 === 0 ? `/files/${file.id}/shares` : `/folders/${folder.id}/shares`;
      const response = await call(platform.url, 'POST', `/api/v1${path}`, { token: alice.token, body });
      expect([index, response.status]).toEqual([index, 201]);
    }
    const refused = await call(platform.url, 'POST', `/api/files/${file.id}/share`, { token: alice.token, body });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).not.toBeNull();
  });
});
