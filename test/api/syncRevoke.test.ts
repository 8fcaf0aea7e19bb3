import { createFolder, uploadJson } from '../support/files';
import { call, registerAndLogin } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

jest.setTimeout(60_000);

interface Updates {
  events: Array<{ type: string; payload: Record<string, unknown> }>;
  next_cursor: string | null;
  has_more: boolean;
}

type Session = Awaited<ReturnType<typeof registerAndLogin>>;

describe('sync feed and the end of a share', () => {
  let platform: TestPlatform;
  let alice: Session;
  let bob: Session;
  beforeAll(async () => {
    platform = await startTestPlatform();
    alice = await registerAndLogin(platform.url);
    bob = await registerAndLogin(platform.url);
  });
  afterAll(async () => platform.close());

  const ok = async <T>(answer: Promise<{ status: number; body: T }>, status = 200): Promise<T> => {
    const { status: actual, body } = await answer;
    if (actual !== status) throw new Error(`expected ${status}, got ${actual}: ${JSON.stringify(body)}`);
    return body;
  };
  const cursorNow = async (token: string) => {
    const head = await platform.platform.eventStore.headPosition();
    await platform.platform.api.progress.waitFor(head!, 5000);
    return (await ok(call<{ cursor: string }>(platform.url, 'GET', '/api/v1/sync/status', { token }))).cursor;
  };
  /** Alice's whole feed after `cursor`, once everything written so far is in it. */
  const feedAfter = async (cursor: string) => {
    await cursorNow(alice.token);
    const events: Updates['events'] = [];
    for (let page: Updates | null = null; page === null || page.has_more; cursor = page.next_cursor!) {
      page = await ok(call<Updates>(platform.url, 'GET', `/api/v1/sync/updates?cursor=${cursor}&limit=100`, { token: alice.token }));
      events.push(...page.events);
    }
    return events.map((event) => [event.type, event.payload.name ?? event.payload.principalId ?? null]);
  };
  const rename = (kind: 'files' | 'folders', id: string, name: string) =>
    ok(call(platform.url, 'PATCH', `/api/v1/${kind}/${id}`, { token: bob.token, body: { name } }));
  const share = (kind: 'files' | 'folders', id: string) =>
    ok(call(platform.url, 'POST', `/api/v1/${kind}/${id}/shares`, { token: bob.token, body: { usernames: [alice.user.username] } }), 201);
  const revoke = (kind: 'files' | 'folders', id: string) =>
    ok(call(platform.url, 'DELETE', `/api/v1/${kind}/${id}/shares/${alice.id}`, { token: bob.token }));

  it('gives the grantee one share.revoked of a file and nothing of it afterwards', async () => {
    const file = await ok(uploadJson(platform.url, bob.token, { name: 'report.txt', content: 'r' }), 201);
    const before = await cursorNow(alice.token);
    await rename('files', file.id, 'unseen-before-share.txt');
    await share('files', file.id);
    await rename('files', file.id, 'seen.txt');
    await revoke('files', file.id);
    await rename('files', file.id, 'unseen-after-revoke.txt');

    expect(await feedAfter(before)).toEqual([
      ['share.created', alice.id],
      ['file.updated', 'seen.txt'],
      ['share.revoked', alice.id],
    ]);
  });

  it('ends what a folder share reached with the folder revoke: files inside are not seen after it', async () => {
    const folder = await createFolder(platform.url, bob.token, 'team');
    const file = await ok(uploadJson(platform.url, bob.token, { name: 'inside.txt', content: 'i', folder_id: folder.id }), 201);
    const before = await cursorNow(alice.token);
    await share('folders', folder.id);
    await rename('files', file.id, 'inside-seen.txt');
    await ok(uploadJson(platform.url, bob.token, { name: 'later.txt', content: 'l', folder_id: folder.id }), 201);
    await revoke('folders', folder.id);
    await rename('files', file.id, 'inside-unseen.txt');
    await ok(uploadJson(platform.url, bob.token, { name: 'after-revoke.txt', content: 'a', folder_id: folder.id }), 201);
    await rename('folders', folder.id, 'team-unseen');

    expect(await feedAfter(before)).toEqual([
      ['share.created', alice.id],
      ['file.updated', 'inside-seen.txt'],
      ['upload.completed', 'later.txt'],
      ['share.revoked', alice.id],
    ]);
  });

  it('lists what is shared with the grantee in her snapshot, with the permission, until it is revoked', async () => {
    const folder = await createFolder(platform.url, bob.token, 'snapshot-shared');
    await ok(uploadJson(platform.url, bob.token, { name: 'in-shared.txt', content: 's', folder_id: folder.id }), 201);
    await share('folders', folder.id);
    const snapshot = async () =>
      (
        await ok(
          call<{ data: Array<Record<string, unknown>> }>(platform.url, 'GET', '/api/v1/sync/snapshot?limit=100', { token: alice.token }),
        )
      ).data
        .filter((entry) => entry.owner_id === bob.id)
        .map(({ type, name, permission }) => ({ type, name, permission }));
    expect(await snapshot()).toEqual(
      expect.arrayContaining([
        { type: 'folder', name: 'snapshot-shared', permission: 'read' },
        { type: 'file', name: 'in-shared.txt', permission: 'read' },
      ]),
    );
    await revoke('folders', folder.id);
    expect((await snapshot()).map((entry) => entry.name)).not.toContain('in-shared.txt');
  });

  it('shows the move of a file out of a shared folder, and nothing of it after', async () => {
    const folder = await createFolder(platform.url, bob.token, 'moving');
    const file = await ok(uploadJson(platform.url, bob.token, { name: 'leaving.txt', content: 'm', folder_id: folder.id }), 201);
    await share('folders', folder.id);
    const before = await cursorNow(alice.token);
    await ok(call(platform.url, 'PATCH', `/api/v1/files/${file.id}`, { token: bob.token, body: { folder_id: null } }));
    await rename('files', file.id, 'gone.txt');

    expect(await feedAfter(before)).toEqual([['file.updated', 'leaving.txt']]);
  });
});
