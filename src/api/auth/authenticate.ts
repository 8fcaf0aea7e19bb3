import type { Request, RequestHandler } from 'express';
import { decodeJwt } from 'jose';
import type { AccessTokens } from './accessTokens';
import type { LiveSessions } from './liveSessions';
import type { LiveToken, LiveTokens } from './liveTokens';
import type { LiveGrants } from './liveGrants';
import type { JwtOAuthAccessTokens } from './oauthAccessTokens';
import { OAUTH_AUDIENCE } from './oauthAccessTokens';
import { isWellFormedApiToken } from '../../security/apiTokenSecrets';
import { ApiError } from '../http/apiError';
import { ALL_SCOPES } from '../../domain/access/scopes';
import type { Principal } from './principal';

/**
 * The credential a request presents: Authorization Bearer, X-API-Key, ?api_key=, or ?access_token= (for
 * browsers' EventSource, which cannot set headers). The query forms never reach a log or a usage record.
 */
export function presentedCredential(
  authorization: string | undefined,
  apiKeyHeader: string | undefined,
  apiKeyQuery: unknown,
  accessTokenQuery: unknown = undefined,
): string | null {
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match ? match[1]! : '';
  }
  if (apiKeyHeader) return apiKeyHeader.trim();
  for (const query of [apiKeyQuery, accessTokenQuery]) {
    if (typeof query === 'string') return query;
    // `?api_key=a&api_key=b`: credentials were sent, just not one that can be valid.
    if (query !== undefined) return '';
  }
  return null;
}

/** The credential a request presents, from wherever it carries it. */
export const requestCredential = (req: Request): string | null =>
  presentedCredential(req.get('authorization'), req.get('x-api-key'), req.query.api_key, req.query.access_token);

function tokenPrincipal({ view, scopes }: LiveToken): Principal {
  return {
    userId: view.owner_id,
    kind: 'token',
    tokenId: view._id,
    scopes,
    tokenRateLimitPerHour: view.rate_limit_per_hour,
  };
}

/** What tells who a credential stands for: session access tokens, API tokens, and OAuth access tokens. */
export interface Authenticators {
  accessTokens: Pick<AccessTokens, 'verify' | 'verifyWithExpiry'>;
  sessions: Pick<LiveSessions, 'isLive'>;
  tokens: Pick<LiveTokens, 'find' | 'findByHash'>;
  oauthTokens: Pick<JwtOAuthAccessTokens, 'verify'>;
  grants: Pick<LiveGrants, 'find'>;
}

async function sessionPrincipal(credential: string, { accessTokens, sessions }: Authenticators): Promise<Principal | null> {
  const claims = await accessTokens.verify(credential);
  if (!claims || !(await sessions.isLive(claims.sid, claims.pos))) return null;
  return { userId: claims.sub, kind: 'session', sessionId: claims.sid, scopes: ALL_SCOPES, minPosition: claims.pos };
}

async function oauthPrincipal(credential: string, { oauthTokens, grants }: Authenticators): Promise<Principal | null> {
  const verified = await oauthTokens.verify(credential);
  if (!verified) return null;
  const { sub: userId, gid: grantId, fid: familyId, cid: clientId, scope, pos } = verified.claims;
  const live = await grants.find({ userId, grantId, familyId, clientId, scopes: scope.split(' ') });
  if (!live) return null;
  return { userId, kind: 'oauth', scopes: live.scopes, oauth: { grantId, familyId, clientId }, ...(pos ? { minPosition: pos } : {}) };
}

/** Which of the platform's JWTs a credential claims to be, read before verifying it so that only one verification runs. */
function claimsOAuthAudience(credential: string): boolean {
  try {
    const { aud } = decodeJwt(credential);
    return aud === OAUTH_AUDIENCE || (Array.isArray(aud) && aud.includes(OAUTH_AUDIENCE));
  } catch {
    return false;
  }
}

/**
 * Identifies the caller without deciding anything: routes that need a principal refuse a request
 * without one. `res.locals.credentialPresented` tells "no credentials" (anonymous) from "bad credentials".
 * An API token (`fl_…`) identifies its owner with the token's scopes, from the addresses its allowlist
 * names only (403 from elsewhere); a session's access token identifies no one once the session has ended
 * (logout, password change, reuse); an OAuth access token identifies the user who granted the app, with
 * the scopes granted, while its grant, its token family and the app live.
 */
export function authenticate(authenticators: Authenticators): RequestHandler {
  return async (req, res, next) => {
    const credential = requestCredential(req);
    res.locals.credentialPresented = credential !== null;
    res.locals.principal = null;
    if (!credential) return next();
    try {
      res.locals.principal = await identify(credential, req.ip, authenticators);
      next();
    } catch (error) {
      next(error);
    }
  };
}

/**
 * The principal a credential stands for, or null when it stands for no one now; a token used from an
 * address its allowlist does not name is forbidden (an ApiError).
 */
export async function identify(credential: string, ip: string | undefined, authenticators: Authenticators): Promise<Principal | null> {
  if (!isWellFormedApiToken(credential))
    return claimsOAuthAudience(credential) ? oauthPrincipal(credential, authenticators) : sessionPrincipal(credential, authenticators);
  const token = await authenticators.tokens.find(credential);
  if (token && !token.allowlist.allows(ip)) throw new ApiError('forbidden', 'this API token may not be used from your address');
  return token && tokenPrincipal(token);
}
