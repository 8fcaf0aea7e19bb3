import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { sha256Hex } from './secretHash';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const RANDOM_BYTES = 32;
/** 62^43 > 2^256: 32 random bytes always fit. */
const RANDOM_CHARS = 43;
const CHECKSUM_CHARS = 6;
const PREFIX_CHARS = 8;

function base62(value: bigint, width: number): string {
  let digits = '';
  for (let rest = value; rest > 0n; rest /= 62n) digits = BASE62[Number(rest % 62n)]! + digits;
  return digits.padStart(width, '0');
}

const checksumOf = (random: string) => base62(BigInt(crc32(random)), CHECKSUM_CHARS);

export interface IssuedToken {
  /** Shown to the caller once; never stored. */
  secret: string;
  secretHash: string;
  /** Identifies the token in lists without revealing it: the type prefix and 8 characters. */
  prefix: string;
}

export interface ChecksummedTokens {
  issue(): IssuedToken;
  /** Whether the text has the shape and checksum of such a token (it may still be unknown, revoked or expired). */
  isWellFormed(text: string): boolean;
}

/**
 * Secrets shaped as GitHub's tokens are: a type prefix (`fl_`, `fwh_`) + 256 random bits in base62 + a CRC32
 * of those in base62. The prefix tells a secret scanner what it found, and the checksum tells it offline
 * that it is a real token (and lets the platform refuse a mistyped one without a lookup). Stored as SHA-256 only.
 */
export function checksummedTokens(typePrefix: string): ChecksummedTokens {
  const format = new RegExp(`^${typePrefix}([0-9A-Za-z]{${RANDOM_CHARS}})([0-9A-Za-z]{${CHECKSUM_CHARS}})$`);
  return {
    issue() {
      const random = base62(BigInt(`0x${randomBytes(RANDOM_BYTES).toString('hex')}`), RANDOM_CHARS);
      const secret = `${typePrefix}${random}${checksumOf(random)}`;
      return { secret, secretHash: sha256Hex(secret), prefix: secret.slice(0, typePrefix.length + PREFIX_CHARS) };
    },
    isWellFormed(text) {
      const match = format.exec(text);
      return match !== null && checksumOf(match[1]!) === match[2];
    },
  };
}
