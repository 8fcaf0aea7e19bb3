import { z } from 'zod';
import type { DeliveryEvent } from '../../domain/webhook/deliveryEvents';
import { deliveryEvent } from '../../domain/webhook/deliveryEvents';
import { webhookChanged, webhookDeleted, webhookDisabled } from '../../domain/webhook/webhookEvents';
import type { AttemptRow, DeliveryRow } from '../../webhooks/webhookPorts';
import { WEBHOOK_DELIVERIES } from '../../webhooks/webhookPorts';
import { serializeWebhookBody } from '../../webhooks/payloads/toWebhookBody';
import type { DocumentKey } from '../documentProjection';
import { documentProjection } from '../documentProjection';

/** Attempts a row keeps, the latest ones: a delivery retried by hand again and again cannot grow its row without bound. */
export const ATTEMPTS_KEPT = 50;

/**
 * A row as stored: `held` while its webhook is disabled, so the due-retry scheduler passes it by (it would
 * otherwise find it due on every run, oldest first, ahead of live endpoints' retries). Enabling the webhook
 * again lets the held deliveries go.
 */
export interface StoredDeliveryRow extends DeliveryRow {
  held?: boolean;
}

const deliveriesEvent = z.discriminatedUnion('type', [...deliveryEvent.options, webhookDisabled, webhookChanged, webhookDeleted]);
type DeliveriesEvent = z.infer<typeof deliveriesEvent>;

function keyOf(event: DeliveriesEvent): DocumentKey {
  switch (event.type) {
    case 'WebhookDisabled':
    case 'WebhookDeleted':
      return { matching: { webhookId: event.data.webhookId } };
    case 'WebhookChanged':
      return event.data.enabled === true ? { matching: { webhookId: event.data.webhookId, held: true } } : null;
    default:
      return event.data.deliveryId;
  }
}

function evolveRow(row: StoredDeliveryRow | null, event: DeliveriesEvent, at: string): StoredDeliveryRow | null {
  switch (event.type) {
    case 'WebhookDisabled':
      return row && { ...row, held: true };
    case 'WebhookChanged':
      return row && { ...row, held: false };
    case 'WebhookDeleted':
      // Its deliveries are answered through the webhook only, and nothing is sent to it any more.
      return null;
    default:
      return evolveDelivery(row, event, at);
  }
}

function evolveDelivery(row: StoredDeliveryRow | null, event: DeliveryEvent, at: string): StoredDeliveryRow | null {
  if (event.type === 'DeliveryCreated') {
    const { data } = event;
    return (
      row ?? {
        _id: data.deliveryId,
        webhookId: data.webhookId,
        ownerId: data.ownerId,
        trigger: data.trigger,
        messageId: data.body.id,
        event: data.body.event,
        eventId: data.eventId,
        eventPosition: data.eventPosition,
        resourceStream: data.resourceStream,
        requestBody: serializeWebhookBody(data.body),
        status: 'pending',
        attemptCount: 0,
        nextAttemptAt: data.createdAt,
        attempts: [],
        createdAt: data.createdAt,
        updatedAt: at,
      }
    );
  }
  if (!row) return null;
  switch (event.type) {
    case 'DeliveryAttemptStarted':
      // Should the attempt never be recorded (its worker died), the delivery is due again when the lease ends.
      return { ...row, nextAttemptAt: event.data.leaseUntil, updatedAt: at };
    case 'DeliveryAttempted': {
      const { deliveryId: _d, webhookId: _w, requestHeaders = {}, ...attempt } = event.data;
      const attempts: AttemptRow[] = [...row.attempts, { ...attempt, requestHeaders }].slice(-ATTEMPTS_KEPT);
      return { ...row, attempts, attemptCount: row.attemptCount + 1, updatedAt: at };
    }
    case 'DeliverySucceeded':
      return { ...row, status: 'succeeded', nextAttemptAt: null, updatedAt: at };
    case 'DeliveryFailed':
      return row;
    case 'DeliveryScheduled':
      return { ...row, status: row.attemptCount === 0 ? 'pending' : 'retrying', nextAttemptAt: event.data.nextAttemptAt, updatedAt: at };
    case 'DeliveryExhausted':
      return { ...row, status: 'failed', nextAttemptAt: null, updatedAt: at };
  }
}

/** The deliveries read model: one row per delivery with its attempts, for the deliveries API and the due-retry scheduler. */
export const deliveriesProjection = documentProjection<DeliveriesEvent, StoredDeliveryRow>({
  name: 'webhook_deliveries',
  // 3: rows keep the request body, attempts the URL and headers they were sent with.
  version: 3,
  collection: WEBHOOK_DELIVERIES,
  handles: deliveriesEvent.options.map((option) => option.shape.type.value),

  async setup(store) {
    const newestFirst = [
      ['createdAt', -1],
      ['_id', -1],
    ] as const;
    await store.ensureIndex(WEBHOOK_DELIVERIES, { fields: [['webhookId', 1], ...newestFirst] });
    await store.ensureIndex(WEBHOOK_DELIVERIES, { fields: [['webhookId', 1], ['status', 1], ...newestFirst] });
    await store.ensureIndex(WEBHOOK_DELIVERIES, { fields: [['nextAttemptAt', 1]] });
    // per_resource ordering: an earlier unfinished delivery of the same resource to the same webhook.
    await store.ensureIndex(WEBHOOK_DELIVERIES, {
      fields: [
        ['webhookId', 1],
        ['resourceStream', 1],
        ['eventPosition', 1],
      ],
    });
  },
  parse: (event) => deliveriesEvent.parse(event),
  key: keyOf,
  evolve: evolveRow,
});
