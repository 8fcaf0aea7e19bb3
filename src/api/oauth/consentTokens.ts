import { createHash } from 'node:crypto';
import { z } from 'zod';
import { SCOPES } from '../../domain/access/scopes';
import type { Scope } from '../../domain/access/scopes';
import { SignedJwts } from '../auth/signedJwts';

/** How long a consent page may stay open before it is submitted. */
export const REQUEST_TOKEN_TTL_SECONDS = 600;
/** How long a user who gave their password has to give their second factor on the consent page. */
export const SIGN_IN_TOKEN_TTL_SECONDS = 300;

const requestClaims = z.object({
  typ: z.literal('oauth_request'),
  sub: z.uuid(),
  ruri: z.string(),
  scope: z.array(z.enum(SCOPES)).min(1),
  state: z.string(),
  cc: z.string().nullable(),
  ccm: z.literal('S256').nullable(),
});
const signInClaims = z.object({ typ: z.literal('oauth_sign_in'), sub: z.uuid(), req: z.string() });

/** An authorization request as the consent page showed it. */
export interface SignedRequest {
  clientId: string;
  redirectUri: string;
  scopes: Scope[];
  state: string;
  codeChallenge: string | null;
  codeChallengeMethod: 'S256' | null;
}

const digestOf = (token: string): string => createHash('sha256').update(token).digest('base64url');

/**
 * The short JWTs the consent page carries, each of its own audience (neither passes as an access token nor
 * as the other): the request token binds what the page showed (app, redirect URI, scopes, state, PKCE
 * challenge), so the form's POST cannot change it; the sign-in token says a user gave their password for
 * that very request and has only their second factor left to give.
 */
export class ConsentTokens {
  private readonly requests: SignedJwts<z.infer<typeof requestClaims>>;
  private readonly signIns: SignedJwts<z.infer<typeof signInClaims>>;

  /** `serverSecret`: the access tokens' secret. */
  constructor(
    serverSecret: string,
    private readonly now: () => number = Date.now,
  ) {
    this.requests = new SignedJwts(serverSecret, 'filora-oauth-request', requestClaims, REQUEST_TOKEN_TTL_SECONDS);
    this.signIns = new SignedJwts(serverSecret, 'filora-oauth-sign-in', signInClaims, SIGN_IN_TOKEN_TTL_SECONDS);
  }

  signRequest(request: SignedRequest): Promise<string> {
    return this.requests.sign(request.clientId, {
      typ: 'oauth_request',
      ruri: request.redirectUri,
      scope: request.scopes,
      state: request.state,
      cc: request.codeChallenge,
      ccm: request.codeChallengeMethod,
    });
  }

  /** The request, or null for a token that is malformed, forged or expired. */
  async openRequest(token: string): Promise<SignedRequest | null> {
    const verified = await this.requests.verify(token, this.now());
    if (!verified) return null;
    const { sub, ruri, scope, state, cc, ccm } = verified.claims;
    return { clientId: sub, redirectUri: ruri, scopes: scope, state, codeChallenge: cc, codeChallengeMethod: ccm };
  }

  signSignIn(userId: string, requestToken: string): Promise<string> {
    return this.signIns.sign(userId, { typ: 'oauth_sign_in', req: digestOf(requestToken) });
  }

  /** The user who gave their password for this request, or null (another request's token, forged, expired). */
  async openSignIn(token: string, requestToken: string): Promise<string | null> {
    const verified = await this.signIns.verify(token, this.now());
    return verified && verified.claims.req === digestOf(requestToken) ? verified.claims.sub : null;
  }
}
