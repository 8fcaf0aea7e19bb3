/** The incoming-webhook answers of the API (OpenAPI IncomingWebhook*), as far as the console uses them. */

export const INCOMING_ACTIONS = ['create_folder', 'create_file', 'update_file', 'upsert_file'] as const;
export type IncomingAction = (typeof INCOMING_ACTIONS)[number];

export const ACTION_LABELS: Record<IncomingAction, string> = {
  create_folder: 'Create a folder',
  create_file: 'Create a file',
  update_file: 'Update a file',
  upsert_file: 'Update or create a file',
};

export type UpsertField = 'id' | 'name';

export const VERIFICATION_TYPES = ['none', 'standard_webhooks', 'hmac_sha256'] as const;
export type VerificationType = (typeof VERIFICATION_TYPES)[number];

export const VERIFICATION_LABELS: Record<VerificationType, string> = {
  none: 'None (the URL alone)',
  standard_webhooks: 'Standard Webhooks signature',
  hmac_sha256: 'HMAC-SHA256 of the body in a header',
};

export interface Verification {
  type: VerificationType;
  /** With `hmac_sha256`: the header the signature comes in. */
  header?: string;
}

export interface IncomingWebhookSummary {
  id: string;
  name: string;
  action: IncomingAction;
  field_mapping: Record<string, unknown>;
  upsert_field: UpsertField | null;
  folder_id: string | null;
  verification: Verification;
  rate_limit_per_minute: number;
  enabled: boolean;
  token_prefix: string;
  created_at: string;
  updated_at: string;
  stats: CallStats;
}

export interface CallIssue {
  path: string;
  message: string;
}

export const CALL_OUTCOMES = [
  'succeeded',
  'mapping_failed',
  'command_failed',
  'invalid_signature',
  'invalid_payload',
  'too_large',
  'running',
] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export interface CallLogRow {
  id: string;
  received_at: string;
  ip: string | null;
  size_bytes: number;
  message_id: string | null;
  outcome: CallOutcome;
  status: number | null;
  result_id: string | null;
  errors: CallIssue[];
  payload_excerpt: string;
  finished_at: string | null;
}

export interface CallStats {
  total: number;
  succeeded: number;
  failed: number;
  success_rate: number | null;
  last_call_at: string | null;
}

export interface IncomingWebhook extends IncomingWebhookSummary {
  recent_calls: CallLogRow[];
}

/** What creation and token regeneration answer: the receive URL (and a verification secret), this once. */
export interface IssuedIncomingWebhook extends IncomingWebhook {
  token: string;
  url: string;
  secret?: string;
}

/** What a settings change answers: `secret` when it set a verification secret. */
export interface ChangedIncomingWebhook extends IncomingWebhook {
  secret?: string;
}

export type DryRunAnswer =
  | { valid: true; command: Record<string, unknown>; plan: { branch: 'create' | 'update'; target_id: string | null } }
  | { valid: false; errors: CallIssue[] };

export const INCOMING_PATH = '/incoming-webhooks';
export const hookPath = (hookId: string) => `${INCOMING_PATH}/${hookId}`;
