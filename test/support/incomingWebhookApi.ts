import { call } from './http';

export interface CreatedIncomingWebhook {
  id: string;
  /** The receive URL's token (`fwh_…`), shown at creation only. */
  token: string;
  /** The absolute receive URL. */
  url: string;
  /** The verification secret, when the hook has one. */
  secret?: string;
  [field: string]: unknown;
}

/** The management routes' path. */
export const INCOMING_WEBHOOKS_PATH = '/api/v1/incoming-webhooks';

/** The dry run's answer: the mapped command and its plan, or the errors. */
export interface DryRunBody {
  valid: boolean;
  command?: Record<string, unknown>;
  plan?: { branch: string; target_id: string | null };
  errors?: Array<{ path: string; message: string }>;
}

/** POST /incoming-webhooks/{id}/test with `payload`. */
export const dryRunIncomingWebhook = (url: string, token: string, hookId: string, payload: unknown) =>
  call<DryRunBody>(url, 'POST', `${INCOMING_WEBHOOKS_PATH}/${hookId}/test`, { token, body: { payload } });

/** A create_file hook that stores `payload.name` with `payload.content` at the root: a mapping every test can start from. */
export const SIMPLE_FILE_HOOK = { name: 'form contacts', action: 'create_file', field_mapping: { name: 'name', content: 'content' } };

/** Creates an incoming webhook through the API; fails the test unless it is 201. */
export async function createIncomingWebhook(
  url: string,
  token: string,
  settings: Record<string, unknown> = SIMPLE_FILE_HOOK,
): Promise<CreatedIncomingWebhook> {
  const response = await call<CreatedIncomingWebhook>(url, 'POST', INCOMING_WEBHOOKS_PATH, { token, body: settings });
  if (response.status !== 201) throw new Error(`incoming webhook creation failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}
