import type { z } from 'zod';
import { hasExpired } from '../../domain/link/linkDecider';
import type { PublicLinkRow } from '../../projections/links/publicLinkRows';
import type { LinkTokens } from '../../security/linkTokens';
import { API_BASE } from '../http/route';
import type { linkResponse } from './linkSchemas';

type LinkResponse = z.infer<typeof linkResponse>;

/** Why a link does not work now, or `active`; the first reason that applies, most lasting first. */
export function linkStatus(row: PublicLinkRow, now: Date): LinkResponse['status'] {
  if (row.revoked) return 'revoked';
  if (row.resource_deleted) return 'resource_deleted';
  if (hasExpired(row.expires_at, now)) return 'expired';
  if (row.exhausted) return 'exhausted';
  return 'active';
}

/** The path a link's holder calls, below the server's origin. */
export const publicLinkPath = (token: string): string => `${API_BASE}/public/links/${token}`;

/** A link as its owner sees it, with its url and token recomputed (they are never stored). */
export function presentLink(row: PublicLinkRow, tokens: LinkTokens, origin: string, now: Date): LinkResponse {
  const token = tokens.tokenOf(row._id);
  return {
    id: row._id,
    url: `${origin}${publicLinkPath(token)}`,
    token,
    resource_kind: row.resource_kind,
    resource_id: row.resource_id,
    permission: row.permission,
    status: linkStatus(row, now),
    expires_at: row.expires_at,
    has_password: row.has_password,
    max_downloads: row.max_downloads,
    download_count: row.download_count,
    created_at: row.created_at,
    updated_at: row.updated_at,
    revoked_at: row.revoked_at,
  };
}
