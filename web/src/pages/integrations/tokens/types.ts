/** The API's token answers (components.schemas.ApiToken, IssuedApiToken, Accepted, UsageRequest), the fields the console reads. */

export const SCOPES = ['files.read', 'files.write', 'shares.manage', 'webhooks.manage', 'audit.read'] as const;
export type Scope = (typeof SCOPES)[number];

export type TokenStatus = 'active' | 'expired' | 'revoked';

export interface StatusClassCounts {
  '2xx': number;
  '3xx': number;
  '4xx': number;
  '5xx': number;
}

export const STATUS_CLASSES: readonly (keyof StatusClassCounts)[] = ['2xx', '3xx', '4xx', '5xx'];

/** One bar per status class, for BarChart. */
export const statusClassBars = (counts: StatusClassCounts) =>
  STATUS_CLASSES.map((statusClass) => ({ label: statusClass, value: counts[statusClass] }));

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  ip_allowlist: string[];
  /** Requests per hour. */
  rate_limit: number;
  status: TokenStatus;
  expires_at: string | null;
  created_at: string;
  updated_at: string;
  regenerated_at: string | null;
  revoked_at: string | null;
  request_count: number;
  last_used_at: string | null;
  last_used_ip: string | null;
  requests_by_status: StatusClassCounts;
}

/**
 * The answer to creating or regenerating a token, the only one that shows its secret: the token with it, or
 * (a 202, when the read models are behind) its id with it.
 */
export type IssuedApiTokenAnswer =
  { secret: string; token: ApiToken } | { status: 'accepted'; id: string; secret: string; message: string };

/** A secret to show once, and which token it belongs to. */
export interface NewSecret {
  secret: string;
  tokenId: string;
  tokenName: string;
}

/** What the token form sends, to create a token or to change one: `expires_at` left out keeps the expiry (null: never). */
export interface TokenSettings {
  name: string;
  scopes: Scope[];
  expires_at?: string | null;
  ip_allowlist: string[];
  rate_limit: number;
}

/** One request made with a token (its request log). */
export interface UsageRequest {
  request_id: string;
  at: string;
  method: string;
  route: string;
  path: string;
  status: number;
  duration_ms: number;
  ip: string | null;
  user_agent: string | null;
  token_id: string | null;
}
