import { z } from 'zod';
import { WEBHOOK_ORDERINGS } from '../../domain/webhook/webhookEvents';
import type { WebhookHealth, WebhookRow } from '../../webhooks/webhookPorts';

const healthResponse = z
  .object({
    state: z.enum(['enabled', 'circuit_open', 'disabled']).meta({
      description: '`circuit_open`: the endpoint failed too often in a row; deliveries wait until a probe succeeds.',
    }),
    success_rate_24h: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .meta({ description: 'Succeeded attempts over all attempts of the last 24 h; null with none.' }),
    last_success_at: z.string().nullable(),
    consecutive_failures: z.int().min(0),
    failing_since: z.string().nullable().meta({ description: 'Since when every attempt has failed; null after a success.' }),
  })
  .meta({ id: 'WebhookHealth' });

export const webhookResponse = z
  .object({
    id: z.uuid(),
    url: z.string(),
    events: z.array(z.string()),
    name: z.string().nullable(),
    description: z.string().nullable(),
    rate_limit_per_minute: z.int().min(1),
    max_concurrency: z.int().min(1),
    ordering: z.enum(WEBHOOK_ORDERINGS),
    verify_ssl: z.boolean(),
    enabled: z.boolean(),
    disabled_reason: z
      .string()
      .nullable()
      .meta({ description: 'Why the webhook was disabled (by its owner, a 410 Gone, days of failures).' }),
    disabled_at: z.string().nullable(),
    previous_secret_expires_at: z.string().nullable().meta({
      description: 'Until when the secret replaced by the last rotation still signs beside the current one; null when none does.',
    }),
    health: healthResponse,
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Webhook' });

export const issuedSecretResponse = webhookResponse
  .extend({ secret: z.string().meta({ description: 'The signing secret (`whsec_…`): shown in this answer only, never again.' }) })
  .meta({ id: 'WebhookWithSecret' });

type WebhookResponse = z.infer<typeof webhookResponse>;

/** When the rotated-out secret stops signing, if it still signs at `now`. */
function previousSecretExpiry(webhook: WebhookRow, now: Date): string | null {
  const previous = webhook.secrets.find((secret) => secret.expiresAt !== null);
  return previous?.expiresAt && Date.parse(previous.expiresAt) > now.getTime() ? previous.expiresAt : null;
}

export const presentWebhook = (webhook: WebhookRow, health: WebhookHealth, now: Date): WebhookResponse => ({
  id: webhook._id,
  url: webhook.url,
  events: webhook.events,
  name: webhook.name,
  description: webhook.description,
  rate_limit_per_minute: webhook.rateLimitPerMinute,
  max_concurrency: webhook.maxConcurrency,
  ordering: webhook.ordering,
  verify_ssl: webhook.verifySsl,
  enabled: webhook.enabled,
  disabled_reason: webhook.disabledReason,
  disabled_at: webhook.disabledAt,
  previous_secret_expires_at: previousSecretExpiry(webhook, now),
  health: {
    state: health.state,
    success_rate_24h: health.successRate24h,
    last_success_at: health.lastSuccessAt,
    consecutive_failures: health.consecutiveFailures,
    failing_since: health.failingSince,
  },
  created_at: webhook.createdAt,
  updated_at: webhook.updatedAt,
});
