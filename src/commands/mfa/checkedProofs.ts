import { DomainError, unauthorized } from '../../domain/shared/domainError';
import type { CheckedProof, TotpState } from '../../domain/user/mfa/totpDecider';
import type { SecondFactorMethod, UserEvent } from '../../domain/user/userEvents';
import type { WebhookSecretBox } from '../../security/webhookSecrets';
import { recoveryCodeIndex } from './recoveryCodes';
import type { SecondFactorProof } from './secondFactorPorts';
import { matchingStep } from './totpCodes';

/** Opens the sealed TOTP secret; digests a recovery code (recoveryCodes.ts). */
export type SecondFactorSecrets = Pick<WebhookSecretBox, 'open' | 'keyedDigest'>;

/** The method a proof claims: exactly one of a TOTP code and a recovery code. */
export function methodOf(proof: SecondFactorProof): Extract<SecondFactorMethod, 'totp' | 'recovery_code'> {
  if ((proof.code === undefined) === (proof.recoveryCode === undefined))
    throw new DomainError('invalid', 'give either a code or a recovery_code', 'code');
  return proof.code !== undefined ? 'totp' : 'recovery_code';
}

/** The time step a TOTP code matches under a sealed secret at `now`, or null. */
export const totpStepOf = (sealedSecret: string, code: string, box: Pick<WebhookSecretBox, 'open'>, now: Date): number | null =>
  matchingStep(box.open(sealedSecret), code, now);

/** The proof as the decider takes it, checked against `userId`'s enabled TOTP secret and recovery codes; null when wrong. */
export function checkedProof(
  userId: string,
  state: TotpState,
  proof: SecondFactorProof,
  box: SecondFactorSecrets,
  now: Date,
): CheckedProof | null {
  if (state.secret === null) throw unauthorized('TOTP is not enabled for this user');
  if (methodOf(proof) === 'totp') {
    const step = totpStepOf(state.secret, proof.code!, box, now);
    return step === null ? null : { method: 'totp', step };
  }
  const index = recoveryCodeIndex(state.recoveryCodes, proof.recoveryCode!, box, userId);
  return index === null ? null : { method: 'recovery_code', index };
}

/**
 * A refused code was recorded (MfaFailed, toward the lockout) by the command that carried it: now the
 * caller learns it was refused. Nothing is thrown when the command was accepted.
 */
export function throwIfRefused(events: readonly UserEvent[]): void {
  const failure = events.find((event) => event.type === 'MfaFailed');
  if (failure?.type !== 'MfaFailed') return;
  throw unauthorized(failure.data.reason === 'replayed_code' ? 'this code was already used' : 'the code is not valid');
}
