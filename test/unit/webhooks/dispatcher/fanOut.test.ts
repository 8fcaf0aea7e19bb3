import { randomUUID } from 'node:crypto';
import { toCloudEvent } from '../../../../src/dispatch/cloudEvents';
import { deliveryIdOf, messageIdOf } from '../../../../src/domain/webhook/deliveryIds';
import type { ConsumedMessage } from '../../../../src/ports/messageLog';
import type { RecordedEvent } from '../../../../src/ports/eventStore';
import { ACCESS_HISTORY, accessKeyOf } from '../../../../src/projections/access/accessRows';
import { AccessHistoryAudience } from '../../../../src/sync/feedAudience';
import { deliveryJobOf, deliveryJobPublisher } from '../../../../src/webhooks/dispatcher/deliveryJobs';
import type { FanOutDeps } from '../../../../src/webhooks/dispatcher/fanOut';
import { FanOut } from '../../../../src/webhooks/dispatcher/fanOut';
import { DELIVERY_JOBS_TOPIC } from '../../../../src/webhooks/webhookPorts';
import type { DeliveryJob } from '../../../../src/webhooks/webhookPorts';
import { openStores, silentLogger } from '../../../support/stores';
import { bodyOf, fileUploaded, givenWebhook, lastOf, recordingDeliveries, settableHorizon } from './fanOutKit';

