import type { RecordedEvent } from '../../src/ports/eventStore';
import { feedTypeOf } from '../../src/sync/feedItem';
import { createFolder, uploadJson } from '../support/files';
import { call, registerAndLogin } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

jest.setTimeout(60_000);

const WRITE_FOR_MS = 10_000;
const PAGE_LIMIT = 7;

interface Updates {
  events: Array<{ event_id: string; type: string; cursor: string }>;
  next_cursor: string | null;
  has_more: boolean;
}

const positionOf = (cursor: string) => Buffer.from(cursor, 'base64url').toString().slice('v1:'.length);

describe('sync feed under concurrent writes', () => {
  let platform: TestPlatform;
  beforeAll(async () => (platform = await startTestPlatform()));
  afterAll(async () => platform.close());

  it('pages every event on what the reader sees exactly once, in position order, while 5 writers run', async () => {
    const alice = await registerAndLogin(platform.url);
    const bob = await registerAndLogin(platform.url);
    const shared = await createFolder(platform.url, bob.token, 'shared with alice');
    const shareAnswer = await call(platform.url, 'POST', `/api/v1/folders/${shared.id}/shares`, {
      token: bob.token,
      body: { usernames: [alice.user.username] },
    });
    expect(shareAnswer.status).toBe(201);
    await platform.platform.api.progress.waitFor((await platform.platform.eventStore.headPosition())!, 5000);
    const start = await call<{ cursor: string }>(platform.url, 'GET', '/api/v1/sync/status', { token: alice.token });
    const startPosition = positionOf(start.body.cursor);

    const deadline = Date.now() + WRITE_FOR_MS;
    const writer = async (token: string, folderId: string | null, tag: string) => {
      for (let n = 0; Date.now() < deadline; n++) {
        const file = await uploadJson(platform.url, token, {
          name: `${tag}-${n}.txt`,
          content: tag,
          ...(folderId ? { folder_id: folderId } : {}),
        });
        if (file.status !== 201) throw new Error(`upload failed: ${file.status} ${JSON.stringify(file.body)}`);
        if (n % 3 === 0)
          await call(platform.url, 'PATCH', `/api/v1/files/${file.body.id}`, { token, body: { name: `${tag}-${n}-renamed.txt` } });
        if (n % 5 === 0 && folderId === null) await createFolder(platform.url, token, `${tag}-folder-${n}`);
      }
    };
    const writers = Promise.all([
      writer(alice.token, null, 'a1'),
      writer(alice.token, null, 'a2'),
      writer(alice.token, null, 'a3'),
      writer(bob.token, shared.id, 'b-shared'),
      writer(bob.token, null, 'b-own'),
    ]);

    const seen: Updates['events'] = [];
    let cursor = start.body.cursor;
    let writing = true;
    void writers.finally(() => (writing = false));
    const readPage = async () => {
      const page = await call<Updates>(platform.url, 'GET', `/api/v1/sync/updates?cursor=${cursor}&limit=${PAGE_LIMIT}`, {
        token: alice.token,
      });
      expect(page.status).toBe(200);
      expect(page.body.events.length).toBeLessThanOrEqual(PAGE_LIMIT);
      seen.push(...page.body.events);
      cursor = page.body.next_cursor ?? cursor;
      return page.body;
    };
    while (writing) if (!(await readPage()).has_more) await new Promise((resolve) => setTimeout(resolve, 20));
    await writers;
    const head = await platform.platform.eventStore.headPosition();
    expect(await platform.platform.api.progress.waitFor(head!, 10_000)).toBe(true);
    while ((await readPage()).has_more);

    const oracle = await reachingAlice(startPosition, head!);
    expect(oracle.length).toBeGreaterThan(10);
    expect(seen.map((event) => event.event_id)).toEqual(oracle.map((event) => event.id));
    const positions = seen.map((event) => positionOf(event.cursor));
    expect([...positions].sort()).toEqual(positions);
    expect(
      seen.some((event) => event.type === 'upload.completed' && oracle.find((e) => e.id === event.event_id)!.data.ownerId === bob.id),
    ).toBe(true);

    /** Every public event after `after` up to `head` that alice sees: hers, and bob's in the folder shared with her before `after`. */
    async function reachingAlice(after: string, upTo: string): Promise<RecordedEvent[]> {
      const kept: RecordedEvent[] = [];
      const sharedFiles = new Set<string>();
      let from: string | null = null;
      for (;;) {
        const events = await platform.platform.eventStore.readAll({ after: from, limit: 1000 });
        if (events.length === 0) return kept;
        for (const event of events) {
          from = event.position;
          if (event.position > upTo) return kept;
          if (event.type === 'FileUploaded' && event.data.folderId === shared.id) sharedFiles.add(event.data.fileId as string);
          if (event.position <= after || feedTypeOf(event) === null) continue;
          const inShared = sharedFiles.has(event.data.fileId as string);
          if (event.data.ownerId === alice.id || event.data.userId === alice.id || inShared) kept.push(event);
        }
      }
    }
  });
});
