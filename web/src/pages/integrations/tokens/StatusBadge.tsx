import type { TokenStatus } from './types';

const TOKEN_BADGES: Record<TokenStatus, string> = { active: 'badge-success', expired: 'badge-warning', revoked: 'badge-danger' };

/** Whether a token works: active, expired or revoked. */
export function TokenStatusBadge({ status }: { status: TokenStatus }) {
  return <span class={`badge ${TOKEN_BADGES[status]}`}>{status}</span>;
}

/** An HTTP status code, colored by its class (a 4xx or 5xx is an error). */
export function HttpStatusBadge({ status }: { status: number }) {
  const tone = status >= 500 ? 'badge-danger' : status >= 400 ? 'badge-warning' : 'badge-success';
  return <span class={`badge ${tone}`}>{status}</span>;
}
