import { SqliteReadStore } from '../../../src/adapters/readStore/sqliteReadStore';
import { SqliteDatabase } from '../../../src/adapters/sqlite/sqliteDatabase';
import type { RecordedEvent } from '../../../src/ports/eventStore';
import { webhookHealth } from '../../../src/projections/deliveries/webhookHealth';
import { WEBHOOK_HEALTH, webhookHealthProjection } from '../../../src/projections/deliveries/webhookHealthProjection';
import type { WebhookRow } from '../../../src/webhooks/webhookPorts';
import { projectionSpec } from './projectionSpec';
import { webhookRow } from '../../support/webhookRows';
import { RecordedEvents, uuid } from './recordedEvents';

const spec = projectionSpec(webhookHealthProjection);
const WEBHOOK = uuid(2);
const OWNER = uuid(1);

const log = new RecordedEvents();
const attempted = (startedAt: string, errorClass: string | null) =>
  log.record('DeliveryAttempted', {
    deliveryId: uuid(3),
    webhookId: WEBHOOK,
    attempt: 1,
    url: 'https://hooks.example.com',
    startedAt,
    durationMs: 5,
    status: errorClass === null ? 200 : 500,
    errorClass,
    errorMessage: null,
    responseHeaders: {},
    responseBody: '',
  });

const webhook = (enabled = true): WebhookRow =>
  webhookRow({ _id: WEBHOOK, ownerId: OWNER, url: 'https://hooks.example.com', enabled, secrets: [] });

async function healthAfter(events: readonly RecordedEvent[], now: string, row = webhook()) {
  const db = new SqliteDatabase({ path: ':memory:' });
  try {
    const store = await SqliteReadStore.open(db);
    for (const event of events) await webhookHealthProjection.apply(event, store);
    return await webhookHealth(store, row, new Date(now));
  } finally {
    await db.close();
  }
}

describe('webhook health', () => {
  it('counts failures in a row from the first one, and a success resets them', () =>
    spec
      .given([
        attempted('2026-01-01T10:00:00.000Z', null),
        attempted('2026-01-01T10:05:00.000Z', 'http_status'),
        attempted('2026-01-01T11:00:00.000Z', 'timeout'),
      ])
      .then(WEBHOOK_HEALTH, [
        {
          _id: WEBHOOK,
          lastSuccessAt: '2026-01-01T10:00:00.000Z',
          consecutiveFailures: 2,
          failingSince: '2026-01-01T10:05:00.000Z',
          hours: [
            { hour: '2026-01-01T10:00:00.000Z', attempts: 2, succeeded: 1 },
            { hour: '2026-01-01T11:00:00.000Z', attempts: 1, succeeded: 0 },
          ],
        },
      ]));

  it('answers a webhook with no attempt yet as enabled, with no rate', async () => {
    expect(await healthAfter([], '2026-01-01T12:00:00.000Z')).toEqual({
      state: 'enabled',
      successRate24h: null,
      lastSuccessAt: null,
      consecutiveFailures: 0,
      failingSince: null,
    });
  });

  it('rates the last 24 hours only', async () => {
    const events = [
      attempted('2026-01-01T09:00:00.000Z', 'http_status'),
      attempted('2026-01-02T08:30:00.000Z', null),
      attempted('2026-01-02T08:40:00.000Z', 'http_status'),
      attempted('2026-01-02T09:10:00.000Z', null),
      attempted('2026-01-02T09:20:00.000Z', null),
    ];
    const health = await healthAfter(events, '2026-01-02T09:30:00.000Z');
    expect(health).toEqual({
      state: 'enabled',
      successRate24h: 0.75,
      lastSuccessAt: '2026-01-02T09:20:00.000Z',
      consecutiveFailures: 0,
      failingSince: null,
    });
  });

  it('says the circuit is open after 10 failures in a row, and disabled over everything', async () => {
    const failures = Array.from({ length: 10 }, (_, index) => attempted(`2026-01-03T00:0${index}:00.000Z`, 'connect'));
    expect(await healthAfter(failures.slice(0, 9), '2026-01-03T01:00:00.000Z')).toMatchObject({ state: 'enabled', consecutiveFailures: 9 });
    expect(await healthAfter(failures, '2026-01-03T01:00:00.000Z')).toMatchObject({
      state: 'circuit_open',
      consecutiveFailures: 10,
      successRate24h: 0,
      failingSince: '2026-01-03T00:00:00.000Z',
    });
    expect(await healthAfter(failures, '2026-01-03T01:00:00.000Z', webhook(false))).toMatchObject({ state: 'disabled' });
  });

  describe('enabling a disabled webhook again', () => {
    const failures = Array.from({ length: 10 }, (_, index) => attempted(`2026-01-03T00:0${index}:00.000Z`, 'connect'));
    const changed = (changes: Record<string, unknown>) => log.record('WebhookChanged', { webhookId: WEBHOOK, ownerId: OWNER, ...changes });
    const disabled = log.record('WebhookDisabled', {
      webhookId: WEBHOOK,
      ownerId: OWNER,
      reason: 'the endpoint answered 410 Gone',
      disabledAt: '2026-01-03T00:10:00.000Z',
    });

    it.each([
      ['disabled by the platform', disabled],
      ['disabled by its owner', changed({ enabled: false })],
    ])('starts a new run of failures once %s, keeping the attempts by the hour', async (_label, disabling) => {
      const health = await healthAfter([...failures, disabling, changed({ enabled: true })], '2026-01-03T01:00:00.000Z');
      expect(health).toEqual({ state: 'enabled', successRate24h: 0, lastSuccessAt: null, consecutiveFailures: 0, failingSince: null });
    });

    it('counts failures again from the first one after it', async () => {
      const after = attempted('2026-01-03T00:30:00.000Z', 'http_status');
      expect(await healthAfter([...failures, disabled, changed({ enabled: true }), after], '2026-01-03T01:00:00.000Z')).toMatchObject({
        consecutiveFailures: 1,
        failingSince: '2026-01-03T00:30:00.000Z',
      });
    });

    it('answers a new record already when the webhook is enabled and this projection has not seen it yet', async () => {
      expect(await healthAfter([...failures, disabled], '2026-01-03T01:00:00.000Z', webhook(true))).toMatchObject({
        state: 'enabled',
        consecutiveFailures: 0,
        failingSince: null,
      });
    });

    it('keeps the record through any other change, and through enabled: true on a webhook never disabled', async () => {
      const kept = { state: 'circuit_open', consecutiveFailures: 10, failingSince: '2026-01-03T00:00:00.000Z' };
      expect(await healthAfter([...failures, changed({ rateLimitPerMinute: 10 })], '2026-01-03T01:00:00.000Z')).toMatchObject(kept);
      expect(await healthAfter([...failures, changed({ enabled: true })], '2026-01-03T01:00:00.000Z')).toMatchObject(kept);
      const renamedWhileDisabled = [...failures, disabled, changed({ name: 'renamed' })];
      expect(await healthAfter(renamedWhileDisabled, '2026-01-03T01:00:00.000Z', webhook(false))).toMatchObject({
        state: 'disabled',
        consecutiveFailures: 10,
      });
    });
  });

  it('forgets a deleted webhook', () =>
    spec
      .given([attempted('2026-01-01T10:00:00.000Z', null), log.record('WebhookDeleted', { webhookId: WEBHOOK, ownerId: OWNER })])
      .then(WEBHOOK_HEALTH, []));
});
