import { checksummedTokens } from './checksummedTokens';
import { sha256Hex } from './secretHash';

export const OAUTH_CLIENT_SECRET_PREFIX = 'flcs_';
const clientSecrets = checksummedTokens(OAUTH_CLIENT_SECRET_PREFIX);

/** An OAuth app's client secret: `flcs_` + 256 random bits in base62 + a checksum (see checksummedTokens), stored as SHA-256 only. */
export function issueClientSecret(): { secret: string; secretHash: string } {
  const { secret, secretHash } = clientSecrets.issue();
  return { secret, secretHash };
}

export const hashClientSecret = sha256Hex;
