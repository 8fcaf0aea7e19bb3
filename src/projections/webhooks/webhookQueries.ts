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

const PAGE = 500;

/**
 * The enabled webhooks of these users: those an event their audience sees may go to. Read a page at a time
 * to the end, so none is missed even if a race let someone past the 50-per-user limit.
 */
export async function enabledWebhooksOf(readStore: ReadStore, ownerIds: readonly string[]): Promise<WebhookRow[]> {
  const webhooks: WebhookRow[] = [];
  if (ownerIds.length === 0) return webhooks;
  const filter = { enabled: true, ownerId: { $in: ownerIds } };
  for (let after: WebhookRow | undefined; ; after = webhooks[webhooks.length - 1]) {
    const page = await readStore.find<WebhookRow>(WEBHOOKS, filter, { limit: PAGE, after });
    webhooks.push(...page);
    if (page.length < PAGE) return webhooks;
  }
}

/** One page of every enabled webhook, in `_id` order; pass the last row of a page as `after` for the next. */
export const enabledWebhooks = (readStore: ReadStore, page: { limit: number; after?: Document }): Promise<WebhookRow[]> =>
  readStore.find<WebhookRow>(WEBHOOKS, { enabled: true }, { limit: page.limit, after: page.after });
