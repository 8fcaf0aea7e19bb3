import type { Page } from '../support/files';
import { uploadJson } from '../support/files';
import { call, registerAndLogin, uniqueUser } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

type Session = Awaited<ReturnType<typeof registerAndLogin>>;
type Entry = { type: string; revision: number; data: Record<string, unknown> };

let platform: TestPlatform;
let alice: Session;
let bob: Session;
let mallory: Session;
beforeAll(async () => {
  platform = await startTestPlatform();
  const login = () => registerAndLogin(platform.url, uniqueUser('historian'));
  [alice, bob, mallory] = await Promise.all([login(), login(), login()]);
});
afterAll(() => platform.close());

const share = async (fileId: string, grantee: Session, permission: string) => {
  const response = await call(platform.url, 'POST', `/api/v1/files/${fileId}/shares`, {
    token: alice.token,
    body: { usernames: grantee.user.username, permission },
  });
  if (response.status !== 201) throw new Error(`share failed: ${response.status}`);
};

/** Every page of the history, following next_cursor. */
async function history(session: Session, fileId: string, limit: number): Promise<Entry[]> {
  const entries: Entry[] = [];
  for (let cursor: string | null = null; ;) {
    const query: string = `limit=${limit}${cursor === null ? '' : `&cursor=${cursor}`}`;
    const page = await call<Page<Entry>>(platform.url, 'GET', `/api/v1/files/${fileId}/history?${query}`, { token: session.token });
    expect(page.status).toBe(200);
    entries.push(...page.body.data);
    if (!page.body.page.has_more) return entries;
    expect(page.body.data).toHaveLength(limit);
    cursor = page.body.page.next_cursor;
  }
}

const shareEvents = (entries: Entry[]) => entries.filter((entry) => entry.type === 'FileShared').map((entry) => entry.data.principal_id);

describe('file history and shares', () => {
  it('shows a grantee their own share events but not those of other grantees; the owner sees them all', async () => {
    const uploaded = await uploadJson(platform.url, alice.token, { name: 'history.txt', content: 'abc' });
    const fileId = uploaded.body.id;
    await share(fileId, bob, 'view');
    await share(fileId, mallory, 'write');
    await share(fileId, mallory, 'read');
    const renamed = await call(platform.url, 'PATCH', `/api/v1/files/${fileId}`, { token: alice.token, body: { name: 'renamed.txt' } });
    expect(renamed.status).toBe(200);

    const owners = await history(alice, fileId, 20);
    expect(owners.map((entry) => entry.type)).toEqual([
      'FileUploaded',
      'FileShared',
      'FileShared',
      'SharePermissionChanged',
      'FileRenamed',
    ]);
    expect(shareEvents(owners)).toEqual([bob.id, mallory.id]);

    const bobs = await history(bob, fileId, 20);
    expect(bobs.map((entry) => entry.type)).toEqual(['FileUploaded', 'FileShared', 'FileRenamed']);
    expect(shareEvents(bobs)).toEqual([bob.id]);
    expect(JSON.stringify(bobs)).not.toContain(mallory.id);

    // Page by page, the left-out events leave no gap and no short page before the end.
    const pagedByOne = await history(bob, fileId, 1);
    expect(pagedByOne.map((entry) => entry.revision)).toEqual(bobs.map((entry) => entry.revision));
    expect(shareEvents(await history(mallory, fileId, 1))).toEqual([mallory.id]);
  });
});
