import { z } from 'zod';
import { INCOMING_ACTIONS, UPSERT_FIELDS } from './incomingCommand';

export const VERIFICATION_KINDS = ['none', 'standard_webhooks', 'hmac_sha256'] as const;
export type VerificationKind = (typeof VERIFICATION_KINDS)[number];

/**
 * How a call proves it comes from the sender. The secret is not here: it is the event's top-level
 * `encryptedSecret` (a secret field, dropped from anything published), sealed like outgoing webhook secrets.
 */
export const verificationSettings = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('standard_webhooks') }),
  /** The hex HMAC-SHA256 of the body (optionally `sha256=`-prefixed) in the header named here. */
  z.object({ kind: z.literal('hmac_sha256'), header: z.string() }),
]);
export type VerificationSettings = z.infer<typeof verificationSettings>;

/** Everything about an incoming webhook its owner can change with PATCH or PUT. */
const incomingWebhookSettings = {
  name: z.string(),
  action: z.enum(INCOMING_ACTIONS),
  /** Target field -> spec, as the owner wrote it; validated when saved (src/domain/incoming/mapping). */
  fieldMapping: z.record(z.string(), z.unknown()),
  upsertField: z.enum(UPSERT_FIELDS).nullable(),
  /** Where created entries go, and where a name is looked up, unless the mapping names a folder. */
  folderId: z.uuid().nullable(),
  verification: verificationSettings,
  rateLimitPerMinute: z.int().positive(),
  enabled: z.boolean(),
};

/** The receive URL's token is kept as its SHA-256 only (`tokenHash`, a secret field) and shown once. */
const storedToken = { tokenHash: z.string(), tokenPrefix: z.string() };

export const incomingWebhookCreated = z.object({
  type: z.literal('IncomingWebhookCreated'),
  data: z.object({
    incomingWebhookId: z.uuid(),
    ownerId: z.uuid(),
    ...storedToken,
    encryptedSecret: z.string().nullable(),
    ...incomingWebhookSettings,
    createdAt: z.iso.datetime(),
  }),
});

/** Changed settings; `encryptedSecret` is present when the verification secret changed (null: none any more). */
export const incomingWebhookChanged = z.object({
  type: z.literal('IncomingWebhookChanged'),
  data: z.object({
    incomingWebhookId: z.uuid(),
    ownerId: z.uuid(),
    encryptedSecret: z.string().nullable().optional(),
    ...z.object(incomingWebhookSettings).partial().shape,
  }),
});

/** A new token: the old URL stops answering at once. */
export const incomingWebhookTokenRegenerated = z.object({
  type: z.literal('IncomingWebhookTokenRegenerated'),
  data: z.object({ incomingWebhookId: z.uuid(), ownerId: z.uuid(), ...storedToken }),
});

export const incomingWebhookDeleted = z.object({
  type: z.literal('IncomingWebhookDeleted'),
  data: z.object({ incomingWebhookId: z.uuid(), ownerId: z.uuid() }),
});

export const incomingWebhookEvent = z.discriminatedUnion('type', [
  incomingWebhookCreated,
  incomingWebhookChanged,
  incomingWebhookTokenRegenerated,
  incomingWebhookDeleted,
]);
export type IncomingWebhookEvent = z.infer<typeof incomingWebhookEvent>;
export type IncomingWebhookSettings = z.infer<z.ZodObject<typeof incomingWebhookSettings>>;

/** DESIGN §4's `incoming` category. */
export const INCOMING_WEBHOOK_CATEGORY = 'incoming';
export const incomingWebhookStream = (incomingWebhookId: string) => `${INCOMING_WEBHOOK_CATEGORY}-${incomingWebhookId}`;
