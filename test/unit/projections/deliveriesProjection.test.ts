import { SqliteReadStore } from '../../../src/adapters/readStore/sqliteReadStore';
import { SqliteDatabase } from '../../../src/adapters/sqlite/sqliteDatabase';
import type { RecordedEvent } from '../../../src/ports/eventStore';
import { deliveriesProjection } from '../../../src/projections/deliveries/deliveriesProjection';
import { dueDeliveries } from '../../../src/projections/deliveries/deliveryQueries';
import type { DeliveryRow } from '../../../src/webhooks/webhookPorts';
import { WEBHOOK_DELIVERIES } from '../../../src/webhooks/webhookPorts';
import { projectedCollections, projectionSpec } from './projectionSpec';
import { at, RecordedEvents, uuid } from './recordedEvents';

const spec = projectionSpec(deliveriesProjection);
const OWNER = uuid(1);
const WEBHOOK = uuid(2);
const DELIVERY = uuid(3);
const MESSAGE = uuid(4);
const EVENT = uuid(5);
const ref = { deliveryId: DELIVERY, webhookId: WEBHOOK };
const CREATED_AT = '2026-01-01T00:00:00.500Z';

describe('deliveries projection', () => {
  const log = new RecordedEvents();
  const body = { id: MESSAGE, event: 'upload.completed', timestamp: CREATED_AT, data: { file_id: 'f1' } };
  const created = log.record('DeliveryCreated', {
    ...ref,
    ownerId: OWNER,
    trigger: 'event',
    eventId: EVENT,
    eventPosition: '7',
    resourceStream: 'file-1',
    body,
    createdAt: CREATED_AT,
  });
  const leaseUntil = '2026-01-01T00:01:02.000Z';
  const started = (attempt: number) => log.record('DeliveryAttemptStarted', { ...ref, attempt, startedAt: CREATED_AT, leaseUntil });
  const attemptData = (attempt: number, status: number, errorClass: string | null) => ({
    attempt,
    startedAt: CREATED_AT,
    url: 'https://hooks.example.com',
    requestHeaders: { 'webhook-id': MESSAGE, 'webhook-signature': `v1,signature-of-attempt-${attempt}` },
    durationMs: 12,
    status,
    errorClass,
    errorMessage: null,
    responseHeaders: { 'content-type': 'text/plain' },
    responseBody: 'nope',
  });
  const attempted = (attempt: number, status: number, errorClass: string | null) =>
    log.record('DeliveryAttempted', { ...ref, ...attemptData(attempt, status, errorClass) });
  const started1 = started(1);
  const failed1 = attempted(1, 500, 'http_status');
  const failed = log.record('DeliveryFailed', { ...ref, attempt: 1, failedAt: CREATED_AT, errorClass: 'http_status' });
  const scheduled = log.record('DeliveryScheduled', { ...ref, nextAttemptAt: '2026-01-01T00:00:10.000Z', reason: 'retry' });
  const started2 = started(2);
  const succeeded2 = attempted(2, 200, null);
  const succeeded = log.record('DeliverySucceeded', { ...ref, attempt: 2, succeededAt: CREATED_AT });
  const exhausted = log.record('DeliveryExhausted', { ...ref, exhaustedAt: CREATED_AT, reason: 'the endpoint answered 410 Gone' });

  const row: DeliveryRow = {
    _id: DELIVERY,
    webhookId: WEBHOOK,
    ownerId: OWNER,
    trigger: 'event',
    messageId: MESSAGE,
    event: 'upload.completed',
    eventId: EVENT,
    eventPosition: '7',
    resourceStream: 'file-1',
    requestBody: JSON.stringify(body),
    status: 'pending',
    attemptCount: 0,
    nextAttemptAt: CREATED_AT,
    attempts: [],
    createdAt: CREATED_AT,
    updatedAt: at(created),
  };

  it('holds a new delivery, due at once', () => spec.given([created]).then(WEBHOOK_DELIVERIES, [row]));

  it('makes a leased delivery due again when its lease ends, in case the attempt is never recorded', () =>
    spec.given([created, started1]).then(WEBHOOK_DELIVERIES, [{ ...row, nextAttemptAt: leaseUntil, updatedAt: at(started1) }]));

  it('keeps each attempt and follows the status: retrying, then succeeded', async () => {
    const retrying = {
      ...row,
      status: 'retrying' as const,
      attemptCount: 1,
      nextAttemptAt: '2026-01-01T00:00:10.000Z',
      attempts: [attemptData(1, 500, 'http_status')],
      updatedAt: at(scheduled),
    };
    await spec.given([created, started1, failed1, failed, scheduled]).then(WEBHOOK_DELIVERIES, [retrying]);
    await spec.given([created, started1, failed1, failed, scheduled, started2, succeeded2, succeeded]).then(WEBHOOK_DELIVERIES, [
      {
        ...retrying,
        status: 'succeeded',
        attemptCount: 2,
        nextAttemptAt: null,
        attempts: [attemptData(1, 500, 'http_status'), attemptData(2, 200, null)],
        updatedAt: at(succeeded),
      },
    ]);
  });

  it('keeps an attempt recorded before request headers were, with none', () => {
    const { requestHeaders: _kept, ...before } = attemptData(1, 500, 'http_status');
    const older = log.record('DeliveryAttempted', { ...ref, ...before });
    return spec
      .given([created, started1, older])
      .then(WEBHOOK_DELIVERIES, [
        { ...row, nextAttemptAt: leaseUntil, attemptCount: 1, attempts: [{ ...before, requestHeaders: {} }], updatedAt: at(older) },
      ]);
  });

  it('marks an exhausted delivery failed, with nothing due', () =>
    spec.given([created, started1, failed1, failed, exhausted]).then(WEBHOOK_DELIVERIES, [
      {
        ...row,
        status: 'failed',
        attemptCount: 1,
        nextAttemptAt: null,
        attempts: [attemptData(1, 500, 'http_status')],
        updatedAt: at(exhausted),
      },
    ]));

  it('keeps the latest 50 attempts of a delivery retried again and again', async () => {
    const many = Array.from({ length: 52 }, (_, index) => attempted(index + 1, 500, 'http_status'));
    const db = new SqliteDatabase({ path: ':memory:' });
    try {
      const store = await SqliteReadStore.open(db);
      await deliveriesProjection.setup(store);
      for (const event of [created, ...many]) await deliveriesProjection.apply(event, store);
      const stored = await store.get<DeliveryRow>(WEBHOOK_DELIVERIES, DELIVERY);
      expect(stored?.attemptCount).toBe(52);
      expect(stored?.attempts.map((attempt) => attempt.attempt)).toEqual(Array.from({ length: 50 }, (_, index) => index + 3));
    } finally {
      await db.close();
    }
  });
});

