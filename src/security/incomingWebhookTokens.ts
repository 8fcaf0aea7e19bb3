import type { IssuedToken } from './checksummedTokens';
import { checksummedTokens } from './checksummedTokens';
import { sha256Hex } from './secretHash';

export const INCOMING_WEBHOOK_TOKEN_PREFIX = 'fwh_';
const incomingWebhookTokens = checksummedTokens(INCOMING_WEBHOOK_TOKEN_PREFIX);

/**
 * The secret in an incoming webhook's receive URL: `fwh_` + 256 random bits in base62 + a CRC32 checksum
 * (see checksummedTokens). Shown at creation and regeneration only; the hook keeps its SHA-256.
 */
export const issueIncomingWebhookToken = (): IssuedToken => incomingWebhookTokens.issue();

/** Whether a receive URL's token has the right shape and checksum: a mistyped one is refused without a lookup. */
export const isWellFormedIncomingWebhookToken = (text: string): boolean => incomingWebhookTokens.isWellFormed(text);

/** How a presented token is looked up: its SHA-256, hex, as the read model keys it. */
export const hashIncomingWebhookToken = sha256Hex;
