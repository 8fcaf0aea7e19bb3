import { randomUUID } from 'node:crypto';
import { deliveryStream } from '../../../../src/domain/webhook/deliveryEvents';
import { WEBHOOK_HEALTH, type WebhookHealthView } from '../../../../src/projections/deliveries/webhookHealthProjection';
import { GONE_REASON } from '../../../../src/webhooks/dispatcher/attemptDelivery';
import { EndpointQueues } from '../../../../src/webhooks/dispatcher/endpointQueues';
import type { AttemptResult, DeliveryRow, WebhookRow } from '../../../../src/webhooks/webhookPorts';
import { WEBHOOK_DELIVERIES, WEBHOOKS } from '../../../../src/webhooks/webhookPorts';
import { openStores, silentLogger } from '../../../support/stores';
import { FakeDeliveries, FakeSender } from './attemptFakes';
import { attemptResult, noMetrics } from './endpointWorkerKit';

type Stores = Awaited<ReturnType<typeof openStores>>;

function webhookRow(overrides: Partial<WebhookRow> = {}): WebhookRow {
  const now = new Date().toISOString();
  return {
    _id: randomUUID(),
    ownerId: randomUUID(),
    url: 'https://hooks.example.com/a',
    events: ['*'],
    name: null,
    description: null,
    rateLimitPerMinute: 6_000,
    maxConcurrency: 1,
    ordering: 'none',
    verifySsl: true,
    enabled: true,
    disabledReason: null,
    disabledAt: null,
    secrets: [{ encryptedSecret: 'sealed:whsec_new', expiresAt: null }],
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 5_000) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let stores: Stores;
let deliveries: FakeDeliveries;
let sender: FakeSender;
let disabled: Array<{ webhookId: string; reason: string }>;
let signed: Array<{ body: string; messageId: string; secrets: readonly string[] }>;
let queues: EndpointQueues;
/** How far the queues' clock runs ahead of the real one. */
let clockAheadMs: number;

beforeEach(async () => {
  clockAheadMs = 0;
  stores = await openStores();
  deliveries = new FakeDeliveries();
  sender = new FakeSender();
  disabled = [];
  signed = [];
  queues = new EndpointQueues({
    readStore: stores.readStore,
    eventStore: stores.eventStore,
    deliveries,
    sender,
    signHeaders: (body, messageId, _timestamp, secrets) => {
      signed.push({ body, messageId, secrets });
      return { 'webhook-id': messageId, 'webhook-signature': secrets.map((secret) => `v1,${secret}`).join(' ') };
    },
    openSecret: (sealed) => sealed.replace(/^sealed:/, ''),
    disableWebhook: async (webhookId, reason) => void disabled.push({ webhookId, reason }),
    metrics: noMetrics,
    clock: () => new Date(Date.now() + clockAheadMs),
    logger: silentLogger(),
  });
});

afterEach(async () => {
  await queues.close();
  await stores.close();
});

async function saveWebhook(overrides: Partial<WebhookRow> = {}): Promise<WebhookRow> {
  const row = webhookRow(overrides);
  await stores.readStore.upsert(WEBHOOKS, row);
  return row;
}

describe('endpoint queues: one attempt', () => {
  it('sends the leased body signed with every secret that signs now, newest first, and records the result', async () => {
    const webhook = await saveWebhook({
      verifySsl: false,
      secrets: [
        { encryptedSecret: 'sealed:whsec_new', expiresAt: null },
        { encryptedSecret: 'sealed:whsec_old', expiresAt: new Date(Date.now() + 3_600_000).toISOString() },
        { encryptedSecret: 'sealed:whsec_expired', expiresAt: new Date(Date.now() - 1_000).toISOString() },
      ],
    });
    queues.enqueue({ deliveryId: 'd1', webhookId: webhook._id });
    await until(() => deliveries.recorded.length === 1, 'the attempt to be recorded');
    const body = JSON.stringify({
      id: 'msg_d1',
      event: 'upload.completed',
      timestamp: '2026-03-01T12:00:00.000Z',
      data: { file_id: 'd1' },
    });
    expect(signed).toEqual([{ body, messageId: 'msg_d1', secrets: ['whsec_new', 'whsec_old'] }]);
    expect(sender.sent).toEqual([
      { url: webhook.url, body, verifySsl: false, headers: { 'webhook-id': 'msg_d1', 'webhook-signature': 'v1,whsec_new v1,whsec_old' } },
    ]);
    expect(deliveries.recorded[0]).toMatchObject({ deliveryId: 'd1', sent: { url: webhook.url }, result: { status: 200 } });
    expect(Object.keys(deliveries.recorded[0]?.sent.headers ?? {})).toEqual(expect.arrayContaining(['webhook-id', 'webhook-signature']));
  });

  it('sends nothing when the lease is refused (finished, or leased by another process)', async () => {
    const webhook = await saveWebhook();
    deliveries.refuseLease = true;
    queues.enqueue({ deliveryId: 'd1', webhookId: webhook._id });
    await until(() => queues.depthOf(webhook._id) === 0, 'the delivery to be let go');
    expect(sender.sent).toEqual([]);
  });

  it('a 410 disables the webhook and nothing more is sent to it', async () => {
    const webhook = await saveWebhook();
    sender.answer = () => attemptResult({ status: 410, errorClass: 'gone' });
    queues.enqueue({ deliveryId: 'd1', webhookId: webhook._id });
    await until(() => disabled.length === 1, 'the webhook to be disabled');
    expect(disabled).toEqual([{ webhookId: webhook._id, reason: GONE_REASON }]);
    await stores.readStore.patch(WEBHOOKS, webhook._id, { $set: { enabled: false } });
    queues.enqueue({ deliveryId: 'd2', webhookId: webhook._id });
    await until(() => queues.depthOf(webhook._id) === 0, 'the delivery to be let go');
    expect(sender.sent.map(({ body }) => JSON.parse(body).data.file_id)).toEqual(['d1']);
  });

  it('a disabled or unknown webhook gets nothing', async () => {
    const webhook = await saveWebhook({ enabled: false });
    queues.enqueue({ deliveryId: 'd1', webhookId: webhook._id });
    queues.enqueue({ deliveryId: 'd2', webhookId: randomUUID() });
    await until(() => queues.depthOf(webhook._id) === 0, 'the deliveries to be let go');
    expect(sender.sent).toEqual([]);
  });

  it('a changed URL applies from the next attempt', async () => {
    const webhook = await saveWebhook();
    queues.enqueue({ deliveryId: 'd1', webhookId: webhook._id });
    await until(() => sender.sent.length === 1, 'the first send');
    await stores.readStore.patch(WEBHOOKS, webhook._id, { $set: { url: 'https://hooks.example.com/b' } });
    queues.enqueue({ deliveryId: 'd2', webhookId: webhook._id });
    await until(() => sender.sent.length === 2, 'the second send');
    expect(sender.sent.map(({ url }) => url)).toEqual(['https://hooks.example.com/a', 'https://hooks.example.com/b']);
  });
});

describe('endpoint queues: the failure record of a webhook enabled again', () => {
  const DAY_MS = 24 * 3_600_000;
  const failing = () => attemptResult({ status: 500, errorClass: 'http_status' });
  const saveHealth = (webhookId: string, record: Partial<WebhookHealthView>) =>
    stores.readStore.upsert(WEBHOOK_HEALTH, {
      _id: webhookId,
      lastSuccessAt: null,
      consecutiveFailures: 0,
      failingSince: null,
      hours: [],
      ...record,
    });

  it('starts fresh when the health projection has not yet seen the webhook enabled again', async () => {
    const webhook = await saveWebhook();
    await saveHealth(webhook._id, {
      consecutiveFailures: 12,
      failingSince: new Date(Date.now() - 6 * DAY_MS).toISOString(),
      disabled: true,
    });
    sender.answer = failing;
    queues.enqueue({ deliveryId: 'd1', webhookId: webhook._id });
    queues.enqueue({ deliveryId: 'd2', webhookId: webhook._id });
    // Failed attempts are retried 50 ms later (FakeDeliveries): more than two means the first ones were settled.
    await until(() => deliveries.recorded.length >= 4, 'attempts and retries, the circuit closed');
    expect(disabled).toEqual([]);
  });

  it('a running worker takes the new record once the row shows the webhook changed', async () => {
    const webhook = await saveWebhook();
    await saveHealth(webhook._id, { consecutiveFailures: 1, failingSince: new Date(Date.now() - 4.9 * DAY_MS).toISOString() });
    sender.answer = failing;
    queues.enqueue({ deliveryId: 'd1', webhookId: webhook._id });
    await until(() => deliveries.recorded.length === 1, 'the first attempt');

    // Disabled and enabled again by its owner, both seen by the read models; the worker never saw it disabled.
    await saveHealth(webhook._id, { consecutiveFailures: 0, failingSince: null });
    await stores.readStore.patch(WEBHOOKS, webhook._id, { $set: { updatedAt: new Date(Date.now() + 1).toISOString() } });
    clockAheadMs = 0.2 * DAY_MS;
    const recordedBefore = deliveries.recorded.length;
    await until(() => deliveries.recorded.length >= recordedBefore + 3, 'failed retries after it was enabled again');
    expect(disabled).toEqual([]);
  });
});

describe('endpoint queues: no endpoint holds up another, and no delivery runs twice', () => {
  it('endpoint A at 1 a minute with 100 queued does not delay endpoint B', async () => {
    const slow = await saveWebhook({ rateLimitPerMinute: 1, url: 'https://a.example.com/' });
    const fast = await saveWebhook({ url: 'https://b.example.com/' });
    for (let i = 0; i < 100; i++) queues.enqueue({ deliveryId: `a${i}`, webhookId: slow._id });
    queues.enqueue({ deliveryId: 'b1', webhookId: fast._id });
    await until(() => sender.sent.some(({ url }) => url === fast.url), "B's delivery");
    expect(sender.sent.filter(({ url }) => url === slow.url)).toHaveLength(1);
    expect(queues.depthOf(slow._id)).toBe(99);
  });

  it('a delivery enqueued again while in flight is not sent twice', async () => {
    const webhook = await saveWebhook();
    let answer!: (result: AttemptResult) => void;
    sender.answer = () => new Promise((resolve) => (answer = resolve));
    queues.enqueue({ deliveryId: 'd1', webhookId: webhook._id });
    await until(() => sender.sent.length === 1, 'the send');
    queues.enqueue({ deliveryId: 'd1', webhookId: webhook._id });
    queues.enqueue({ deliveryId: 'd1', webhookId: webhook._id });
    answer(attemptResult());
    await until(() => deliveries.recorded.length === 1, 'the record');
    await until(() => queues.depthOf(webhook._id) === 0, 'the queue to empty');
    expect(sender.sent).toHaveLength(1);
  });
});

describe('endpoint queues: per_resource ordering from the log', () => {
  async function createdDelivery(webhookId: string, resourceStream: string): Promise<string> {
    const deliveryId = randomUUID();
    await stores.eventStore.append(
      deliveryStream(deliveryId),
      [
        {
          id: randomUUID(),
          type: 'DeliveryCreated',
          metadata: {},
          data: {
            deliveryId,
            webhookId,
            ownerId: randomUUID(),
            trigger: 'event',
            eventId: randomUUID(),
            eventPosition: String(Date.now()).padStart(20, '0') + deliveryId,
            resourceStream,
            body: { id: `msg_${deliveryId}`, event: 'file.updated', timestamp: new Date().toISOString(), data: {} },
            createdAt: new Date().toISOString(),
          },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    return deliveryId;
  }

  it("holds one resource's later deliveries while its first keeps failing; another resource goes on", async () => {
    const webhook = await saveWebhook({ ordering: 'per_resource', maxConcurrency: 4 });
    const a1 = await createdDelivery(webhook._id, 'file-a');
    const a2 = await createdDelivery(webhook._id, 'file-a');
    const b1 = await createdDelivery(webhook._id, 'file-b');
    let failuresLeft = 3;
    sender.answer = ({ body }) => {
      const failing = JSON.parse(body).id === `msg_${a1}` && failuresLeft-- > 0;
      return failing ? attemptResult({ status: 500, errorClass: 'http_status' }) : attemptResult();
    };
    for (const deliveryId of [a1, a2, b1]) queues.enqueue({ deliveryId, webhookId: webhook._id });
    await until(() => deliveries.recorded.filter(({ result }) => result.status === 200).length === 3, 'all three delivered');
    const order = deliveries.recorded.map(({ deliveryId, result }) => `${[a1, a2, b1].indexOf(deliveryId)}:${result.status}`);
    expect(order.filter((entry) => !entry.startsWith('2'))).toEqual(['0:500', '0:500', '0:500', '0:200', '1:200']);
    expect(order.indexOf('2:200')).toBeLessThan(order.indexOf('0:200'));
  });

  it('a restarted worker leaves a resource alone while the read model shows an earlier delivery unfinished', async () => {
    const webhook = await saveWebhook({ ordering: 'per_resource' });
    const a2 = await createdDelivery(webhook._id, 'file-a');
    const earlier: DeliveryRow = {
      _id: randomUUID(),
      webhookId: webhook._id,
      ownerId: webhook.ownerId,
      trigger: 'event',
      messageId: 'msg_earlier',
      event: 'file.updated',
      eventId: randomUUID(),
      eventPosition: '00000000000000000001',
      resourceStream: 'file-a',
      requestBody: '{}',
      status: 'retrying',
      attemptCount: 2,
      nextAttemptAt: new Date(Date.now() + 3_600_000).toISOString(),
      attempts: [],
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    };
    await stores.readStore.upsert(WEBHOOK_DELIVERIES, earlier);
    queues.enqueue({ deliveryId: a2, webhookId: webhook._id });
    await until(() => queues.depthOf(webhook._id) === 0, 'the delivery to be let go');
    expect(sender.sent).toEqual([]);
    await stores.readStore.patch(WEBHOOK_DELIVERIES, earlier._id, { $set: { status: 'succeeded', nextAttemptAt: null } });
    queues.enqueue({ deliveryId: a2, webhookId: webhook._id });
    await until(() => sender.sent.length === 1, 'the send');
  });
});
