import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { sha256Hex } from './secretHash';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const RANDOM_BYTES = 32;
/** 62^43 > 2^256: 32 random bytes always fit. */
const RANDOM_CHARS = 43;
const CHECKSUM_CHARS = 6;
const PREFIX_CHARS = 8;
export const API_TOKEN_PREFIX = 'fl_';
const FORMAT = new RegExp(`^${API_TOKEN_PREFIX}([0-9A-Za-z]{${RANDOM_CHARS}})([0-9A-Za-z]{${CHECKSUM_CHARS}})$`);

function base62(value: bigint, width: number): string {
  let digits = '';
  for (let rest = value; rest > 0n; rest /= 62n) digits = BASE62[Number(rest % 62n)]! + digits;
  return digits.padStart(width, '0');
}

const checksumOf = (random: string) => base62(BigInt(crc32(random)), CHECKSUM_CHARS);

export interface IssuedApiToken {
  /** Shown to the caller once; never stored. */
  secret: string;
  secretHash: string;
  /** Identifies the token in lists without revealing it. */
  prefix: string;
}

/**
 * API tokens are `fl_` + 256 random bits in base62 + a CRC32 of those in base62, as GitHub's tokens are:
 * the prefix tells a scanner what it found, and the checksum tells it offline that it is a real token
 * (and lets authentication refuse a mistyped one without a lookup).
 */
export function issueApiToken(): IssuedApiToken {
  const random = base62(BigInt(`0x${randomBytes(RANDOM_BYTES).toString('hex')}`), RANDOM_CHARS);
  const secret = `${API_TOKEN_PREFIX}${random}${checksumOf(random)}`;
  return { secret, secretHash: hashApiToken(secret), prefix: secret.slice(0, API_TOKEN_PREFIX.length + PREFIX_CHARS) };
}

/** Whether the text has the shape and checksum of an API token (it may still be unknown, revoked or expired). */
export function isWellFormedApiToken(text: string): boolean {
  const match = FORMAT.exec(text);
  return match !== null && checksumOf(match[1]!) === match[2];
}

export const hashApiToken = sha256Hex;
