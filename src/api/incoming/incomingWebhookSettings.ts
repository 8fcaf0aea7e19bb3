import type { IncomingWebhookChanges, IncomingWebhookDraft } from '../../commands/incoming/incomingWebhookCommands';
import type { IncomingWebhookSettings, VerificationSettings } from '../../domain/incoming/incomingWebhookEvents';
import { normalisedSettings, settingsProblems } from '../../domain/incoming/incomingWebhookRules';
import { ApiError } from '../http/apiError';
import type { IncomingWebhookInput, PatchIncomingWebhookInput, VerificationInput } from './incomingWebhookSchemas';
import { definedOnly } from '../../domain/shared/definedOnly';

interface ChosenVerification {
  verification: VerificationSettings;
  /** The secret the owner gave; null to have one made. */
  secret: string | null;
}

function verificationOf(input: VerificationInput): ChosenVerification {
  if (input === 'none' || input.type === 'none') return { verification: { kind: 'none' }, secret: null };
  if (input.type === 'standard_webhooks') return { verification: { kind: 'standard_webhooks' }, secret: input.secret ?? null };
  return { verification: { kind: 'hmac_sha256', header: input.header }, secret: input.secret ?? null };
}

/** POST's settings whole, defaults filled in. */
export function toDraft(input: IncomingWebhookInput): IncomingWebhookDraft {
  const { verification, secret } = verificationOf(input.verification);
  const { name, action, enabled } = input;
  const mapping = { fieldMapping: input.field_mapping, upsertField: input.upsert_field, folderId: input.folder_id };
  return { name, action, ...mapping, verification, secret, rateLimitPerMinute: input.rate_limit_per_minute, enabled };
}

/** PATCH's settings: only those sent; PUT's: all, `enabled` only when sent. */
export function toChanges(input: PatchIncomingWebhookInput): IncomingWebhookChanges {
  const chosen = input.verification === undefined ? undefined : verificationOf(input.verification);
  const changes: IncomingWebhookChanges = {
    name: input.name,
    action: input.action,
    fieldMapping: input.field_mapping,
    upsertField: input.upsert_field,
    folderId: input.folder_id,
    verification: chosen?.verification,
    secret: chosen?.secret,
    rateLimitPerMinute: input.rate_limit_per_minute,
    enabled: input.enabled,
  };
  return definedOnly(changes);
}

type MappingSettings = Pick<IncomingWebhookSettings, 'action' | 'fieldMapping' | 'upsertField'>;
type CommandSettings = MappingSettings & Pick<IncomingWebhookSettings, 'folderId'>;

/**
 * 400 naming every problem of the mapping as it will be stored (after a PATCH: merged with the current
 * settings), at the request's paths: `body.field_mapping.name.transform`, `body.upsert_field`.
 */
export function requireFittingMapping(current: MappingSettings | null, changes: Partial<MappingSettings>): void {
  const merged = normalisedSettings(current, changes);
  const problems = settingsProblems(merged);
  if (problems.length > 0)
    throw new ApiError(
      'validation_error',
      'the field mapping does not fit the action',
      problems.map((problem) => ({ path: `body.${problem.path}`, message: problem.message })),
    );
}

/**
 * The settings a dry run maps with: the stored ones, those the request tries in their place (none saved),
 * after the check a PATCH of them would meet (a 400 naming the field).
 */
export function triedSettings(stored: CommandSettings, tried: PatchIncomingWebhookInput): CommandSettings {
  const changes = toChanges(tried);
  requireFittingMapping(stored, changes);
  return normalisedSettings<CommandSettings>(stored, changes);
}
