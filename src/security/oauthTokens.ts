import { randomBytes } from 'node:crypto';
import { sha256Hex } from './secretHash';

/**
 * OAuth authorization codes are `floc_<grant id>_<secret>` and refresh tokens `flor_<grant id>_<family id>_<secret>`
 * (ids as 32 hex digits, the secret 32 random bytes in base64url): the ids locate the grant's stream and
 * the family without a read model, the secret proves possession. Only the SHA-256 of the whole token is stored.
 */
const ID = '([0-9a-f]{32})';
const SECRET = '[A-Za-z0-9_-]{43}';
const CODE_FORMAT = new RegExp(`^floc_${ID}_${SECRET}$`);
const REFRESH_FORMAT = new RegExp(`^flor_${ID}_${ID}_${SECRET}$`);

export const hashOAuthToken = sha256Hex;

const compact = (uuid: string) => uuid.replaceAll('-', '');
const dashed = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
const secret = () => randomBytes(32).toString('base64url');

export interface NewOAuthToken {
  token: string;
  hash: string;
}

export function newAuthorizationCode(grantId: string): NewOAuthToken {
  const token = `floc_${compact(grantId)}_${secret()}`;
  return { token, hash: hashOAuthToken(token) };
}

export function newOAuthRefreshToken(grantId: string, familyId: string): NewOAuthToken {
  const token = `flor_${compact(grantId)}_${compact(familyId)}_${secret()}`;
  return { token, hash: hashOAuthToken(token) };
}

/** The grant a code belongs to, or null for anything not shaped as a code. */
export function grantIdOfCode(code: string): string | null {
  const match = CODE_FORMAT.exec(code);
  return match ? dashed(match[1]!) : null;
}

/** The grant and family a refresh token belongs to, or null for anything not shaped as one. */
export function familyOfRefreshToken(token: string): { grantId: string; familyId: string } | null {
  const match = REFRESH_FORMAT.exec(token);
  return match ? { grantId: dashed(match[1]!), familyId: dashed(match[2]!) } : null;
}