describe('webhook fan-out', () => {
  let stores: Awaited<ReturnType<typeof openStores>>;
  let access: ReturnType<typeof settableHorizon>;
  let webhooks: ReturnType<typeof settableHorizon>;
  let deliveries: ReturnType<typeof recordingDeliveries>;
  let published: DeliveryJob[];
  let fanOut: FanOut;
  const alice = randomUUID();
  const bob = randomUUID();

  beforeEach(async () => {
    stores = await openStores();
    access = settableHorizon();
    webhooks = settableHorizon();
    deliveries = recordingDeliveries();
    published = [];
    fanOut = new FanOut(fanOutDeps());
  });
  const fanOutDeps = (): FanOutDeps => ({
    messageLog: stores.messageLog,
    eventStore: stores.eventStore,
    readStore: stores.readStore,
    horizons: [access.horizon, webhooks.horizon],
    audience: new AccessHistoryAudience(stores.readStore),
    deliveries,
    bodyOf,
    publishJobs: async (jobs) => void published.push(...jobs),
    metrics: { deliveryCreated: () => undefined },
    logger: silentLogger(),
  });
  afterEach(async () => {
    await fanOut.stop();
    await stores.close();
  });

  async function recorded(stream: string, event: ReturnType<typeof fileUploaded>): Promise<RecordedEvent> {
    await stores.eventStore.append(stream, [event], { expectedRevision: 'any' });
    return lastOf(await stores.eventStore.readAll({ after: null, limit: 1000 }));
  }

  const messageOf = (event: RecordedEvent): ConsumedMessage => {
    const { topic, message } = toCloudEvent(event);
    return {
      topic,
      partition: 0,
      offset: '0',
      key: message.key,
      value: message.value,
      headers: message.headers ?? {},
      timestamp: new Date(),
    };
  };

  const coverAll = (event: RecordedEvent) => {
    access.moveTo(event.position);
    webhooks.moveTo(event.position);
  };

  it("creates a delivery for each of the owner's matching webhooks, with derived ids, and publishes their jobs", async () => {
    const everything = await givenWebhook(stores.readStore, alice);
    const uploads = await givenWebhook(stores.readStore, alice, { events: ['file.created'] });
    await givenWebhook(stores.readStore, alice, { events: ['folder.*'] });
    await givenWebhook(stores.readStore, alice, { enabled: false });
    const fileId = randomUUID();
    const event = await recorded(`file-${fileId}`, fileUploaded(alice, fileId));
    coverAll(event);

    await fanOut.handle(messageOf(event));

    const made = [...deliveries.created.values()];
    expect(made.map((delivery) => delivery.webhookId).sort()).toEqual([everything._id, uploads._id].sort());
    const toEverything = deliveries.created.get(deliveryIdOf(event.id, everything._id));
    expect(toEverything).toMatchObject({
      ownerId: alice,
      trigger: 'event',
      eventId: event.id,
      eventPosition: event.position,
      resourceStream: `file-${fileId}`,
      body: { id: messageIdOf(event.id, everything._id), event: 'upload.completed' },
    });
    expect(published.sort((a, b) => a.webhookId.localeCompare(b.webhookId))).toEqual(
      made.map(({ deliveryId, webhookId }) => ({ deliveryId, webhookId })).sort((a, b) => a.webhookId.localeCompare(b.webhookId)),
    );
  });

  it('creates nothing again for a re-consumed event, and publishes its jobs again', async () => {
    await givenWebhook(stores.readStore, alice);
    const event = await recorded(`file-${randomUUID()}`, fileUploaded(alice));
    coverAll(event);

    await fanOut.handle(messageOf(event));
    await fanOut.handle(messageOf(event));

    expect(deliveries.created.size).toBe(1);
    expect(published).toHaveLength(2);
    expect(published[0]).toEqual(published[1]);
  });

  it('reaches a grantee whose access covers the event, and nobody else', async () => {
    const bobs = await givenWebhook(stores.readStore, bob);
    const mallorys = await givenWebhook(stores.readStore, randomUUID());
    const fileId = randomUUID();
    const event = await recorded(`file-${fileId}`, fileUploaded(alice, fileId));
    await stores.readStore.upsert(ACCESS_HISTORY, {
      _id: accessKeyOf(fileId, bob),
      resource_kind: 'file',
      resource_id: fileId,
      principal_id: bob,
      intervals: [{ from: event.position, to: null, expires_at: null }],
    });
    coverAll(event);

    await fanOut.handle(messageOf(event));

    expect([...deliveries.created.values()].map((delivery) => delivery.webhookId)).toEqual([bobs._id]);
    expect(deliveries.created.has(deliveryIdOf(event.id, mallorys._id))).toBe(false);
  });

  it('does not send a webhook the events older than itself', async () => {
    await givenWebhook(stores.readStore, alice, { createdAt: new Date(Date.now() + 60_000).toISOString() });
    const event = await recorded(`file-${randomUUID()}`, fileUploaded(alice));
    coverAll(event);

    await fanOut.handle(messageOf(event));

    expect(deliveries.created.size).toBe(0);
    expect(published).toEqual([]);
  });

  it('skips an event no body can be made for, rather than hold up its partition', async () => {
    await givenWebhook(stores.readStore, alice);
    const event = await recorded(`file-${randomUUID()}`, fileUploaded(alice));
    coverAll(event);
    const refusing = new FanOut({
      ...fanOutDeps(),
      bodyOf: () => {
        throw new Error('no payload schema');
      },
    });

    await expect(refusing.handle(messageOf(event))).resolves.toBeUndefined();
    expect(deliveries.created.size).toBe(0);
    expect(published).toEqual([]);
  });

  it('waits until both read models have applied the event before it matches', async () => {
    const event = await recorded(`file-${randomUUID()}`, fileUploaded(alice));
    access.moveTo(event.position);
    const handled = fanOut.handle(messageOf(event));
    // The webhook is registered (and projected) while the fan-out waits for the webhooks read model.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(deliveries.created.size).toBe(0);
    await givenWebhook(stores.readStore, alice);
    webhooks.moveTo(event.position);

    await handled;
    expect(deliveries.created.size).toBe(1);
  });

  it('gives up waiting when stopped, leaving the message unhandled', async () => {
    const event = await recorded(`file-${randomUUID()}`, fileUploaded(alice));
    const handled = fanOut.handle(messageOf(event));

    await fanOut.stop();

    await expect(handled).rejects.toThrow('stopped while waiting');
  });

  it('consumes the public topics from the message log and publishes jobs keyed by webhook id', async () => {
    const webhook = await givenWebhook(stores.readStore, alice);
    const realFanOut = new FanOut({
      ...fanOutDeps(),
      horizons: [access.horizon],
      publishJobs: deliveryJobPublisher(stores.messageLog),
    });
    const jobs: { key: string; job: DeliveryJob | null }[] = [];
    const jobConsumer = await stores.messageLog.consume('test-jobs', [DELIVERY_JOBS_TOPIC], async (message) => {
      jobs.push({ key: message.key, job: deliveryJobOf(message) });
    });
    await realFanOut.start();
    const event = await recorded(`file-${randomUUID()}`, fileUploaded(alice));
    access.moveTo(event.position);
    const { topic, message } = toCloudEvent(event);
    await stores.messageLog.publish(topic, [message]);
    const deadline = Date.now() + 5000;
    while (jobs.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    await realFanOut.stop();
    await jobConsumer.stop();

    expect(jobs).toEqual([{ key: webhook._id, job: { deliveryId: deliveryIdOf(event.id, webhook._id), webhookId: webhook._id } }]);
  });
});
