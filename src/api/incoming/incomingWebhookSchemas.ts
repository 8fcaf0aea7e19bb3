import { z } from 'zod';
import { INCOMING_ACTIONS, UPSERT_FIELDS } from '../../domain/incoming/incomingCommand';
import { nestsDeeperThan, TOO_DEEP_MESSAGE } from '../../domain/incoming/mapping/payloadDepth';
import { WEBHOOK_SECRET_PREFIX } from '../../security/webhookSecrets';

export const DEFAULT_INCOMING_RATE_LIMIT_PER_MINUTE = 60;
export const DEFAULT_SIGNATURE_HEADER = 'X-Signature';
/** Standard Webhooks' secrets hold 24 to 64 bytes. */
const STANDARD_SECRET = /^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/;
/** An HTTP header name (RFC 9110's token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const nameField = z.string().trim().min(1).max(100);
const actionField = z.enum(INCOMING_ACTIONS).meta({
  description: 'What a call does: create a folder, create a file, update a file, or update it when found and create it otherwise.',
});
/** JSON.parse keeps a `__proto__` key, and a zod record would drop it silently: it is named instead. */
function refuseProtoKey(value: unknown, ctx: z.RefinementCtx): unknown {
  if (typeof value === 'object' && value !== null && Object.hasOwn(value, '__proto__'))
    ctx.addIssue({ code: 'custom', message: 'unknown target field', path: ['__proto__'] });
  return value;
}
const fieldMappingField = z.preprocess(refuseProtoKey, z.record(z.string(), z.unknown())).meta({
  description:
    'Target field -> spec. A string is a dot path into the payload (`contact.email`, `items[0].name`), or a template when it holds `{{`; an object is {path | template | value, default?, transform?}. Transforms: lower, upper, trim, slug, date:iso, base64:decode.',
});
const upsertFieldField = z.enum(UPSERT_FIELDS).nullable().meta({
  description:
    'How update_file and upsert_file find their file: by `name` within the folder, or (update_file only: a 400 for upsert_file, whose creations get new ids) by a Filora file `id`, 404 when none. Required for them.',
});
const folderIdField = z
  .uuid()
  .nullable()
  .meta({ description: 'Where created entries go and names are looked up unless the mapping names a folder; null: the root.' });
const rateLimitField = z.int().min(1).max(6000).meta({ description: 'Calls per minute the receive URL accepts; past it, 429.' });
const enabledField = z.boolean().meta({ description: 'A disabled hook answers 403 to every call.' });

const standardSecret = z
  .string()
  .regex(STANDARD_SECRET, `expected ${WEBHOOK_SECRET_PREFIX} followed by the base64 of 24 to 64 bytes`)
  .refine((secret) => Buffer.from(secret.slice(WEBHOOK_SECRET_PREFIX.length), 'base64').length >= 24, {
    message: `expected ${WEBHOOK_SECRET_PREFIX} followed by the base64 of 24 to 64 bytes`,
    // Only a secret the pattern took: a wrong one is named once.
    when: (check) => check.issues.length === 0,
  });

export const verificationInput = z
  .union([
    z.literal('none'),
    z.discriminatedUnion('type', [
      z.strictObject({ type: z.literal('none') }),
      z.strictObject({
        type: z.literal('standard_webhooks'),
        secret: standardSecret.optional().meta({ description: 'Left out: one is made and answered once.' }),
      }),
      z.strictObject({
        type: z.literal('hmac_sha256'),
        secret: z.string().min(16).max(256).optional().meta({ description: 'Left out: one is made and answered once.' }),
        header: z
          .string()
          .max(100)
          .regex(HEADER_NAME, 'expected an HTTP header name')
          .default(DEFAULT_SIGNATURE_HEADER)
          .meta({ description: 'The header holding the hex HMAC-SHA256 of the body, `sha256=` prefix optional.' }),
      }),
    ]),
  ])
  .meta({
    description:
      'How calls prove their sender: `none`, Standard Webhooks signatures (`webhook-id`, `webhook-timestamp`, `webhook-signature`), or an HMAC-SHA256 of the body in a header.',
  });

/** A hook's settings whole: POST creates with them (what is left out takes its default). */
export const incomingWebhookInput = z.strictObject({
  name: nameField,
  action: actionField,
  field_mapping: fieldMappingField,
  upsert_field: upsertFieldField.default(null),
  folder_id: folderIdField.default(null),
  verification: verificationInput.default('none'),
  rate_limit_per_minute: rateLimitField.default(DEFAULT_INCOMING_RATE_LIMIT_PER_MINUTE),
  enabled: enabledField.default(true),
});

/** PUT replaces the settings, those left out taking their defaults, except `enabled`, which stays as it is unless given. */
export const replaceIncomingWebhookInput = incomingWebhookInput.extend({ enabled: enabledField.optional() });

/** The settings that shape the command a call makes, each optional: a PATCH may change them, a dry run may try them unsaved. */
const commandSettingsChanges = {
  action: actionField.optional(),
  field_mapping: fieldMappingField.optional(),
  upsert_field: upsertFieldField.optional(),
  folder_id: folderIdField.optional(),
};

export const patchIncomingWebhookInput = z
  .strictObject({
    name: nameField.optional(),
    ...commandSettingsChanges,
    verification: verificationInput.optional(),
    rate_limit_per_minute: rateLimitField.optional(),
    enabled: enabledField.optional(),
  })
  .refine((input) => Object.keys(input).length > 0, { message: 'at least one field is required' })
  .meta({ minProperties: 1 });

export type IncomingWebhookInput = z.infer<typeof incomingWebhookInput>;
export type PatchIncomingWebhookInput = z.infer<typeof patchIncomingWebhookInput>;
export type VerificationInput = z.infer<typeof verificationInput>;

/**
 * The body of `POST /incoming-webhooks/{id}/test`: the payload a sender would post, and settings to try instead of
 * the stored ones (a mapping being edited), validated as a PATCH validates them and saved nowhere.
 */
export const dryRunInput = z
  .strictObject({
    payload: z
      .record(z.string(), z.unknown())
      .refine((payload) => !nestsDeeperThan(payload), TOO_DEEP_MESSAGE)
      .meta({ description: 'The JSON object a sender would post: mapped as a call would be, and run nowhere.' }),
    ...commandSettingsChanges,
  })
  .meta({
    description:
      'Beside `payload`, any of `action`, `field_mapping`, `upsert_field` and `folder_id` is tried instead of the hook’s stored setting (the others stay as stored), checked as a PATCH checks it (400 naming the field) and not saved: a mapping editor can try an unsaved mapping.',
  });

export type DryRunInput = z.infer<typeof dryRunInput>;
