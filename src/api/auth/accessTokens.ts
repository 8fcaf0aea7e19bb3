import { createSecretKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { RecentlyUsed } from '../../shared/recentlyUsed';

const ISSUER = 'filora';
const AUDIENCE = 'filora-api';

const claimsSchema = z.object({ sub: z.uuid(), sid: z.uuid(), pos: z.string().optional(), typ: z.literal('access') });
export type AccessClaims = z.infer<typeof claimsSchema>;

export interface Verified {
  claims: AccessClaims;
  expiresAtMs: number;
}

/** Tokens verified recently: a client sends the same token on every request until it expires. */
const VERIFIED_CAPACITY = 10_000;

/** Short-lived HS256 access tokens for user sessions. */
export class AccessTokens {
  /** A KeyObject made once: given raw bytes, jose would import the HMAC key again on every request. */
  private readonly key: KeyObject;
  private readonly verified = new RecentlyUsed<string, Verified>(VERIFIED_CAPACITY);

  constructor(
    secret: string,
    readonly ttlSeconds: number,
  ) {
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  issue(userId: string, sessionId: string, position: string | null): Promise<string> {
    return new SignJWT({ sid: sessionId, typ: 'access', ...(position ? { pos: position } : {}) })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }

  /**
   * The token's claims, or null for any token that is malformed, forged, expired or not an access token.
   * A token verified before is answered from memory (keyed by the whole token, so only the very same
   * signed bytes match) until it expires.
   */
  async verify(token: string, nowMs = Date.now()): Promise<AccessClaims | null> {
    return (await this.verifyWithExpiry(token, nowMs))?.claims ?? null;
  }

  /** As `verify`, with the moment the token expires (a realtime connection is closed then). */
  async verifyWithExpiry(token: string, nowMs = Date.now()): Promise<Verified | null> {
    const known = this.verified.get(token);
    if (known) return nowMs < known.expiresAtMs ? known : null;
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      const parsed = claimsSchema.safeParse(payload);
      if (!parsed.success || payload.exp === undefined) return null;
      const verified = { claims: parsed.data, expiresAtMs: payload.exp * 1000 };
      this.verified.set(token, verified);
      return verified;
    } catch {
      return null;
    }
  }
}
