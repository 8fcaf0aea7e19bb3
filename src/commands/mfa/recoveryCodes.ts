import { randomBytes } from 'node:crypto';
import { constantTimeEqual } from '../../domain/shared/constantTimeEqual';
import type { RecoveryCodeSlot } from '../../domain/user/mfa/totpDecider';
import type { WebhookSecretBox } from '../../security/webhookSecrets';

export const RECOVERY_CODE_COUNT = 10;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const GROUP_LENGTH = 5;

export type RecoveryCodeDigests = Pick<WebhookSecretBox, 'keyedDigest'>;

/** `xxxxx-xxxxx`: 10 base32 characters, 50 random bits (one byte per character, 5 of its bits). */
function newRecoveryCode(): string {
  const chars = [...randomBytes(GROUP_LENGTH * 2)].map((byte) => BASE32[byte & 31]!).join('');
  return `${chars.slice(0, GROUP_LENGTH)}-${chars.slice(GROUP_LENGTH)}`;
}

/** As typed: any case, with or without the dash, spaces around or between the groups (the request schemas allow the same). */
const normalized = (code: string): string => code.toLowerCase().replace(/[\s-]/g, '');

/**
 * 50 bits can be searched offline, so a plain hash would not protect a leaked event store: the stored
 * digest is an HMAC under the server key, bound to the user, so equal codes of two users differ.
 */
const digestOf = (digests: RecoveryCodeDigests, userId: string, code: string): string =>
  digests.keyedDigest(`recovery-code:${userId}:${normalized(code)}`);

/** Ten new codes for `userId`, and their digests in the same order (only the digests are stored). */
export function newRecoveryCodes(digests: RecoveryCodeDigests, userId: string): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  return { codes, hashes: codes.map((code) => digestOf(digests, userId, code)) };
}

/**
 * The index of the stored code `code` is, spent or not (the decider refuses a spent one as a replay), or null.
 * Every slot is compared, in constant time, so the answer's timing tells nothing of where a match is.
 */
export function recoveryCodeIndex(
  slots: readonly RecoveryCodeSlot[],
  code: string,
  digests: RecoveryCodeDigests,
  userId: string,
): number | null {
  const hash = digestOf(digests, userId, code);
  let found: number | null = null;
  slots.forEach((slot, index) => {
    if (constantTimeEqual(slot.hash, hash) && found === null) found = index;
  });
  return found;
}
