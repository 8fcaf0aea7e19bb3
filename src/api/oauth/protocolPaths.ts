import { API_BASE } from '../http/route';

/**
 * The protocol endpoints live below the API base, so that the API's rate limits (per address for
 * anonymous callers, per user with a session) count their calls too; only the metadata is at the root,
 * where RFC 8414 puts it.
 */
export const OAUTH_PATHS = { authorize: '/oauth/authorize', token: '/oauth/token', revoke: '/oauth/revoke' } as const;

/** The path a client calls, below the API base. */
export const servedOAuthPath = (endpoint: keyof typeof OAUTH_PATHS): string => `${API_BASE}${OAUTH_PATHS[endpoint]}`;

export const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';
