import { publishedStream } from '../../dispatch/publishedStream';
import { PUBLIC_EVENT_NAMES } from '../../domain/publicEvents';
import type { WebhookBody } from '../../domain/webhook/deliveryEvents';
import { deliveryIdOf, messageIdOf } from '../../domain/webhook/deliveryIds';
import { matchesSelectors } from '../../domain/webhook/eventSelectors';
import type { RecordedEvent } from '../../ports/eventStore';
import type { NewDelivery, WebhookRow } from '../webhookPorts';

/** The body a webhook receives for an event (W3's payload schemas), under the message id of that event and webhook. */
export type WebhookBodyOf = (event: RecordedEvent, messageId: string) => WebhookBody;

/**
 * Whether a webhook receives an event: its selectors match the event's public name, and the event is not older
 * than the webhook (older events are sent only by a replay, which asks for them).
 */
export function subscribesTo(webhook: WebhookRow, event: RecordedEvent, { includeOlder = false } = {}): boolean {
  const publicName = PUBLIC_EVENT_NAMES[event.type];
  if (publicName === undefined || !matchesSelectors(webhook.events, publicName)) return false;
  return includeOlder || event.createdAt.toISOString() >= webhook.createdAt;
}

/**
 * The delivery of an event to a webhook. Its id is derived from (event, webhook), or from (replay, event,
 * webhook) for a replay; the message id, and so `webhook-id`, is the same for both.
 */
export function deliveryOf(event: RecordedEvent, webhook: WebhookRow, bodyOf: WebhookBodyOf, replayId?: string): NewDelivery {
  return {
    deliveryId: deliveryIdOf(event.id, webhook._id, replayId),
    webhookId: webhook._id,
    ownerId: webhook.ownerId,
    trigger: replayId === undefined ? 'event' : 'replay',
    eventId: event.id,
    eventPosition: event.position,
    // A download is ordered with its file's other events: the stream it is published under.
    resourceStream: publishedStream(event.streamId).streamId,
    body: bodyOf(event, messageIdOf(event.id, webhook._id)),
  };
}