describe('due deliveries', () => {
  it('finds the deliveries due now, soonest first, page after page; finished ones never', async () => {
    const db = new SqliteDatabase({ path: ':memory:' });
    try {
      const store = await SqliteReadStore.open(db);
      await deliveriesProjection.setup(store);
      const rows: Array<[string, string | null]> = [
        [uuid(11), '2026-01-01T00:00:03.000Z'],
        [uuid(12), '2026-01-01T00:00:01.000Z'],
        [uuid(13), '2026-01-01T00:00:02.000Z'],
        [uuid(14), '2026-01-01T00:00:09.000Z'],
        [uuid(15), null],
      ];
      for (const [id, nextAttemptAt] of rows) await store.upsert(WEBHOOK_DELIVERIES, { _id: id, webhookId: WEBHOOK, nextAttemptAt });
      const now = new Date('2026-01-01T00:00:05.000Z');
      const first = await dueDeliveries(store, now, 2);
      expect(first.map((row) => row._id)).toEqual([uuid(12), uuid(13)]);
      const second = await dueDeliveries(store, now, 2, first[1]);
      expect(second).toEqual([{ _id: uuid(11), webhookId: WEBHOOK, nextAttemptAt: '2026-01-01T00:00:03.000Z' }]);
    } finally {
      await db.close();
    }
  });
});

describe('deliveries of a disabled or deleted webhook', () => {
  const log = new RecordedEvents();
  const OTHER_WEBHOOK = uuid(6);
  const createdFor = (deliveryId: string, webhookId: string) =>
    log.record('DeliveryCreated', {
      deliveryId,
      webhookId,
      ownerId: OWNER,
      trigger: 'event',
      eventId: EVENT,
      eventPosition: '7',
      resourceStream: null,
      body: { id: MESSAGE, event: 'upload.completed', timestamp: CREATED_AT, data: {} },
      createdAt: CREATED_AT,
    });
  const history = [createdFor(uuid(21), WEBHOOK), createdFor(uuid(22), WEBHOOK), createdFor(uuid(23), OTHER_WEBHOOK)];
  const disabled = log.record('WebhookDisabled', {
    webhookId: WEBHOOK,
    ownerId: OWNER,
    reason: 'the endpoint answered 410 Gone',
    disabledAt: CREATED_AT,
  });
  const renamed = log.record('WebhookChanged', { webhookId: WEBHOOK, ownerId: OWNER, name: 'renamed' });
  const enabled = log.record('WebhookChanged', { webhookId: WEBHOOK, ownerId: OWNER, enabled: true });
  const deleted = log.record('WebhookDeleted', { webhookId: WEBHOOK, ownerId: OWNER });

  async function dueAfter(events: readonly RecordedEvent[]): Promise<string[]> {
    const db = new SqliteDatabase({ path: ':memory:' });
    try {
      const store = await SqliteReadStore.open(db);
      await deliveriesProjection.setup(store);
      for (const event of events) await deliveriesProjection.apply(event, store);
      return (await dueDeliveries(store, new Date('2026-02-01T00:00:00.000Z'), 10)).map((row) => row._id).sort();
    } finally {
      await db.close();
    }
  }

  it('holds them while the webhook is disabled, and lets them go when it is enabled again', async () => {
    expect(await dueAfter(history)).toEqual([uuid(21), uuid(22), uuid(23)]);
    expect(await dueAfter([...history, disabled, renamed])).toEqual([uuid(23)]);
    expect(await dueAfter([...history, disabled, renamed, enabled])).toEqual([uuid(21), uuid(22), uuid(23)]);
  });

  it('drops them with the webhook', async () => {
    const collections = await projectedCollections(deliveriesProjection, [[...history, disabled, deleted]]);
    expect(collections[WEBHOOK_DELIVERIES]?.map((row) => row._id)).toEqual([uuid(23)]);
  });
});
