import type { OtpCommand, OtpState } from '../../../src/domain/user/otp/otpDecider';
import { nextSendAt, otpCheckOf, otpDecider } from '../../../src/domain/user/otp/otpDecider';
import { maskedDestination } from '../../../src/domain/user/otp/maskedDestination';
import { OTP_TTL_MS } from '../../../src/domain/user/otp/otpRules';
import { DomainError } from '../../../src/domain/shared/domainError';
import { fold } from '../../../src/domain/shared/decider';
import type { OtpChannel, UserEvent } from '../../../src/domain/user/userEvents';
import { FIXED_NOW, given } from '../../support/givenWhenThen';

const userId = '44444444-4444-4444-8444-444444444444';
const MINUTE = 60_000;
const at = (minutes: number) => new Date(FIXED_NOW.getTime() + minutes * MINUTE);
const otpIdOf = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const registered: UserEvent = {
  type: 'UserRegistered',
  data: { userId, username: 'ann', email: 'ann@example.com', displayName: 'Ann', passwordHash: 'x' },
};

const sent = (n: number, minutes: number, method: OtpChannel = 'email'): UserEvent => ({
  type: 'OtpCodeSent',
  data: {
    userId,
    otpId: otpIdOf(n),
    method,
    destination: 'a***@example.com',
    destinationHash: 'dh',
    codeHash: `code-${n}`,
    sentAt: at(minutes).toISOString(),
    expiresAt: new Date(at(minutes).getTime() + OTP_TTL_MS).toISOString(),
  },
});

const authenticated = (method: 'totp' | OtpChannel, otpId: string | null = null): UserEvent => ({
  type: 'UserAuthenticated',
  data: { userId, method, sessionId: null, totpStep: null, recoveryCodeIndex: null, otpId },
});

const mfaFailed = (minutes: number, method: 'totp' | OtpChannel = 'totp'): UserEvent => ({
  type: 'MfaFailed',
  data: { userId, method, reason: 'wrong_code', failedAt: at(minutes).toISOString() },
});

const sendCommand = (n: number, method: OtpChannel = 'email'): OtpCommand => ({
  type: 'SendOtp',
  otpId: otpIdOf(n),
  method,
  destination: 'a***@example.com',
  destinationHash: 'dh',
  codeHash: `code-${n}`,
});

const stateOf = (events: UserEvent[]): OtpState => fold(otpDecider, events);

