import { randomUUID } from 'node:crypto';
import { testWebhookBody } from '../payloads/toWebhookBody';
import type { WebhookRow } from '../webhookPorts';
import type { AttemptDeps, MadeAttempt } from './attemptDelivery';
import { attemptDelivery } from './attemptDelivery';

/** `POST /webhooks/{id}/test`: sends a `webhook.test` event to the webhook now. */
export type SendTestDelivery = (webhook: WebhookRow) => Promise<MadeAttempt>;

/**
 * Records a `test` delivery and makes its first attempt at once, through the same attempt code as every
 * delivery (lease, signatures, SSRF-guarded sender, attempt log), but outside the endpoint's queue: an owner
 * testing an endpoint waits for neither its rate limit nor its circuit breaker.
 */
export function testDeliverySender(deps: AttemptDeps): SendTestDelivery {
  return async (webhook) => {
    const deliveryId = randomUUID();
    const body = testWebhookBody(webhook._id, randomUUID(), deps.clock());
    await deps.deliveries.create({
      deliveryId,
      webhookId: webhook._id,
      ownerId: webhook.ownerId,
      trigger: 'test',
      eventId: null,
      eventPosition: null,
      resourceStream: null,
      body,
    });
    const made = await attemptDelivery(deps, webhook, deliveryId);
    if (!made) throw new Error(`the test delivery ${deliveryId} could not be leased right after it was created`);
    return made;
  };
}
