import { createSecretKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { jwtVerify, SignJWT } from 'jose';
import type { z } from 'zod';
import { RecentlyUsed } from '../../shared/recentlyUsed';

const ISSUER = 'filora';

export interface VerifiedJwt<C> {
  claims: C;
  expiresAtMs: number;
}

/** Tokens verified recently: a client sends the same token on every request until it expires. */
const VERIFIED_CAPACITY = 10_000;

/**
 * Short-lived HS256 JWTs of one kind, told apart from other kinds signed with the same secret by their
 * audience and their claims schema (its `typ`): a token of one kind never verifies as another.
 */
export class SignedJwts<C> {
  /** A KeyObject made once: given raw bytes, jose would import the HMAC key again on every request. */
  private readonly key: KeyObject;
  private readonly verified = new RecentlyUsed<string, VerifiedJwt<C>>(VERIFIED_CAPACITY);

  constructor(
    secret: string,
    private readonly audience: string,
    private readonly claimsSchema: z.ZodType<C>,
    readonly ttlSeconds: number,
  ) {
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  sign(subject: string, payload: JWTPayload): Promise<string> {
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(subject)
      .setIssuer(ISSUER)
      .setAudience(this.audience)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }

  /**
   * The token's claims and expiry, or null for any token that is malformed, forged, expired or of another
   * kind. A token verified before is answered from memory (keyed by the whole token, so only the very
   * same signed bytes match) until it expires.
   */
  async verify(token: string, nowMs: number): Promise<VerifiedJwt<C> | null> {
    const known = this.verified.get(token);
    if (known) return nowMs < known.expiresAtMs ? known : null;
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: this.audience, algorithms: ['HS256'] });
      const parsed = this.claimsSchema.safeParse(payload);
      if (!parsed.success || payload.exp === undefined) return null;
      const verified = { claims: parsed.data, expiresAtMs: payload.exp * 1000 };
      this.verified.set(token, verified);
      return verified;
    } catch {
      return null;
    }
  }
}
