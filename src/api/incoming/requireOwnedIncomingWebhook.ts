import { notFound } from '../../domain/shared/domainError';
import type { IncomingWebhookRow } from '../../incoming/incomingPorts';
import type { ReadStore } from '../../ports/readStore';
import { ownedIncomingWebhook } from '../../projections/incoming/incomingWebhookQueries';

/** The caller's incoming webhook from the read model; another user's, a deleted or a made-up one is a 404 alike. */
export async function requireOwnedIncomingWebhook(
  readStore: ReadStore,
  ownerId: string,
  incomingWebhookId: string,
): Promise<IncomingWebhookRow> {
  const hook = await ownedIncomingWebhook(readStore, ownerId, incomingWebhookId);
  if (!hook) throw notFound('incoming webhook not found');
  return hook;
}
