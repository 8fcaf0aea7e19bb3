import { z } from 'zod';
import { INCOMING_ACTIONS, UPSERT_FIELDS } from '../../domain/incoming/incomingCommand';
import type { VerificationSettings } from '../../domain/incoming/incomingWebhookEvents';
import { VERIFICATION_KINDS } from '../../domain/incoming/incomingWebhookEvents';
import type { IncomingCallRow, IncomingWebhookRow } from '../../incoming/incomingPorts';
import type { CallStats } from '../../projections/incoming/incomingCallQueries';
import { callLogRowResponse, callStatsResponse, presentCallRow, presentCallStats } from './callLogViews';

/** How many of the newest calls a hook's view shows; GET /incoming-webhooks/{id}/logs pages through all. */
export const RECENT_CALLS_SHOWN = 10;

const verificationResponse = z
  .object({
    type: z.enum(VERIFICATION_KINDS),
    header: z.string().optional().meta({ description: 'With `hmac_sha256`: the header the signature comes in.' }),
  })
  .meta({ id: 'IncomingWebhookVerification' });

/** A hook as lists show it, with its call counts. */
export const incomingWebhookSummary = z
  .object({
    id: z.uuid(),
    name: z.string(),
    action: z.enum(INCOMING_ACTIONS),
    field_mapping: z.record(z.string(), z.unknown()),
    upsert_field: z.enum(UPSERT_FIELDS).nullable(),
    folder_id: z.uuid().nullable(),
    verification: verificationResponse,
    rate_limit_per_minute: z.int().min(1),
    enabled: z.boolean(),
    token_prefix: z.string().meta({ description: 'The first characters of the receive URL’s token, to tell hooks apart.' }),
    created_at: z.string(),
    updated_at: z.string(),
    stats: callStatsResponse,
  })
  .meta({ id: 'IncomingWebhookSummary' });

/** A hook with its call counts and newest calls: what GET /incoming-webhooks/{id} and the writes answer. */
export const incomingWebhookResponse = incomingWebhookSummary
  .extend({
    recent_calls: z.array(callLogRowResponse).meta({ description: `The ${RECENT_CALLS_SHOWN} newest calls, newest first.` }),
  })
  .meta({ id: 'IncomingWebhook' });

const secretField = z
  .string()
  .optional()
  .meta({ description: 'The verification secret, when the hook’s verification has one that this write set: shown in this answer only.' });

/** A hook whose change set a verification secret: the one answer that shows it. */
export const changedIncomingWebhookResponse = incomingWebhookResponse
  .extend({ secret: secretField })
  .meta({ id: 'ChangedIncomingWebhook' });

/** The creation and the token regeneration: the only answers that show the token and its URL. */
export const issuedIncomingWebhookResponse = incomingWebhookResponse
  .extend({
    token: z.string().meta({ description: 'The receive URL’s token (`fwh_…`): shown in this answer only, never again.' }),
    url: z.string().meta({ description: 'Where senders POST: `<origin>/api/v1/webhooks/incoming/<token>`.' }),
    secret: secretField,
  })
  .meta({ id: 'IncomingWebhookWithToken' });

type Summary = z.infer<typeof incomingWebhookSummary>;
type IncomingWebhookResponse = z.infer<typeof incomingWebhookResponse>;

const presentVerification = (verification: VerificationSettings): Summary['verification'] =>
  verification.kind === 'hmac_sha256' ? { type: verification.kind, header: verification.header } : { type: verification.kind };

export const presentIncomingWebhookSummary = (hook: IncomingWebhookRow, stats: CallStats): Summary => ({
  id: hook._id,
  name: hook.name,
  action: hook.action,
  field_mapping: hook.fieldMapping,
  upsert_field: hook.upsertField,
  folder_id: hook.folderId,
  verification: presentVerification(hook.verification),
  rate_limit_per_minute: hook.rateLimitPerMinute,
  enabled: hook.enabled,
  token_prefix: hook.tokenPrefix,
  created_at: hook.createdAt,
  updated_at: hook.updatedAt,
  stats: presentCallStats(stats),
});

export const presentIncomingWebhook = (
  hook: IncomingWebhookRow,
  stats: CallStats,
  recentCalls: readonly IncomingCallRow[],
): IncomingWebhookResponse => ({
  ...presentIncomingWebhookSummary(hook, stats),
  recent_calls: recentCalls.map(presentCallRow),
});
