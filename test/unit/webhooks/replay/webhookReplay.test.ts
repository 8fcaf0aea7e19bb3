import { randomUUID } from 'node:crypto';
import { messageIdOf } from '../../../../src/domain/webhook/deliveryIds';
import type { RecordedEvent } from '../../../../src/ports/eventStore';
import type { LogFields, Logger } from '../../../../src/ports/logger';
import { AccessHistoryAudience } from '../../../../src/sync/feedAudience';
import type { ReplayWindow } from '../../../../src/webhooks/replay/webhookReplay';
import { WebhookReplay } from '../../../../src/webhooks/replay/webhookReplay';
import type { DeliveryJob, NewDelivery, WebhookRow } from '../../../../src/webhooks/webhookPorts';
import { openStores } from '../../../support/stores';
import { bodyOf, fileUploaded, givenWebhook, recordingDeliveries, settableHorizon } from '../dispatcher/fanOutKit';

interface Logged {
  message: string;
  fields: LogFields;
}

/** A logger keeping every line with the fields of its children. */
function recordingLogger(lines: Logged[], bound: LogFields = {}): Logger {
  const record = (message: string, fields: LogFields = {}) => void lines.push({ message, fields: { ...bound, ...fields } });
  return { debug: record, info: record, warn: record, error: record, child: (fields) => recordingLogger(lines, { ...bound, ...fields }) };
}

/** Lets the deliveries be created only once `open` is called (a replay held mid-run). */
function gate() {
  let open = () => undefined as void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open: () => open() };
}

