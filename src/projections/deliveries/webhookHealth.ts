import type { ReadStore } from '../../ports/readStore';
import type { WebhookHealth, WebhookRow } from '../../webhooks/webhookPorts';
import type { WebhookHealthView } from './webhookHealthProjection';
import { WEBHOOK_HEALTH } from './webhookHealthProjection';

/** The endpoint's breaker opens after this many failures in a row; the next success closes it. */
export const CIRCUIT_OPENING_FAILURES = 10;

const DAY_MS = 24 * 3_600_000;
const HOUR_MS = 3_600_000;

/** A webhook's health at `now`, as `GET /webhooks/{id}` answers it. The success rate counts the 24 UTC hours up to the one `now` is in. */
export async function webhookHealth(readStore: ReadStore, webhook: WebhookRow, now: Date): Promise<WebhookHealth> {
  return healthOf(webhook, await readStore.get<WebhookHealthView>(WEBHOOK_HEALTH, webhook._id), now);
}

/** The health of each webhook of a list page (at most 100), by webhook id, read in one query. */
export async function webhookHealths(
  readStore: ReadStore,
  webhooks: readonly WebhookRow[],
  now: Date,
): Promise<Map<string, WebhookHealth>> {
  const ids = webhooks.map((webhook) => webhook._id);
  const views =
    ids.length === 0 ? [] : await readStore.find<WebhookHealthView>(WEBHOOK_HEALTH, { _id: { $in: ids } }, { limit: ids.length });
  const viewOf = new Map(views.map((view) => [view._id, view]));
  return new Map(webhooks.map((webhook) => [webhook._id, healthOf(webhook, viewOf.get(webhook._id) ?? null, now)]));
}

function healthOf(webhook: WebhookRow, view: WebhookHealthView | null, now: Date): WebhookHealth {
  const windowStart = new Date(Math.floor((now.getTime() - DAY_MS) / HOUR_MS + 1) * HOUR_MS).toISOString();
  const recent = (view?.hours ?? []).filter((bucket) => bucket.hour >= windowStart);
  const attempts = recent.reduce((sum, bucket) => sum + bucket.attempts, 0);
  const succeeded = recent.reduce((sum, bucket) => sum + bucket.succeeded, 0);
  // Enabled again, and this projection has not seen it yet: the new record starts with no failures.
  const reenabled = webhook.enabled && view?.disabled === true;
  const consecutiveFailures = reenabled ? 0 : (view?.consecutiveFailures ?? 0);
  return {
    state: !webhook.enabled ? 'disabled' : consecutiveFailures >= CIRCUIT_OPENING_FAILURES ? 'circuit_open' : 'enabled',
    successRate24h: attempts === 0 ? null : succeeded / attempts,
    lastSuccessAt: view?.lastSuccessAt ?? null,
    consecutiveFailures,
    failingSince: reenabled ? null : (view?.failingSince ?? null),
  };
}
