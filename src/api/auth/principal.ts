import type { Actor } from '../../domain/access/accessPolicy';

/** Who is calling: a user through a login session (every scope), or through an API token (its scopes). */
export interface Principal extends Actor {
  kind: 'session' | 'token';
  sessionId?: string;
  tokenId?: string;
  /** A token's own limit, requests per hour. */
  tokenRateLimitPerHour?: number;
  /** Position this principal's credentials were issued at: reads wait for it (read-your-writes). */
  minPosition?: string;
}