describe('webhook replay', () => {
  let stores: Awaited<ReturnType<typeof openStores>>;
  let deliveries: ReturnType<typeof recordingDeliveries>;
  let published: DeliveryJob[];
  let horizon: ReturnType<typeof settableHorizon>;
  let replay: WebhookReplay;
  let logged: Logged[];
  let held: ReturnType<typeof gate> | null;
  const alice = randomUUID();

  beforeEach(async () => {
    stores = await openStores();
    deliveries = recordingDeliveries();
    published = [];
    horizon = settableHorizon();
    logged = [];
    held = null;
    const create = async (delivery: NewDelivery) => {
      await held?.opened;
      return deliveries.create(delivery);
    };
    replay = new WebhookReplay({
      eventStore: stores.eventStore,
      horizon: horizon.horizon,
      audience: new AccessHistoryAudience(stores.readStore),
      deliveries: { create },
      bodyOf,
      publishJobs: async (jobs) => void published.push(...jobs),
      logger: recordingLogger(logged),
      readBatch: 2,
      progressEvery: 4,
    });
  });
  afterEach(async () => {
    held?.open();
    await replay.close();
    await stores.close();
  });

  /** Runs a replay to its end: what it answered at once, and what it did. */
  async function replayed(webhook: WebhookRow, window: ReplayWindow) {
    const started = await replay.start(webhook, window);
    if (started === null) throw new Error('a replay of this webhook is already running');
    return { ...started, ...(await started.finished) };
  }

  /** Alice's uploads and a stranger's, interleaved; the horizon covers them all. */
  async function givenLog(count: number): Promise<RecordedEvent[]> {
    for (let index = 0; index < count; index++) {
      const fileId = randomUUID();
      await stores.eventStore.append(`file-${fileId}`, [fileUploaded(alice, fileId)], { expectedRevision: 'any' });
      const strangersFile = randomUUID();
      await stores.eventStore.append(`file-${strangersFile}`, [fileUploaded(randomUUID(), strangersFile)], { expectedRevision: 'any' });
    }
    const events = await stores.eventStore.readAll({ after: null, limit: 1000 });
    horizon.moveTo(events[events.length - 1]!.position);
    return events.filter((event) => event.data.ownerId === alice);
  }

  it("re-sends every event of the owner's the webhook matches, older than the webhook too, with new delivery ids and the same message ids", async () => {
    const webhook = await givenWebhook(stores.readStore, alice, { createdAt: new Date(Date.now() + 60_000).toISOString() });
    const alices = await givenLog(5);

    const first = await replayed(webhook, { after: null });
    const second = await replayed(webhook, { after: null });

    expect(first.deliveries).toBe(5);
    expect(second.deliveries).toBe(5);
    expect(deliveries.created.size).toBe(10);
    const made = [...deliveries.created.values()];
    expect(made.every((delivery) => delivery.trigger === 'replay')).toBe(true);
    expect(new Set(made.map((delivery) => delivery.body.id))).toEqual(new Set(alices.map((event) => messageIdOf(event.id, webhook._id))));
    expect(published).toHaveLength(10);
  });

  it('starts after the position given, and keeps to since and until', async () => {
    const webhook = await givenWebhook(stores.readStore, alice);
    const alices = await givenLog(4);

    const fromThird = await replayed(webhook, { after: alices[1]!.position });
    expect(fromThird.deliveries).toBe(2);

    const timed = await replayed(webhook, { after: null, since: alices[1]!.createdAt, until: alices[2]!.createdAt });
    expect(timed.deliveries).toBeGreaterThanOrEqual(2);
    expect([...deliveries.created.values()].every((delivery) => delivery.eventId !== null)).toBe(true);
  });

  it('reads no further than the access read model has applied', async () => {
    const webhook = await givenWebhook(stores.readStore, alice);
    const alices = await givenLog(3);
    horizon.moveTo(alices[0]!.position);

    const outcome = await replayed(webhook, { after: null });

    expect(outcome).toMatchObject({ deliveries: 1, throughPosition: alices[0]!.position });
  });

  it('sends nothing for events the selectors do not match', async () => {
    const webhook = await givenWebhook(stores.readStore, alice, { events: ['folder.*'] });
    await givenLog(2);

    expect((await replayed(webhook, { after: null })).deliveries).toBe(0);
    expect(published).toEqual([]);
  });

  it('answers what it covers at once, runs in the background, and refuses a second replay of the webhook meanwhile', async () => {
    const webhook = await givenWebhook(stores.readStore, alice);
    const alices = await givenLog(3);
    const log = await stores.eventStore.readAll({ after: null, limit: 1000 });
    held = gate();

    const started = await replay.start(webhook, { after: null });
    const meanwhile = await replay.start(webhook, { after: null });
    const otherWebhook = await replay.start(await givenWebhook(stores.readStore, alice), { after: alices[2]!.position });

    expect(started).toMatchObject({ fromPosition: log[0]!.position, throughPosition: log[log.length - 1]!.position });
    expect(meanwhile).toBeNull();
    expect(otherWebhook).toMatchObject({ fromPosition: log[log.length - 1]!.position });
    expect(deliveries.created.size).toBe(0);
    held.open();
    expect(await started!.finished).toMatchObject({ eventsRead: 6, deliveries: 3, completed: true });
    await replay.idle();
    expect(await replay.start(webhook, { after: null })).not.toBeNull();
  });

  it('covers nothing when no event lies after the start', async () => {
    const webhook = await givenWebhook(stores.readStore, alice);
    const alices = await givenLog(1);

    const outcome = await replayed(webhook, { after: alices[alices.length - 1]!.position });

    expect(outcome).toMatchObject({ fromPosition: expect.any(String), deliveries: 0, completed: true });
    expect((await replayed(webhook, { after: '9'.repeat(20) })).fromPosition).toBeNull();
  });

  it('logs its progress every so many events read, and its end', async () => {
    const webhook = await givenWebhook(stores.readStore, alice);
    await givenLog(5);

    const { replayId } = await replayed(webhook, { after: null });

    const progress = logged.filter((line) => line.message === 'webhook replay progress');
    expect(progress.map((line) => line.fields.eventsRead)).toEqual([4, 8]);
    expect(progress.every((line) => line.fields.replayId === replayId && line.fields.webhookId === webhook._id)).toBe(true);
    expect(logged.find((line) => line.message === 'webhook replay finished')?.fields).toMatchObject({ eventsRead: 10, deliveries: 5 });
  });

  it('stops after its current batch when the process closes, saying it is to be asked for again', async () => {
    const webhook = await givenWebhook(stores.readStore, alice);
    await givenLog(5);
    held = gate();

    const started = await replay.start(webhook, { after: null });
    const closing = replay.close();
    held.open();
    await closing;

    expect(await started!.finished).toMatchObject({ completed: false });
    expect(deliveries.created.size).toBeLessThan(5);
    expect(logged.some((line) => line.message.includes('ask for it again'))).toBe(true);
  });
});
