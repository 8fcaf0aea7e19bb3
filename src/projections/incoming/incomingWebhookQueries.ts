import type { IncomingWebhookRow } from '../../incoming/incomingPorts';
import { INCOMING_WEBHOOKS } from '../../incoming/incomingPorts';
import type { ReadStore } from '../../ports/readStore';

export const incomingWebhookById = (readStore: ReadStore, incomingWebhookId: string): Promise<IncomingWebhookRow | null> =>
  readStore.get<IncomingWebhookRow>(INCOMING_WEBHOOKS, incomingWebhookId);

/**
 * The hook whose current token has this SHA-256 (hex), as the read model has it: the receive route confirms
 * it against the hook's stream (currentIncomingWebhook), since a regeneration may not be projected yet.
 */
export async function incomingWebhookByTokenHash(readStore: ReadStore, tokenHash: string): Promise<IncomingWebhookRow | null> {
  const [hook] = await readStore.find<IncomingWebhookRow>(INCOMING_WEBHOOKS, { tokenHash }, { limit: 1 });
  return hook ?? null;
}

/** The user's incoming webhook, or null for one that does not exist or is someone else's (answered alike: 404). */
export async function ownedIncomingWebhook(
  readStore: ReadStore,
  ownerId: string,
  incomingWebhookId: string,
): Promise<IncomingWebhookRow | null> {
  const hook = await incomingWebhookById(readStore, incomingWebhookId);
  return hook?.ownerId === ownerId ? hook : null;
}

/** How many incoming webhooks the user has (deleted ones are gone from the read model), for the per-user limit. */
export const countIncomingWebhooksOf = (readStore: ReadStore, ownerId: string): Promise<number> =>
  readStore.count(INCOMING_WEBHOOKS, { ownerId });

/** A user's incoming webhooks, newest first: the order of `GET /incoming-webhooks` (see its index). */
export const INCOMING_WEBHOOK_LIST_SORT = [
  ['createdAt', -1],
  ['_id', -1],
] as const;
