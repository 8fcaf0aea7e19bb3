import { UsageRecorder } from '../../src/api/usage/usageRecorder';
import type { RecordedEvent } from '../../src/ports/eventStore';
import { createToken } from '../support/apiTokens';
import { chainBreaks } from '../support/hashChains';
import { createFolder, download, uploadJson, uploadMultipart } from '../support/files';
import { call, registerAndLogin, uniqueUser } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';
import { createWebhook, pollUntil } from '../support/webhookApi';
import { WebhookReceiver } from '../support/webhookReceiver';

/**
 * A realistic workload over HTTP (uploads, renames, moves, shares, links, downloads, tokens, webhooks and
 * their deliveries, usage records), then every event of the log: each carries prevHash and hash, and each
 * stream's chain holds when recomputed from what is stored. eventHash directly, not the verifier.
 */
let platform: TestPlatform;
let receiver: WebhookReceiver;

beforeAll(async () => {
  platform = await startTestPlatform({ FILORA_WEBHOOK_ALLOW_PRIVATE: 'true' });
  receiver = await WebhookReceiver.start();
  await platform.platform.dispatcher.start();
});

afterAll(async () => {
  await platform?.platform.dispatcher.stop();
  await receiver?.close();
  await platform?.close();
});

async function readWholeLog(): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let after: string | null = null; ;) {
    const page = await platform.platform.eventStore.readAll({ after, limit: 500 });
    events.push(...page);
    if (page.length < 500) return events;
    after = page[page.length - 1]!.position;
  }
}

it('chains every event that a realistic workload appends, in every stream', async () => {
  const { url } = platform;
  const [alice, bob] = await Promise.all([registerAndLogin(url, uniqueUser('chain')), registerAndLogin(url, uniqueUser('chain'))]);
  const apiToken = await createToken(url, alice.token);
  await createWebhook(url, alice.token, { url: receiver.urlFor('/hooks/chain'), events: ['*'] });

  const folder = await createFolder(url, alice.token, 'reports');
  const uploaded = await uploadMultipart(url, apiToken.secret, { content: 'quarterly numbers', filename: 'q3.txt' });
  const json = await uploadJson(url, alice.token, { name: 'notes.txt', content: 'hello', folder_id: folder.id });
  expect([uploaded.status, json.status]).toEqual([201, 201]);
  const fileId = uploaded.body.id;

  expect((await call(url, 'PATCH', `/api/v1/files/${fileId}`, { token: alice.token, body: { name: 'q3-final.txt' } })).status).toBe(200);
  expect((await call(url, 'PATCH', `/api/v1/files/${fileId}`, { token: alice.token, body: { folder_id: folder.id } })).status).toBe(200);
  const shared = await call(url, 'POST', `/api/v1/files/${fileId}/shares`, {
    token: alice.token,
    body: { usernames: bob.user.username, permission: 'read' },
  });
  expect(shared.status).toBe(201);
  const link = await call<{ token: string }>(url, 'POST', `/api/v1/files/${fileId}/links`, {
    token: alice.token,
    body: { permission: 'download' },
  });
  expect(link.status).toBe(201);

  // Concurrent downloads of one file append to one downloads stream: none may fail, the chain must hold.
  const downloads = await Promise.all([
    ...Array.from({ length: 8 }, () => download(url, alice.token, fileId)),
    ...Array.from({ length: 4 }, () => download(url, bob.token, fileId)),
    fetch(`${url}/api/v1/public/links/${link.body.token}/download`).then((response) => ({ status: response.status })),
  ]);
  expect(downloads.map((answer) => answer.status)).toEqual(downloads.map(() => 200));

  expect((await call(url, 'DELETE', `/api/v1/files/${json.body.id}`, { token: alice.token })).status).toBeLessThan(300);
  await pollUntil(
    async () => receiver.requests('/hooks/chain').length,
    (count) => count >= 5,
  );
  await platform.platform.container.resolve(UsageRecorder).flush();

  const events = await readWholeLog();
  const unchained = events.filter((event) => !/^[0-9a-f]{64}$/.test(event.metadata.hash ?? '') || !event.metadata.prevHash);
  expect(unchained.map((event) => `${event.streamId} ${event.type}`)).toEqual([]);
  expect(chainBreaks(events)).toEqual([]);

  const categories = new Set(events.map((event) => event.streamId.slice(0, event.streamId.indexOf('-'))));
  for (const category of ['user', 'token', 'webhook', 'folder', 'file', 'download', 'link', 'usage', 'delivery']) {
    expect([category, categories.has(category)]).toEqual([category, true]);
  }
  const downloadEvents = events.filter((event) => event.streamId === `download-${fileId}`);
  expect(downloadEvents).toHaveLength(13);
});
