import type { Decider } from '../../shared/decider';
import { conflict, notFound, tooManyAttempts, unauthorized } from '../../shared/domainError';
import type { SecondFactorMethod, UserEvent } from '../userEvents';
import { passwordLogin } from './passwordLogin';
import type { SecondFactorLockout } from './secondFactorLockout';
import { evolveLockout, isLocked, lockedUntil, noFailures } from './secondFactorLockout';

export interface RecoveryCodeSlot {
  hash: string;
  spent: boolean;
}

/** The user stream as the TOTP second factor sees it. Secrets are sealed (WebhookSecretBox), codes hashed. */
export interface TotpState {
  userId: string | null;
  /** An enrollment begun and not yet confirmed: its sealed secret. */
  pendingSecret: string | null;
  /** The confirmed secret, sealed; null while TOTP is off. */
  secret: string | null;
  /** The highest RFC 6238 time step a code was accepted for: a code is good once, and no older one after it. */
  lastStep: number | null;
  recoveryCodes: readonly RecoveryCodeSlot[];
  lockout: SecondFactorLockout;
}

/** A second factor already checked outside the domain: the time step its TOTP code matched, or the recovery code's index. */
export type CheckedProof = { method: 'totp'; step: number } | { method: 'recovery_code'; index: number };

export type TotpCommand =
  /** Again while pending replaces the secret. */
  | { type: 'StartTotpEnrollment'; encryptedSecret: string }
  | { type: 'ConfirmTotp'; step: number; recoveryCodeHashes: readonly string[] }
  | { type: 'DisableTotp'; proof: CheckedProof }
  | { type: 'RegenerateRecoveryCodes'; step: number; recoveryCodeHashes: readonly string[] }
  /** `sessionId` for the second step of a login; null for a check on its own (`/auth/verify`, the OAuth consent). */
  | { type: 'AcceptSecondFactor'; proof: CheckedProof; sessionId: string | null }
  | { type: 'RecordSecondFactorFailure'; method: SecondFactorMethod }
  /** A login by password alone: refused once TOTP is on (it was turned on since the password was checked). */
  | { type: 'RecordPasswordLogin'; sessionId: string };

const initialState: TotpState = {
  userId: null,
  pendingSecret: null,
  secret: null,
  lastStep: null,
  recoveryCodes: [],
  lockout: noFailures,
};

export const isTotpEnabled = (state: TotpState): boolean => state.secret !== null;

export const recoveryCodesRemaining = (state: TotpState): number => state.recoveryCodes.filter((slot) => !slot.spent).length;

const slotsOf = (hashes: readonly string[]): RecoveryCodeSlot[] => hashes.map((hash) => ({ hash, spent: false }));

function evolve(state: TotpState, event: UserEvent): TotpState {
  const lockout = evolveLockout(state.lockout, event);
  switch (event.type) {
    case 'UserRegistered':
      return { ...state, userId: event.data.userId };
    // A new secret starts its own steps: a code of the old one accepted this step must not block the first new one.
    case 'MfaEnrollmentStarted':
      return { ...state, pendingSecret: event.data.encryptedSecret, lastStep: null };
    case 'MfaEnabled':
      return { ...state, secret: state.pendingSecret, pendingSecret: null, recoveryCodes: slotsOf(event.data.recoveryCodeHashes) };
    case 'MfaDisabled':
      return { ...state, secret: null, pendingSecret: null, recoveryCodes: [] };
    case 'MfaRecoveryCodesRegenerated':
      return { ...state, recoveryCodes: slotsOf(event.data.recoveryCodeHashes) };
    case 'UserAuthenticated': {
      const { totpStep, recoveryCodeIndex } = event.data;
      const lastStep = totpStep === null ? state.lastStep : Math.max(totpStep, state.lastStep ?? totpStep);
      const recoveryCodes =
        recoveryCodeIndex === null
          ? state.recoveryCodes
          : state.recoveryCodes.map((slot, i) => (i === recoveryCodeIndex ? { ...slot, spent: true } : slot));
      return { ...state, lastStep, recoveryCodes, lockout };
    }
    case 'MfaFailed':
      return { ...state, lockout };
    default:
      return state;
  }
}