function refusal(events: UserEvent[], command: OtpCommand, now: Date): DomainError {
  try {
    otpDecider.decide(command, stateOf(events), { now, newId: () => otpIdOf(99) });
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the command was not refused');
}

describe('one-time code decider', () => {
  it('sends a code that lasts 10 minutes, for a user that exists', () => {
    given(otpDecider, [registered])
      .when(sendCommand(1))
      .then([sent(1, 0)]);
    given(otpDecider, []).when(sendCommand(1)).thenFails('not_found');
  });

  it('sends at most 5 codes per user in 15 minutes, counted from the events', () => {
    const five = [registered, sent(1, 0), sent(2, 1, 'sms'), sent(3, 2), sent(4, 3, 'sms'), sent(5, 4)];
    const refused = refusal(five, sendCommand(6), at(5));
    expect(refused.kind).toBe('too_many_attempts');
    expect(refused.retryAt).toEqual(at(15));
    expect(nextSendAt(stateOf(five), at(14.9))).toEqual(at(15));
    expect(nextSendAt(stateOf(five), at(15))).toBeNull();
    given(otpDecider, five, { now: at(15) })
      .when(sendCommand(6))
      .then([sent(6, 15)]);
  });

  it('keeps only the last codes sent', () => {
    const state = stateOf([registered, ...Array.from({ length: 12 }, (_, i) => sent(i + 1, i * 20))]);
    expect(state.codes.map((code) => code.otpId)).toEqual([8, 9, 10, 11, 12].map(otpIdOf));
  });

  it('accepts a matching code once', () => {
    const history = [registered, sent(1, 0)];
    const matchesFirst = (code: { codeHash: string }) => code.codeHash === 'code-1';
    expect(otpCheckOf(stateOf(history), 'email', matchesFirst, at(1))).toEqual({ type: 'AcceptOtp', otpId: otpIdOf(1) });
    given(otpDecider, history, { now: at(1) })
      .when({ type: 'AcceptOtp', otpId: otpIdOf(1) })
      .then([authenticated('email', otpIdOf(1))]);

    const spent = [...history, authenticated('email', otpIdOf(1))];
    expect(otpCheckOf(stateOf(spent), 'email', matchesFirst, at(2))).toEqual({
      type: 'RecordOtpFailure',
      method: 'email',
      reason: 'wrong_code',
    });
    // A request that checked the code before another spent it.
    given(otpDecider, spent, { now: at(2) })
      .when({ type: 'AcceptOtp', otpId: otpIdOf(1) })
      .then([{ type: 'MfaFailed', data: { userId, method: 'email', reason: 'replayed_code', failedAt: at(2).toISOString() } }]);
  });

  it('refuses an expired code as expired, and a code of the other channel as wrong', () => {
    const history = [registered, sent(1, 0, 'sms')];
    const matchesAll = () => true;
    expect(otpCheckOf(stateOf(history), 'sms', matchesAll, at(9.99))).toEqual({ type: 'AcceptOtp', otpId: otpIdOf(1) });
    expect(otpCheckOf(stateOf(history), 'sms', matchesAll, at(10))).toEqual({
      type: 'RecordOtpFailure',
      method: 'sms',
      reason: 'expired_code',
    });
    expect(otpCheckOf(stateOf(history), 'email', matchesAll, at(1))).toEqual({
      type: 'RecordOtpFailure',
      method: 'email',
      reason: 'wrong_code',
    });
    given(otpDecider, history, { now: at(10) })
      .when({ type: 'AcceptOtp', otpId: otpIdOf(1) })
      .then([{ type: 'MfaFailed', data: { userId, method: 'sms', reason: 'expired_code', failedAt: at(10).toISOString() } }]);
  });

  it('takes the newest valid code that matches', () => {
    const history = [registered, sent(1, 0), sent(2, 3), sent(3, 6)];
    const matchesOneAndTwo = (code: { codeHash: string }) => code.codeHash !== 'code-3';
    expect(otpCheckOf(stateOf(history), 'email', matchesOneAndTwo, at(7))).toEqual({ type: 'AcceptOtp', otpId: otpIdOf(2) });
    // Code 2 has expired by then, code 1 too: the match was on expired codes only.
    expect(otpCheckOf(stateOf(history), 'email', matchesOneAndTwo, at(13))).toEqual({
      type: 'RecordOtpFailure',
      method: 'email',
      reason: 'expired_code',
    });
  });

  it('records a wrong code as MfaFailed', () => {
    given(otpDecider, [registered, sent(1, 0)], { now: at(1) })
      .when({ type: 'RecordOtpFailure', method: 'email', reason: 'wrong_code' })
      .then([{ type: 'MfaFailed', data: { userId, method: 'email', reason: 'wrong_code', failedAt: at(1).toISOString() } }]);
  });

  it('shares the lockout with TOTP: failures of any second factor lock codes for 5 minutes', () => {
    const history = [registered, sent(1, 0), mfaFailed(1), mfaFailed(1), mfaFailed(2), mfaFailed(2, 'sms')];
    const fifth = { type: 'RecordOtpFailure', method: 'email', reason: 'wrong_code' } as const;
    given(otpDecider, history, { now: at(3) })
      .when(fifth)
      .then([{ type: 'MfaFailed', data: { userId, method: 'email', reason: 'wrong_code', failedAt: at(3).toISOString() } }]);

    const locked = [...history, mfaFailed(3)];
    const accepting = { type: 'AcceptOtp', otpId: otpIdOf(1) } as const;
    const refused = refusal(locked, accepting, at(4));
    expect(refused.kind).toBe('too_many_attempts');
    expect(refused.retryAt).toEqual(at(8));
    expect(refusal(locked, fifth, at(7.99)).kind).toBe('too_many_attempts');
    given(otpDecider, locked, { now: at(8) })
      .when(accepting)
      .then([authenticated('email', otpIdOf(1))]);
  });

  it('starts the count afresh after any second factor is accepted', () => {
    const history = [registered, sent(1, 0), mfaFailed(1), mfaFailed(1), mfaFailed(1), mfaFailed(1), authenticated('totp'), mfaFailed(2)];
    given(otpDecider, history, { now: at(3) })
      .when({ type: 'AcceptOtp', otpId: otpIdOf(1) })
      .then([authenticated('email', otpIdOf(1))]);
  });

  it('follows the user to a new email address', () => {
    const changed: UserEvent = { type: 'EmailChanged', data: { userId, email: 'ann@new.example', previousEmail: 'ann@example.com' } };
    expect(stateOf([registered]).email).toBe('ann@example.com');
    expect(stateOf([registered, changed]).email).toBe('ann@new.example');
  });
});

describe('masked destination', () => {
  it('keeps enough of an address or a number to recognise it', () => {
    expect(maskedDestination('email', 'ann@example.com')).toBe('a***@example.com');
    expect(maskedDestination('sms', '+441234567789')).toBe('+4*********89');
    expect(maskedDestination('sms', '+4412345')).toBe('+4****45');
  });
});
