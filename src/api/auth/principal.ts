import type { Actor } from '../../domain/access/accessPolicy';

/**
 * Who is calling: a user through a login session (every scope), through an API token (its scopes), or
 * through a third-party app's OAuth access token (the scopes the user granted it; treated as a token is).
 */
export interface Principal extends Actor {
  kind: 'session' | 'token' | 'oauth';
  sessionId?: string;
  tokenId?: string;
  /** An OAuth access token's grant, token family and app (client id). */
  oauth?: { grantId: string; familyId: string; clientId: string };
  /** A token's own limit, requests per hour. */
  tokenRateLimitPerHour?: number;
  /** Position this principal's credentials were issued at: reads wait for it (read-your-writes). */
  minPosition?: string;
}
