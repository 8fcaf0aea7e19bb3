import { z } from 'zod';
import { deliveryIdOf, messageIdOf } from '../../../src/domain/webhook/deliveryIds';

const eventId = '11111111-1111-4111-8111-111111111111';
const webhookId = '22222222-2222-4222-8222-222222222222';
const otherWebhookId = '33333333-3333-4333-8333-333333333333';

describe('delivery ids', () => {
  it('derives the same UUIDs from the same event and webhook', () => {
    expect(messageIdOf(eventId, webhookId)).toBe(messageIdOf(eventId, webhookId));
    expect(deliveryIdOf(eventId, webhookId)).toBe(deliveryIdOf(eventId, webhookId));
    for (const id of [messageIdOf(eventId, webhookId), deliveryIdOf(eventId, webhookId), deliveryIdOf(eventId, webhookId, 'r1')])
      expect(z.uuid().safeParse(id).success).toBe(true);
  });

  it('gives another webhook, and each replay, a delivery of its own', () => {
    const ids = new Set([
      deliveryIdOf(eventId, webhookId),
      deliveryIdOf(eventId, otherWebhookId),
      deliveryIdOf(eventId, webhookId, 'replay-1'),
      deliveryIdOf(eventId, webhookId, 'replay-2'),
      messageIdOf(eventId, webhookId),
    ]);
    expect(ids.size).toBe(5);
    expect(messageIdOf(eventId, webhookId)).not.toBe(messageIdOf(eventId, otherWebhookId));
  });
});
