import OAuth2Server from '@node-oauth/oauth2-server';
import type { EventMetadata } from '../../ports/eventStore';
import type { ClientLookup, OAuthProtocolPorts, PresentedParams } from './oauthModel';
import { oauthModel } from './oauthModel';

/** RFC 6749 §4.1.2 asks for short-lived codes; the grant aggregate keeps them as long (its own expiry is the one that counts). */
export const AUTHORIZATION_CODE_TTL_SECONDS = 60;

/**
 * The library's server for one request. A public app authenticates with no secret (it proves itself with
 * PKCE instead, required at the authorize endpoint); a confidential app's getClient without its secret
 * finds nothing, so it must send it. Every refresh rotates the refresh token.
 */
export function authorizationServer(
  ports: OAuthProtocolPorts,
  metadata: EventMetadata,
  lookup: ClientLookup,
  presented: PresentedParams = {},
): OAuth2Server {
  return new OAuth2Server({
    model: oauthModel(ports, metadata, lookup, presented),
    allowEmptyState: false,
    authorizationCodeLifetime: AUTHORIZATION_CODE_TTL_SECONDS,
    accessTokenLifetime: ports.accessTokens.ttlSeconds,
    requireClientAuthentication: { authorization_code: false, refresh_token: false },
    alwaysIssueNewRefreshToken: true,
  });
}
