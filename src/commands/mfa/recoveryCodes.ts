import { randomBytes } from 'node:crypto';
import { constantTimeEqual } from '../../domain/shared/constantTimeEqual';
import type { RecoveryCodeSlot } from '../../domain/user/mfa/totpDecider';
import { sha256Hex } from '../../security/secretHash';

export const RECOVERY_CODE_COUNT = 10;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const GROUP_LENGTH = 5;

/** `xxxxx-xxxxx`: 10 base32 characters, 50 random bits (one byte per character, 5 of its bits). */
function newRecoveryCode(): string {
  const chars = [...randomBytes(GROUP_LENGTH * 2)].map((byte) => BASE32[byte & 31]!).join('');
  return `${chars.slice(0, GROUP_LENGTH)}-${chars.slice(GROUP_LENGTH)}`;
}

/** As typed: any case, with or without the dash and spaces. */
const normalized = (code: string): string => code.toLowerCase().replace(/[\s-]/g, '');

const hashOf = (code: string): string => sha256Hex(normalized(code));

/** Ten new codes, and their hashes in the same order (only the hashes are stored). */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  return { codes, hashes: codes.map(hashOf) };
}

/**
 * The index of the stored code `code` is, spent or not (the decider refuses a spent one as a replay), or null.
 * Every slot is compared, in constant time, so the answer's timing tells nothing of where a match is.
 */
export function recoveryCodeIndex(slots: readonly RecoveryCodeSlot[], code: string): number | null {
  const hash = hashOf(code);
  let found: number | null = null;
  slots.forEach((slot, index) => {
    if (constantTimeEqual(slot.hash, hash) && found === null) found = index;
  });
  return found;
}
