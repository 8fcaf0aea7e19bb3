import { randomBytes } from 'node:crypto';
import { sha256Hex } from './secretHash';

/**
 * Refresh tokens are `frt_<session id>_<secret>`: the session id locates the token family's stream,
 * the secret proves possession. Only the SHA-256 of the whole token is ever stored.
 */
const FORMAT = /^frt_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export const hashRefreshToken = sha256Hex;

export function newRefreshToken(sessionId: string): { token: string; hash: string } {
  const token = `frt_${sessionId}_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashRefreshToken(token) };
}

export function sessionIdOf(token: string): string | null {
  return FORMAT.exec(token)?.[1] ?? null;
}
