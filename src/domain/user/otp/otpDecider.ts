import type { Decider } from '../../shared/decider';
import { DomainError, notFound, tooManyAttempts } from '../../shared/domainError';
import type { SecondFactorLockout } from '../mfa/secondFactorLockout';
import { evolveLockout, isLocked, lockedUntil, noFailures } from '../mfa/secondFactorLockout';
import type { OtpChannel, UserEvent } from '../userEvents';
import { OTP_SEND_LIMIT, OTP_SEND_WINDOW_MS, OTP_TTL_MS } from './otpRules';

/** A code sent, as the decider remembers it: only its keyed hashes, never the code or where it went in clear. */
export interface SentCode {
  otpId: string;
  method: OtpChannel;
  destinationHash: string;
  codeHash: string;
  sentAt: Date;
  expiresAt: Date;
  spent: boolean;
}

/** One-time codes of a user's stream (`user-<id>`): the user decider ignores these events, this one the rest. */
export interface OtpState {
  exists: boolean;
  userId: string | null;
  /** Where email codes go: the address the user registered, or changed to last. */
  email: string;
  /** The last OTP_SEND_LIMIT codes sent, oldest first. */
  codes: readonly SentCode[];
  lockout: SecondFactorLockout;
}

export type OtpFailureReason = 'wrong_code' | 'expired_code';

/** Hashes are made outside the domain, under the server's key. */
export type OtpCommand =
  | { type: 'SendOtp'; otpId: string; method: OtpChannel; destination: string; destinationHash: string; codeHash: string }
  | { type: 'AcceptOtp'; otpId: string }
  | { type: 'RecordOtpFailure'; method: OtpChannel; reason: OtpFailureReason };

const initialState: OtpState = { exists: false, userId: null, email: '', codes: [], lockout: noFailures };

const spending = (codes: readonly SentCode[], otpId: string): SentCode[] =>
  codes.map((code) => (code.otpId === otpId ? { ...code, spent: true } : code));

function evolve(state: OtpState, event: UserEvent): OtpState {
  const lockout = evolveLockout(state.lockout, event);
  switch (event.type) {
    case 'UserRegistered':
      return { ...state, exists: true, userId: event.data.userId, email: event.data.email, lockout };
    case 'EmailChanged':
      return { ...state, email: event.data.email, lockout };
    case 'OtpCodeSent': {
      const { otpId, method, destinationHash, codeHash, sentAt, expiresAt } = event.data;
      const sent: SentCode = {
        otpId,
        method,
        destinationHash,
        codeHash,
        sentAt: new Date(sentAt),
        expiresAt: new Date(expiresAt),
        spent: false,
      };
      return { ...state, codes: [...state.codes, sent].slice(-OTP_SEND_LIMIT), lockout };
    }
    case 'UserAuthenticated': {
      const { otpId } = event.data;
      return { ...state, codes: otpId === null ? state.codes : spending(state.codes, otpId), lockout };
    }
    default:
      return lockout === state.lockout ? state : { ...state, lockout };
  }
}

/** When the user may be sent another code, or null if now. */
export function nextSendAt(state: OtpState, now: Date): Date | null {
  const windowStart = now.getTime() - OTP_SEND_WINDOW_MS;
  const inWindow = state.codes.filter((code) => code.sentAt.getTime() > windowStart);
  if (inWindow.length < OTP_SEND_LIMIT) return null;
  return new Date(inWindow[inWindow.length - OTP_SEND_LIMIT]!.sentAt.getTime() + OTP_SEND_WINDOW_MS);
}

export const sendLimitMessage = `at most ${OTP_SEND_LIMIT} codes are sent per ${OTP_SEND_WINDOW_MS / 60_000} minutes; try again later`;

/**
 * What checking `matches` against the user's codes of that channel amounts to: the newest unspent code
 * that matches and is still valid is accepted; a match on expired codes only is an expired code.
 */
export function otpCheckOf(state: OtpState, method: OtpChannel, matches: (code: SentCode) => boolean, now: Date): OtpCommand {
  const matching = state.codes.filter((code) => code.method === method && !code.spent && matches(code)).reverse();
  const valid = matching.find((code) => now < code.expiresAt);
  if (valid) return { type: 'AcceptOtp', otpId: valid.otpId };
  return { type: 'RecordOtpFailure', method, reason: matching.length > 0 ? 'expired_code' : 'wrong_code' };
}

function failed(userId: string, method: OtpChannel, reason: OtpFailureReason | 'replayed_code', now: Date): UserEvent[] {
  return [{ type: 'MfaFailed', data: { userId, method, reason, failedAt: now.toISOString() } }];
}

function requireUnlocked(state: OtpState, now: Date): void {
  if (isLocked(state.lockout, now)) throw tooManyAttempts('too many wrong codes; try again later', lockedUntil(state.lockout)!);
}

function accept(state: OtpState, userId: string, otpId: string, now: Date): UserEvent[] {
  const code = state.codes.find((candidate) => candidate.otpId === otpId);
  if (!code) throw new DomainError('invalid', 'no such one-time code');
  // Two requests racing with one code: the one that decides second sees it spent.
  if (code.spent) return failed(userId, code.method, 'replayed_code', now);
  if (now >= code.expiresAt) return failed(userId, code.method, 'expired_code', now);
  const authenticated = { userId, method: code.method, sessionId: null, totpStep: null, recoveryCodeIndex: null, otpId };
  return [{ type: 'UserAuthenticated', data: authenticated }];
}

export const otpDecider: Decider<OtpCommand, UserEvent, OtpState> = {
  initialState,
  evolve,
  decide(command, state, { now }) {
    if (!state.exists || state.userId === null) throw notFound('user not found');
    const userId = state.userId;
    switch (command.type) {
      case 'SendOtp': {
        const retryAt = nextSendAt(state, now);
        if (retryAt !== null) throw tooManyAttempts(sendLimitMessage, retryAt);
        const { otpId, method, destination, destinationHash, codeHash } = command;
        const timing = { sentAt: now.toISOString(), expiresAt: new Date(now.getTime() + OTP_TTL_MS).toISOString() };
        return [{ type: 'OtpCodeSent', data: { userId, otpId, method, destination, destinationHash, codeHash, ...timing } }];
      }
      case 'AcceptOtp':
        requireUnlocked(state, now);
        return accept(state, userId, command.otpId, now);
      case 'RecordOtpFailure':
        requireUnlocked(state, now);
        return failed(userId, command.method, command.reason, now);
    }
  },
};
