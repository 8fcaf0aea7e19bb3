import { randomUUID } from 'node:crypto';
import { messageIdOf } from '../../../../src/domain/webhook/deliveryIds';
import type { RecordedEvent } from '../../../../src/ports/eventStore';
import { AccessHistoryAudience } from '../../../../src/sync/feedAudience';
import { WebhookReplay } from '../../../../src/webhooks/replay/webhookReplay';
import type { DeliveryJob } from '../../../../src/webhooks/webhookPorts';
import { openStores } from '../../../support/stores';
import { bodyOf, fileUploaded, givenWebhook, recordingDeliveries, settableHorizon } from '../dispatcher/fanOutKit';

describe('webhook replay', () => {
  let stores: Awaited<ReturnType<typeof openStores>>;
  let deliveries: ReturnType<typeof recordingDeliveries>;
  let published: DeliveryJob[];
  let horizon: ReturnType<typeof settableHorizon>;
  let replay: WebhookReplay;
  const alice = randomUUID();

  beforeEach(async () => {
    stores = await openStores();
    deliveries = recordingDeliveries();
    published = [];
    horizon = settableHorizon();
    replay = new WebhookReplay({
      eventStore: stores.eventStore,
      horizon: horizon.horizon,
      audience: new AccessHistoryAudience(stores.readStore),
      deliveries,
      bodyOf,
      publishJobs: async (jobs) => void published.push(...jobs),
      readBatch: 2,
    });
  });
  afterEach(() => stores.close());

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

    const first = await replay.replay(webhook, { after: null });
    const second = await replay.replay(webhook, { after: null });

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

    const fromThird = await replay.replay(webhook, { after: alices[1]!.position });
    expect(fromThird.deliveries).toBe(2);

    const timed = await replay.replay(webhook, { after: null, since: alices[1]!.createdAt, until: alices[2]!.createdAt });
    expect(timed.deliveries).toBeGreaterThanOrEqual(2);
    expect([...deliveries.created.values()].every((delivery) => delivery.eventId !== null)).toBe(true);
  });

  it('reads no further than the access read model has applied', async () => {
    const webhook = await givenWebhook(stores.readStore, alice);
    const alices = await givenLog(3);
    horizon.moveTo(alices[0]!.position);

    const outcome = await replay.replay(webhook, { after: null });

    expect(outcome).toMatchObject({ deliveries: 1, throughPosition: alices[0]!.position });
  });

  it('sends nothing for events the selectors do not match', async () => {
    const webhook = await givenWebhook(stores.readStore, alice, { events: ['folder.*'] });
    await givenLog(2);

    expect((await replay.replay(webhook, { after: null })).deliveries).toBe(0);
    expect(published).toEqual([]);
  });
});
