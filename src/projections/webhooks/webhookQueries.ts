import { MAX_WEBHOOKS_PER_OWNER } from '../../domain/webhook/webhookDecider';
import type { Document, ReadStore } from '../../ports/readStore';
import type { WebhookRow } from '../../webhooks/webhookPorts';
import { WEBHOOKS } from '../../webhooks/webhookPorts';

export const webhookById = (readStore: ReadStore, webhookId: string): Promise<WebhookRow | null> =>
  readStore.get<WebhookRow>(WEBHOOKS, webhookId);

/** The user's webhook, or null for one that does not exist or is someone else's (answered alike: 404). */
export async function ownedWebhook(readStore: ReadStore, ownerId: string, webhookId: string): Promise<WebhookRow | null> {
  const webhook = await webhookById(readStore, webhookId);
  return webhook?.ownerId === ownerId ? webhook : null;
}

/** How many webhooks the user has (deleted ones are gone from the read model), for the per-user limit. */
export const countWebhooksOf = (readStore: ReadStore, ownerId: string): Promise<number> => readStore.count(WEBHOOKS, { ownerId });

/** A user's webhooks, newest first: the order of `GET /webhooks` (see its index). */
export const WEBHOOK_LIST_SORT = [
  ['createdAt', -1],
  ['_id', -1],
] as const;

/** The enabled webhooks of these users: those an event their audience sees may go to (at most 50 each). */
export function enabledWebhooksOf(readStore: ReadStore, ownerIds: readonly string[]): Promise<WebhookRow[]> {
  if (ownerIds.length === 0) return Promise.resolve([]);
  return readStore.find<WebhookRow>(
    WEBHOOKS,
    { enabled: true, ownerId: { $in: ownerIds } },
    { limit: ownerIds.length * MAX_WEBHOOKS_PER_OWNER },
  );
}

/** One page of every enabled webhook, in `_id` order; pass the last row of a page as `after` for the next. */
export const enabledWebhooks = (readStore: ReadStore, page: { limit: number; after?: Document }): Promise<WebhookRow[]> =>
  readStore.find<WebhookRow>(WEBHOOKS, { enabled: true }, { limit: page.limit, after: page.after });