type Proven = Extract<UserEvent, { type: 'UserAuthenticated' | 'MfaFailed' }>;

/**
 * The proof accepted (UserAuthenticated), or refused as a replay: a TOTP step not after the last accepted
 * one, a recovery code spent. A refusal is an event (it counts toward the lockout); the caller answers 401.
 */
function prove(state: TotpState, userId: string, proof: CheckedProof, sessionId: string | null, now: Date): Proven {
  const replayed =
    proof.method === 'totp' ? state.lastStep !== null && proof.step <= state.lastStep : state.recoveryCodes[proof.index]?.spent !== false;
  if (replayed) return { type: 'MfaFailed', data: { userId, method: proof.method, reason: 'replayed_code', failedAt: now.toISOString() } };
  return {
    type: 'UserAuthenticated',
    data: {
      userId,
      method: proof.method,
      sessionId,
      totpStep: proof.method === 'totp' ? proof.step : null,
      recoveryCodeIndex: proof.method === 'recovery_code' ? proof.index : null,
      otpId: null,
    },
  };
}

/** `then` only once the proof was accepted: a replay appends its failure alone. */
const provenThen = (proven: Proven, then: UserEvent): UserEvent[] => (proven.type === 'UserAuthenticated' ? [proven, then] : [proven]);

function requireUnlocked(state: TotpState, now: Date): void {
  if (isLocked(state.lockout, now)) throw tooManyAttempts('too many wrong codes; try again later', lockedUntil(state.lockout)!);
}

function requireEnabled(state: TotpState): void {
  if (!isTotpEnabled(state)) throw conflict('TOTP is not enabled');
}

export const totpDecider: Decider<TotpCommand, UserEvent, TotpState> = {
  initialState,
  evolve,
  decide(command, state, { now }) {
    const userId = state.userId;
    if (userId === null) throw notFound('user not found');
    switch (command.type) {
      case 'StartTotpEnrollment':
        if (isTotpEnabled(state)) throw conflict('TOTP is already enabled; disable it before enrolling again');
        return [{ type: 'MfaEnrollmentStarted', data: { userId, method: 'totp', encryptedSecret: command.encryptedSecret } }];
      case 'ConfirmTotp': {
        if (isTotpEnabled(state)) throw conflict('TOTP is already enabled');
        if (state.pendingSecret === null) throw conflict('no TOTP enrollment to confirm; start one first');
        requireUnlocked(state, now);
        const proven = prove(state, userId, { method: 'totp', step: command.step }, null, now);
        return provenThen(proven, {
          type: 'MfaEnabled',
          data: { userId, method: 'totp', recoveryCodeHashes: [...command.recoveryCodeHashes] },
        });
      }
      case 'DisableTotp': {
        requireEnabled(state);
        requireUnlocked(state, now);
        return provenThen(prove(state, userId, command.proof, null, now), { type: 'MfaDisabled', data: { userId, method: 'totp' } });
      }
      case 'RegenerateRecoveryCodes': {
        requireEnabled(state);
        requireUnlocked(state, now);
        const proven = prove(state, userId, { method: 'totp', step: command.step }, null, now);
        return provenThen(proven, {
          type: 'MfaRecoveryCodesRegenerated',
          data: { userId, recoveryCodeHashes: [...command.recoveryCodeHashes] },
        });
      }
      case 'AcceptSecondFactor':
        if (!isTotpEnabled(state)) throw unauthorized('TOTP is not enabled for this user');
        requireUnlocked(state, now);
        return [prove(state, userId, command.proof, command.sessionId, now)];
      case 'RecordSecondFactorFailure':
        requireUnlocked(state, now);
        return [{ type: 'MfaFailed', data: { userId, method: command.method, reason: 'wrong_code', failedAt: now.toISOString() } }];
      case 'RecordPasswordLogin':
        if (isTotpEnabled(state)) throw unauthorized('a second factor is required; log in again');
        return [passwordLogin(userId, command.sessionId)];
    }
  },
};
