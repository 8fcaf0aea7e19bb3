import { z } from 'zod';
import { SignedJwts } from './signedJwts';

export const MFA_TOKEN_TTL_SECONDS = 5 * 60;

/** Its own audience and `typ`: an MFA token never passes as an access token (nor the reverse). */
const claimsSchema = z.object({ sub: z.uuid(), typ: z.literal('mfa') });

/** Short-lived tokens naming a user whose password was right, good only for that login's second step. */
export class MfaTokens {
  private readonly jwts: SignedJwts<z.infer<typeof claimsSchema>>;

  /** `secret` is the access tokens' (FILORA_JWT_SECRET). */
  constructor(secret: string, ttlSeconds = MFA_TOKEN_TTL_SECONDS) {
    this.jwts = new SignedJwts(secret, 'filora-mfa', claimsSchema, ttlSeconds);
  }

  get ttlSeconds(): number {
    return this.jwts.ttlSeconds;
  }

  issue(userId: string): Promise<string> {
    return this.jwts.sign(userId, { typ: 'mfa' });
  }

  /** The user the token names, or null for a token that is malformed, forged, expired at `nowMs` or not an MFA token. */
  async userIdOf(token: string, nowMs = Date.now()): Promise<string | null> {
    const verified = await this.jwts.verify(token, nowMs);
    return verified && nowMs < verified.expiresAtMs ? verified.claims.sub : null;
  }
}
