import { z } from 'zod';
import type { VerifiedJwt } from './signedJwts';
import { SignedJwts } from './signedJwts';

const claimsSchema = z.object({ sub: z.uuid(), sid: z.uuid(), pos: z.string().optional(), typ: z.literal('access') });
export type AccessClaims = z.infer<typeof claimsSchema>;

export type Verified = VerifiedJwt<AccessClaims>;

/** Short-lived HS256 access tokens for user sessions. */
export class AccessTokens {
  private readonly jwts: SignedJwts<AccessClaims>;

  constructor(
    secret: string,
    readonly ttlSeconds: number,
  ) {
    this.jwts = new SignedJwts(secret, 'filora-api', claimsSchema, ttlSeconds);
  }

  issue(userId: string, sessionId: string, position: string | null): Promise<string> {
    return this.jwts.sign(userId, { sid: sessionId, typ: 'access', ...(position ? { pos: position } : {}) });
  }

  /** The token's claims, or null for any token that is malformed, forged, expired or not a session's access token. */
  async verify(token: string, nowMs = Date.now()): Promise<AccessClaims | null> {
    return (await this.verifyWithExpiry(token, nowMs))?.claims ?? null;
  }

  /** As `verify`, with the moment the token expires (a realtime connection is closed then). */
  verifyWithExpiry(token: string, nowMs = Date.now()): Promise<Verified | null> {
    return this.jwts.verify(token, nowMs);
  }
}
