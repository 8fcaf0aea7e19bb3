import { z } from 'zod';
import type { PendingLogin } from '../../commands/auth/sessions';
import { SignedJwts } from './signedJwts';

export const MFA_TOKEN_TTL_SECONDS = 5 * 60;

/**
 * Its own audience and `typ`: an MFA token never passes as an access token (nor the reverse). `jti` names the
 * pending login (its second step starts one session only); `cv` is the credentials version the password was checked at.
 */
const claimsSchema = z.object({ sub: z.uuid(), typ: z.literal('mfa'), jti: z.uuid(), cv: z.number().int().min(0) });

/** Short-lived tokens naming a login whose password was right, good only for that login's second step. */
export class MfaTokens {
  private readonly jwts: SignedJwts<z.infer<typeof claimsSchema>>;

  /** `secret` is the access tokens' (FILORA_JWT_SECRET). */
  constructor(secret: string, ttlSeconds = MFA_TOKEN_TTL_SECONDS) {
    this.jwts = new SignedJwts(secret, 'filora-mfa', claimsSchema, ttlSeconds);
  }

  get ttlSeconds(): number {
    return this.jwts.ttlSeconds;
  }

  issue(login: PendingLogin): Promise<string> {
    return this.jwts.sign(login.userId, { typ: 'mfa', jti: login.loginId, cv: login.credentialsVersion });
  }

  /** The login the token names, or null for a token that is malformed, forged, expired at `nowMs` or not an MFA token. */
  async pendingLoginOf(token: string, nowMs = Date.now()): Promise<PendingLogin | null> {
    const verified = await this.jwts.verify(token, nowMs);
    if (!verified || nowMs >= verified.expiresAtMs) return null;
    const { sub, jti, cv } = verified.claims;
    return { userId: sub, loginId: jti, credentialsVersion: cv };
  }
}
