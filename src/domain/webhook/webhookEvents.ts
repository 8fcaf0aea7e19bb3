import { z } from 'zod';

export const WEBHOOK_ORDERINGS = ['none', 'per_resource'] as const;

/** Everything about a webhook an owner can change with PATCH or PUT. */
const webhookSettings = {
  url: z.url(),
  /** Public event names, aliases and wildcards (`file.*`, `*`), as the owner wrote them. */
  events: z.array(z.string()),
  name: z.string().nullable(),
  description: z.string().nullable(),
  rateLimitPerMinute: z.int().positive(),
  maxConcurrency: z.int().positive(),
  ordering: z.enum(WEBHOOK_ORDERINGS),
  verifySsl: z.boolean(),
  enabled: z.boolean(),
};

/**
 * A signing secret as stored: encrypted at rest (src/security/webhookSecretBox.ts), since the dispatcher
 * must sign with the secret itself; never published, never answered after creation or rotation.
 */
const storedSecret = { encryptedSecret: z.string() };

export const webhookRegistered = z.object({
  type: z.literal('WebhookRegistered'),
  data: z.object({ webhookId: z.uuid(), ownerId: z.uuid(), ...storedSecret, ...webhookSettings, registeredAt: z.iso.datetime() }),
});

export const webhookChanged = z.object({
  type: z.literal('WebhookChanged'),
  data: z.object({ webhookId: z.uuid(), ownerId: z.uuid(), ...z.object(webhookSettings).partial().shape }),
});

/** A new secret; the previous one keeps signing beside it until `previousExpiresAt`. */
export const webhookSecretRotated = z.object({
  type: z.literal('WebhookSecretRotated'),
  data: z.object({ webhookId: z.uuid(), ownerId: z.uuid(), ...storedSecret, previousExpiresAt: z.iso.datetime() }),
});

/** Disabled by the platform (410 Gone, five days of failures) or by its owner; `enabled: true` in a change turns it back on. */
export const webhookDisabled = z.object({
  type: z.literal('WebhookDisabled'),
  data: z.object({ webhookId: z.uuid(), ownerId: z.uuid(), reason: z.string(), disabledAt: z.iso.datetime() }),
});

export const webhookDeleted = z.object({
  type: z.literal('WebhookDeleted'),
  data: z.object({ webhookId: z.uuid(), ownerId: z.uuid() }),
});

export const webhookEvent = z.discriminatedUnion('type', [
  webhookRegistered,
  webhookChanged,
  webhookSecretRotated,
  webhookDisabled,
  webhookDeleted,
]);
export type WebhookEvent = z.infer<typeof webhookEvent>;
export type WebhookSettings = z.infer<z.ZodObject<typeof webhookSettings>>;
export type WebhookOrdering = (typeof WEBHOOK_ORDERINGS)[number];

export const WEBHOOK_CATEGORY = 'webhook';
export const webhookStream = (webhookId: string) => `${WEBHOOK_CATEGORY}-${webhookId}`;
