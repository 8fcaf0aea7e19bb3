import { api } from '../../../api/client';
import type { DeliveryDetail, Recovery, TestDelivery, Webhook, WebhookSettings, WebhookWithSecret } from './types';

/** The webhook endpoints of /api/v1 the console calls (lists load through usePagedList). */
const one = (webhookId: string) => `/webhooks/${encodeURIComponent(webhookId)}`;
const deliveryPath = (webhookId: string, deliveryId: string) => `${one(webhookId)}/deliveries/${encodeURIComponent(deliveryId)}`;

export const deliveriesPath = (webhookId: string) => `${one(webhookId)}/deliveries`;

export const webhooksApi = {
  create: (settings: WebhookSettings) => api<WebhookWithSecret>('POST', '/webhooks', { body: settings }),
  get: (webhookId: string, signal?: AbortSignal) => api<Webhook>('GET', one(webhookId), { signal }),
  change: (webhookId: string, changes: Partial<WebhookSettings> & { enabled?: boolean }) =>
    api<Webhook>('PATCH', one(webhookId), { body: changes }),
  remove: (webhookId: string) => api<void>('DELETE', one(webhookId)),
  test: (webhookId: string) => api<TestDelivery>('POST', `${one(webhookId)}/test`, { body: {} }),
  rotateSecret: (webhookId: string) => api<WebhookWithSecret>('POST', `${one(webhookId)}/rotate-secret`, { body: {} }),
  recover: (webhookId: string, window: { since: string; until?: string }) =>
    api<Recovery>('POST', `${one(webhookId)}/recover`, { body: window }),
  delivery: (webhookId: string, deliveryId: string, signal?: AbortSignal) =>
    api<DeliveryDetail>('GET', deliveryPath(webhookId, deliveryId), { signal }),
  retry: (webhookId: string, deliveryId: string) => api<DeliveryDetail>('POST', `${deliveryPath(webhookId, deliveryId)}/retry`),
};
