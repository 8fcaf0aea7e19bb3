import { createSecretKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';

const ISSUER = 'filora';
const AUDIENCE = 'filora-api';

const claimsSchema = z.object({ sub: z.uuid(), sid: z.uuid(), pos: z.string().optional(), typ: z.literal('access') });
export type AccessClaims = z.infer<typeof claimsSchema>;

/** Short-lived HS256 access tokens for user sessions. */
export class AccessTokens {
  /** A KeyObject made once: given raw bytes, jose would import the HMAC key again on every request. */
  private readonly key: KeyObject;

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

  /** The token's claims, or null for any token that is malformed, forged, expired or not an access token. */
  async verify(token: string): Promise<AccessClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      const parsed = claimsSchema.safeParse(payload);
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }
}
