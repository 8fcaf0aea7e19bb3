import { call, registerAndLogin } from '../support/http';
import type { RecordedEvent } from '../../src/ports/eventStore';
import { PUBLIC_EVENT_NAMES } from '../../src/domain/publicEvents';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';
import { createWebhook, pollUntil } from '../support/webhookApi';
import { WebhookReceiver } from '../support/webhookReceiver';
import { verifiedDelivery } from '../support/webhookSignatures';

/**
 * What an incoming webhook call changes is an ordinary change: its events reach outgoing webhooks (through the
 * webhook dispatcher, over HTTP to a real local receiver) and the sync feed, like those of the REST API, and
 * are stored with the hook's owner as the actor and the hook as `incomingWebhookId`. The whole embedded
 * platform runs in this process, dispatcher included (a child process took over 45 s to start under a full
 * suite's load), so that the test can read the stored events.
 */
const ENV = { FILORA_WEBHOOK_ALLOW_PRIVATE: 'true' };
jest.setTimeout(120_000);

let platform: TestPlatform;
let receiver: WebhookReceiver;
beforeAll(async () => {
  platform = await startTestPlatform(ENV);
  receiver = await WebhookReceiver.start();
  await platform.platform.dispatcher.start();
}, 60_000);
afterAll(async () => {
  await platform?.platform.dispatcher.stop();
  await receiver?.close();
  await platform?.close();
});

interface HookCreated {
  id: string;
  url: string;
}
interface CallAnswer {
  id: string;
  resource: 'file' | 'folder';
  result: 'created' | 'updated';
  call_id: string;
}
interface FeedPage {
  events: { event_id: string; type: string; user_id: string | null; payload: Record<string, unknown> }[];
  next_cursor: string | null;
  has_more: boolean;
}

async function createIncomingHook(token: string, settings: Record<string, unknown>): Promise<HookCreated> {
  const created = await call<HookCreated>(platform.url, 'POST', '/api/v1/incoming-webhooks', { token, body: settings });
  if (created.status !== 201) throw new Error(`incoming webhook not created: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body;
}

async function send(hook: HookCreated, payload: unknown, expectedStatus: number): Promise<CallAnswer> {
  const answer = await fetch(hook.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
  const body = (await answer.json()) as CallAnswer;
  expect({ status: answer.status, body }).toEqual({ status: expectedStatus, body: expect.objectContaining({ id: expect.any(String) }) });
  return body;
}

const streamEvents = (stream: string): Promise<RecordedEvent[]> => platform.platform.eventStore.readStream(stream);

async function feedFrom(token: string, cursor: string): Promise<FeedPage['events']> {
  const events: FeedPage['events'] = [];
  for (let next = cursor; ;) {
    const page = await call<FeedPage>(platform.url, 'GET', `/api/v1/sync/updates?cursor=${next}&limit=100`, { token });
    expect(page.status).toBe(200);
    events.push(...page.body.events);
    if (!page.body.has_more || page.body.next_cursor === null) return events;
    next = page.body.next_cursor;
  }
}

describe('incoming webhook calls, end to end', () => {
  it('reach outgoing webhooks and the sync feed like any change, their events carrying the owner and the hook', async () => {
    const owner = await registerAndLogin(platform.url);
    const outgoing = await createWebhook(platform.url, owner.token, {
      url: receiver.urlFor('/changes'),
      events: ['folder.created', 'upload.completed', 'file.updated'],
    });
    const status = await call<{ cursor: string }>(platform.url, 'GET', '/api/v1/sync/status', { token: owner.token });
    const folderHook = await createIncomingHook(owner.token, {
      name: 'projects',
      action: 'create_folder',
      field_mapping: { name: 'project.name' },
    });
    const noteHook = await createIncomingHook(owner.token, {
      name: 'notes',
      action: 'upsert_file',
      upsert_field: 'name',
      field_mapping: { name: '{{title}}.txt', content: 'text', folder_id: 'folder', mime_type: { value: 'text/plain' } },
    });

    const folder = await send(folderHook, { project: { name: 'Apollo' } }, 201);
    const created = await send(noteHook, { title: 'launch', text: 'T minus 10', folder: folder.id }, 201);
    const updated = await send(noteHook, { title: 'launch', text: 'lift-off', folder: folder.id }, 200);
    expect([folder, created, updated]).toEqual([
      expect.objectContaining({ resource: 'folder', result: 'created' }),
      expect.objectContaining({ resource: 'file', result: 'created' }),
      expect.objectContaining({ id: created.id, resource: 'file', result: 'updated' }),
    ]);

    // Stored: every event of the folder and of the file, as the hook's owner, marked with the hook.
    const folderEvents = await streamEvents(`folder-${folder.id}`);
    const fileEvents = await streamEvents(`file-${created.id}`);
    expect(folderEvents.map((event) => event.type)).toEqual(['FolderCreated']);
    expect(fileEvents.map((event) => event.type)).toEqual(expect.arrayContaining(['FileUploaded', 'FileContentReplaced']));
    const hookOf = (event: RecordedEvent) => (event.streamId.startsWith('folder-') ? folderHook.id : noteHook.id);
    const stored = [...folderEvents, ...fileEvents].sort((a, b) => (a.position < b.position ? -1 : 1));
    for (const event of stored) {
      expect({ type: event.type, metadata: event.metadata }).toEqual({
        type: event.type,
        metadata: expect.objectContaining({ actor: owner.id, incomingWebhookId: hookOf(event) }),
      });
    }

    // Outgoing webhooks: one signed delivery per event, as for a change made over REST.
    const deliveries = await receiver.waitForRequests(stored.length, { path: '/changes', timeoutMs: 30_000 });
    const delivered = deliveries.map((request) => {
      const body = verifiedDelivery(request, outgoing.secret) as { event: string; data: Record<string, unknown> };
      return `${body.event} ${String(body.data.file_id ?? body.data.folder_id)}`;
    });
    const resourceOf = (event: RecordedEvent) => event.streamId.slice(event.streamId.indexOf('-') + 1);
    expect(delivered.sort()).toEqual(stored.map((event) => `${PUBLIC_EVENT_NAMES[event.type]} ${resourceOf(event)}`).sort());

    // The sync feed: the same events, by id, in the log's order, with the owner as their user.
    const feed = await pollUntil(
      () => feedFrom(owner.token, status.body.cursor),
      (events) => stored.every((event) => events.some((item) => item.event_id === event.id)),
    );
    const fromCalls = feed.filter((item) => stored.some((event) => event.id === item.event_id));
    expect(fromCalls.map((item) => [item.event_id, item.type, item.user_id])).toEqual(
      stored.map((event) => [event.id, PUBLIC_EVENT_NAMES[event.type], owner.id]),
    );
    // The calls' own log streams are internal: none of their events is in the feed.
    const callEvents = (await platform.platform.eventStore.readAll({ after: null, limit: 10_000 })).filter(
      (event) => event.streamId.startsWith('incomingcall-') && [folderHook.id, noteHook.id].includes(String(event.data.incomingWebhookId)),
    );
    expect(callEvents.length).toBeGreaterThanOrEqual(3);
    expect(feed.filter((item) => callEvents.some((event) => event.id === item.event_id))).toEqual([]);
  });
});
