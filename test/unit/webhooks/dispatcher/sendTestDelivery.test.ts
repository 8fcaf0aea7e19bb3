import { randomUUID } from 'node:crypto';
import { testDeliverySender } from '../../../../src/webhooks/dispatcher/sendTestDelivery';
import type { WebhookRow } from '../../../../src/webhooks/webhookPorts';
import { silentLogger } from '../../../support/stores';
import { FakeDeliveries, FakeSender } from './attemptFakes';
import { attemptResult, noMetrics } from './endpointWorkerKit';

const NOW = new Date('2026-03-01T12:00:00.000Z');

const webhook: WebhookRow = {
  _id: randomUUID(),
  ownerId: randomUUID(),
  url: 'https://hooks.example.com/test',
  events: ['upload.completed'],
  name: null,
  description: null,
  rateLimitPerMinute: 1,
  maxConcurrency: 1,
  ordering: 'none',
  verifySsl: true,
  enabled: true,
  disabledReason: null,
  disabledAt: null,
  secrets: [{ encryptedSecret: 'whsec_plain', expiresAt: null }],
  createdAt: NOW.toISOString(),
  updatedAt: NOW.toISOString(),
};

describe('test deliveries', () => {
  it('records a test delivery of webhook.test and attempts it at once through the attempt code', async () => {
    const deliveries = new FakeDeliveries();
    const sender = new FakeSender();
    sender.answer = () => attemptResult({ status: 204, responseBody: '' });
    const send = testDeliverySender({
      deliveries,
      sender,
      signHeaders: (_body, messageId) => ({ 'webhook-id': messageId }),
      openSecret: (sealed) => sealed,
      disableWebhook: async () => undefined,
      metrics: noMetrics,
      clock: () => NOW,
      logger: silentLogger(),
    });

    const made = await send(webhook);

    expect(deliveries.created).toEqual([
      {
        deliveryId: made.lease.deliveryId,
        webhookId: webhook._id,
        ownerId: webhook.ownerId,
        trigger: 'test',
        eventId: null,
        eventPosition: null,
        resourceStream: null,
        body: {
          id: made.lease.body.id,
          event: 'webhook.test',
          timestamp: NOW.toISOString(),
          data: expect.objectContaining({ webhook_id: webhook._id }),
        },
      },
    ]);
    expect(sender.sent).toEqual([
      { url: webhook.url, body: JSON.stringify(made.lease.body), headers: { 'webhook-id': made.lease.body.id }, verifySsl: true },
    ]);
    expect(made.result.status).toBe(204);
    expect(made.outcome.outcome).toBe('succeeded');
  });
});
