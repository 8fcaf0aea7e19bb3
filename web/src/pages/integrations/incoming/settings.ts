import type { MappingRow } from './mapping';
import { newRow, startingFields } from './mapping';
import type { IncomingAction, IncomingWebhookSummary, UpsertField, VerificationType } from './types';

/** A hook's settings as its form holds them (text inputs as text). */
export interface SettingsDraft {
  name: string;
  action: IncomingAction;
  upsertField: UpsertField | null;
  /** Empty: the root. */
  folderId: string;
  verificationType: VerificationType;
  /** Empty: keep the current one, or have one made. */
  secret: string;
  header: string;
  rateLimit: string;
}

export const DEFAULT_SIGNATURE_HEADER = 'X-Signature';

export const emptyDraft = (): SettingsDraft => ({
  name: '',
  action: 'create_file',
  upsertField: null,
  folderId: '',
  verificationType: 'none',
  secret: '',
  header: DEFAULT_SIGNATURE_HEADER,
  rateLimit: '60',
});

export const draftOf = (hook: IncomingWebhookSummary): SettingsDraft => ({
  name: hook.name,
  action: hook.action,
  upsertField: hook.upsert_field,
  folderId: hook.folder_id ?? '',
  verificationType: hook.verification.type,
  secret: '',
  header: hook.verification.header ?? DEFAULT_SIGNATURE_HEADER,
  rateLimit: String(hook.rate_limit_per_minute),
});

/** The upsert field an action needs: none for creations, `name` unless the owner chose `id` for an update. */
export function upsertFieldFor(action: IncomingAction, current: UpsertField | null): UpsertField | null {
  if (action === 'create_file' || action === 'create_folder') return null;
  if (action === 'upsert_file') return 'name';
  return current ?? 'name';
}

function verificationOf(draft: SettingsDraft): unknown {
  const secret = draft.secret.trim() === '' ? {} : { secret: draft.secret.trim() };
  if (draft.verificationType === 'none') return 'none';
  if (draft.verificationType === 'standard_webhooks') return { type: 'standard_webhooks', ...secret };
  return { type: 'hmac_sha256', header: draft.header.trim(), ...secret };
}

/** The settings as the API takes them (the rate limit sent as typed: the API names a wrong one). */
export function settingsBody(draft: SettingsDraft): Record<string, unknown> {
  const rate = Number(draft.rateLimit);
  return {
    name: draft.name,
    action: draft.action,
    upsert_field: draft.upsertField,
    folder_id: draft.folderId === '' ? null : draft.folderId,
    verification: verificationOf(draft),
    rate_limit_per_minute: draft.rateLimit.trim() === '' || Number.isNaN(rate) ? draft.rateLimit : rate,
  };
}

/** The rows a new hook's mapping starts with. */
export const startingRows = (action: IncomingAction): MappingRow[] => startingFields(action).map((field) => newRow(field));
