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
  const view = await readStore.get<WebhookHealthView>(WEBHOOK_HEALTH, webhook._id);
  const windowStart = new Date(Math.floor((now.getTime() - DAY_MS) / HOUR_MS + 1) * HOUR_MS).toISOString();
  const recent = (view?.hours ?? []).filter((bucket) => bucket.hour >= windowStart);
  const attempts = recent.reduce((sum, bucket) => sum + bucket.attempts, 0);
  const succeeded = recent.reduce((sum, bucket) => sum + bucket.succeeded, 0);
  const consecutiveFailures = view?.consecutiveFailures ?? 0;
  return {
    state: !webhook.enabled ? 'disabled' : consecutiveFailures >= CIRCUIT_OPENING_FAILURES ? 'circuit_open' : 'enabled',
    successRate24h: attempts === 0 ? null : succeeded / attempts,
    lastSuccessAt: view?.lastSuccessAt ?? null,
    consecutiveFailures,
    failingSince: view?.failingSince ?? null,
  };
}
