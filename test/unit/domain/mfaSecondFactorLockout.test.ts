import type { SecondFactorLockout } from '../../../src/domain/user/mfa/secondFactorLockout';
import { evolveLockout, isLocked, noFailures } from '../../../src/domain/user/mfa/secondFactorLockout';
import { totpDecider } from '../../../src/domain/user/mfa/totpDecider';
import type { AuthenticationMethod, SecondFactorMethod, UserEvent } from '../../../src/domain/user/userEvents';
import { FIXED_NOW, given } from '../../support/givenWhenThen';

const userId = '55555555-5555-4555-8555-555555555555';
const sessionId = '66666666-6666-4666-8666-666666666666';
const second = (n: number) => new Date(FIXED_NOW.getTime() - 60_000 + n * 1000);

const failed = (method: SecondFactorMethod, n: number): UserEvent => ({
  type: 'MfaFailed',
  data: { userId, method, reason: 'wrong_code', failedAt: second(n).toISOString() },
});
const authenticated = (method: AuthenticationMethod): UserEvent => ({
  type: 'UserAuthenticated',
  data: {
    userId,
    method,
    sessionId: null,
    totpStep: method === 'totp' ? 100 : null,
    recoveryCodeIndex: method === 'recovery_code' ? 0 : null,
    otpId: method === 'email' || method === 'sms' ? '77777777-7777-4777-8777-777777777777' : null,
  },
});
const fourTotpFailures = [1, 2, 3, 4].map((n) => failed('totp', n));
const lockoutAfter = (events: readonly UserEvent[]): SecondFactorLockout => events.reduce(evolveLockout, noFailures);

describe('the second-factor lockout', () => {
  it('is cleared by an accepted TOTP code or recovery code', () => {
    for (const method of ['totp', 'recovery_code'] as const) {
      const lockout = lockoutAfter([...fourTotpFailures, authenticated(method), failed('totp', 5)]);
      expect({ method, failures: lockout.failures.length }).toEqual({ method, failures: 1 });
    }
  });

  it('is not cleared by a code sent by email or SMS, nor by a password: a fifth failure of any method locks', () => {
    for (const method of ['sms', 'email', 'password'] as const) {
      for (const fifth of ['totp', 'sms', 'recovery_code'] as const) {
        const lockout = lockoutAfter([...fourTotpFailures, authenticated(method), failed(fifth, 5)]);
        expect({ method, fifth, locked: isLocked(lockout, FIXED_NOW) }).toEqual({ method, fifth, locked: true });
      }
    }
  });

  it('keeps TOTP locked when a stolen session alternates wrong TOTP codes with texted codes it receives', () => {
    const history: UserEvent[] = [
      { type: 'UserRegistered', data: { userId, username: 'alice', email: 'a@example.com', displayName: 'Alice', passwordHash: 'x' } },
      { type: 'MfaEnrollmentStarted', data: { userId, method: 'totp', encryptedSecret: 'sealed' } },
      authenticated('totp'),
      { type: 'MfaEnabled', data: { userId, method: 'totp', recoveryCodeHashes: ['h0'] } },
      failed('totp', 1),
      failed('totp', 2),
      authenticated('sms'),
      failed('totp', 3),
      failed('totp', 4),
      authenticated('sms'),
      failed('totp', 5),
    ];
    given(totpDecider, history)
      .when({ type: 'AcceptSecondFactor', proof: { method: 'totp', step: 500 }, sessionId })
      .thenFails('too_many_attempts');
  });

  it('counts only the failures of the last 15 minutes: four old ones and a fifth later do not lock', () => {
    const later = new Date(second(4).getTime() + 15 * 60_000);
    const fifth: UserEvent = { type: 'MfaFailed', data: { userId, method: 'totp', reason: 'wrong_code', failedAt: later.toISOString() } };
    const lockout = lockoutAfter([failed('totp', 0), ...fourTotpFailures.slice(1), fifth]);
    expect(lockout.failures).toEqual([later]);
    expect(isLocked(lockout, later)).toBe(false);
    expect(isLocked(lockoutAfter([failed('totp', 0), ...fourTotpFailures]), second(5))).toBe(true);
  });
});
