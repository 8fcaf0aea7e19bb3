import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { OAuthAccessTokens, GrantHolder } from '../../commands/oauth/oauthPorts';
import type { Scope } from '../../domain/access/scopes';
import type { VerifiedJwt } from './signedJwts';
import { SignedJwts } from './signedJwts';

const claimsSchema = z.object({
  sub: z.uuid(),
  gid: z.uuid(),
  fid: z.uuid(),
  cid: z.uuid(),
  /** Space separated, as OAuth writes scopes. */
  scope: z.string().max(1000),
  pos: z.string().optional(),
  /** Tells apart two tokens issued within one second for the same family (a refresh right after the exchange). */
  jti: z.uuid(),
  typ: z.literal('oauth'),
});
export type OAuthAccessClaims = z.infer<typeof claimsSchema>;

/** The audience of OAuth access tokens: a session's access token (`filora-api`) never passes for one, nor the reverse. */
export const OAUTH_AUDIENCE = 'filora-oauth';

/** Short-lived HS256 access tokens a third-party app calls with, naming the grant and token family they belong to. */
export class JwtOAuthAccessTokens implements OAuthAccessTokens {
  private readonly jwts: SignedJwts<OAuthAccessClaims>;

  constructor(
    secret: string,
    readonly ttlSeconds: number,
  ) {
    this.jwts = new SignedJwts(secret, OAUTH_AUDIENCE, claimsSchema, ttlSeconds);
  }

  issue(input: { holder: GrantHolder; clientId: string; scopes: readonly Scope[]; position?: string }): Promise<string> {
    const { holder, clientId, scopes, position } = input;
    const claims = { gid: holder.grantId, fid: holder.familyId, cid: clientId, scope: scopes.join(' '), jti: randomUUID(), typ: 'oauth' };
    return this.jwts.sign(holder.id, position ? { ...claims, pos: position } : claims);
  }

  /** The grant, token family and app a valid, unexpired OAuth access token names; null for anything else. */
  async familyOf(token: string): Promise<{ grantId: string; familyId: string; clientId: string } | null> {
    const claims = (await this.verify(token))?.claims;
    return claims ? { grantId: claims.gid, familyId: claims.fid, clientId: claims.cid } : null;
  }

  /** The token's claims and expiry, or null for anything that is not a valid, unexpired OAuth access token. */
  verify(token: string, nowMs = Date.now()): Promise<VerifiedJwt<OAuthAccessClaims> | null> {
    return this.jwts.verify(token, nowMs);
  }
}
