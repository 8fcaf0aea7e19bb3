import type { IssuedToken } from './checksummedTokens';
import { checksummedTokens } from './checksummedTokens';
import { sha256Hex } from './secretHash';

export const API_TOKEN_PREFIX = 'fl_';
const apiTokens = checksummedTokens(API_TOKEN_PREFIX);

export type IssuedApiToken = IssuedToken;

/** API tokens are `fl_` + 256 random bits in base62 + a CRC32 checksum of them (see checksummedTokens). */
export const issueApiToken = (): IssuedApiToken => apiTokens.issue();

/** Whether the text has the shape and checksum of an API token (it may still be unknown, revoked or expired). */
export const isWellFormedApiToken = (text: string): boolean => apiTokens.isWellFormed(text);

export const hashApiToken = sha256Hex;
