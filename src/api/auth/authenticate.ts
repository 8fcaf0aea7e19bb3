import type { RequestHandler } from 'express';
import type { AccessTokens } from './accessTokens';
import type { LiveSessions } from './liveSessions';
import { SCOPES } from '../../domain/access/scopes';
import type { Principal } from './principal';

/** The credential a request presents: Authorization Bearer, X-API-Key, or ?api_key=. */
export function presentedCredential(
  authorization: string | undefined,
  apiKeyHeader: string | undefined,
  apiKeyQuery: unknown,
): string | null {
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match ? match[1]! : '';
  }
  if (apiKeyHeader) return apiKeyHeader.trim();
  if (typeof apiKeyQuery === 'string') return apiKeyQuery;
  return null;
}

/**
 * Identifies the caller without deciding anything: routes that need a principal refuse a request
 * without one. `res.locals.credentialPresented` tells "no credentials" (anonymous) from "bad credentials".
 * A token whose session has ended (logout, password change, reuse) identifies no one.
 */
export function authenticate(accessTokens: AccessTokens, sessions: LiveSessions): RequestHandler {
  return async (req, res, next) => {
    const credential = presentedCredential(req.get('authorization'), req.get('x-api-key'), req.query.api_key);
    res.locals.credentialPresented = credential !== null;
    res.locals.principal = null;
    if (credential) {
      const claims = await accessTokens.verify(credential);
      if (claims && (await sessions.isLive(claims.sid, claims.pos))) {
        const principal: Principal = {
          userId: claims.sub,
          kind: 'session',
          sessionId: claims.sid,
          scopes: new Set(SCOPES),
          minPosition: claims.pos,
        };
        res.locals.principal = principal;
      }
    }
    next();
  };
}
