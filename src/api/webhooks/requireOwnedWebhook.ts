import { notFound } from '../../domain/shared/domainError';
import type { ReadStore } from '../../ports/readStore';
import { ownedWebhook } from '../../projections/webhooks/webhookQueries';
import type { WebhookRow } from '../../webhooks/webhookPorts';

/** The caller's webhook from the read model; another user's, a deleted or a made-up one is a 404 alike. */
export async function requireOwnedWebhook(readStore: ReadStore, ownerId: string, webhookId: string): Promise<WebhookRow> {
  const webhook = await ownedWebhook(readStore, ownerId, webhookId);
  if (!webhook) throw notFound('webhook not found');
  return webhook;
}
