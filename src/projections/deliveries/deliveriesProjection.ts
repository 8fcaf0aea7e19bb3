import type { DeliveryEvent } from '../../domain/webhook/deliveryEvents';
import { deliveryEvent } from '../../domain/webhook/deliveryEvents';
import type { AttemptRow, DeliveryRow } from '../../webhooks/webhookPorts';
import { WEBHOOK_DELIVERIES } from '../../webhooks/webhookPorts';
import { documentProjection } from '../documentProjection';

/** Attempts a row keeps, the latest ones: a delivery retried by hand again and again cannot grow its row without bound. */
export const ATTEMPTS_KEPT = 50;

function evolveDelivery(row: DeliveryRow | null, event: DeliveryEvent, at: string): DeliveryRow | null {
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
      const { deliveryId: _d, webhookId: _w, url: _url, ...attempt } = event.data;
      const attempts: AttemptRow[] = [...row.attempts, attempt].slice(-ATTEMPTS_KEPT);
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
export const deliveriesProjection = documentProjection<DeliveryEvent, DeliveryRow>({
  name: 'webhook_deliveries',
  version: 1,
  collection: WEBHOOK_DELIVERIES,
  handles: deliveryEvent.options.map((option) => option.shape.type.value),

  async setup(store) {
    const newestFirst = [
      ['createdAt', -1],
      ['_id', -1],
    ] as const;
    await store.ensureIndex(WEBHOOK_DELIVERIES, { fields: [['webhookId', 1], ...newestFirst] });
    await store.ensureIndex(WEBHOOK_DELIVERIES, { fields: [['webhookId', 1], ['status', 1], ...newestFirst] });
    await store.ensureIndex(WEBHOOK_DELIVERIES, { fields: [['nextAttemptAt', 1]] });
  },
  parse: (event) => deliveryEvent.parse(event),
  key: (event) => event.data.deliveryId,
  evolve: evolveDelivery,
});
