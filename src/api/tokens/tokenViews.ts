import { z } from 'zod';
import { SCOPES } from '../../domain/access/scopes';
import type { TokenUsage } from '../../projections/usage/tokenUsageQuery';
import type { TokenView } from '../../projections/tokens/tokensProjection';

const count = z.int().min(0);
const statusClassCounts = z.object({ '2xx': count, '3xx': count, '4xx': count, '5xx': count });

export const tokenResponse = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().meta({ description: 'The first characters of the secret, to tell tokens apart; not the secret.' }),
    scopes: z.array(z.enum(SCOPES)),
    ip_allowlist: z.array(z.string()),
    rate_limit: z.int().min(1).meta({ description: 'Requests per hour.' }),
    status: z.enum(['active', 'expired', 'revoked']),
    expires_at: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
    regenerated_at: z.string().nullable(),
    revoked_at: z.string().nullable(),
    request_count: count,
    last_used_at: z.string().nullable(),
    last_used_ip: z.string().nullable(),
    requests_by_status: statusClassCounts,
  })
  .meta({ id: 'ApiToken' });

export const issuedTokenResponse = z
  .object({
    secret: z.string().meta({ description: 'The token itself: shown in this answer only, never again.' }),
    token: tokenResponse,
    api_key: tokenResponse.meta({ description: 'The same token, under the name VRTX clients read.' }),
  })
  .meta({ id: 'IssuedApiToken' });

type TokenResponse = z.infer<typeof tokenResponse>;

function statusOf(view: TokenView, now: Date): TokenResponse['status'] {
  if (view.revoked_at !== null) return 'revoked';
  return view.expires_at !== null && new Date(view.expires_at) <= now ? 'expired' : 'active';
}

export const presentToken = (view: TokenView, usage: TokenUsage, now: Date): TokenResponse => ({
  id: view._id,
  name: view.name,
  prefix: view.prefix,
  scopes: SCOPES.filter((scope) => view.scopes.includes(scope)),
  ip_allowlist: view.ip_allowlist,
  rate_limit: view.rate_limit_per_hour,
  status: statusOf(view, now),
  expires_at: view.expires_at,
  created_at: view.created_at,
  updated_at: view.updated_at,
  regenerated_at: view.regenerated_at,
  revoked_at: view.revoked_at,
  request_count: usage.request_count,
  last_used_at: usage.last_used_at,
  last_used_ip: usage.last_used_ip,
  requests_by_status: usage.by_status_class,
});
