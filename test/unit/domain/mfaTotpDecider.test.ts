import { fold } from '../../../src/domain/shared/decider';
import { LOCKOUT_MS } from '../../../src/domain/user/mfa/secondFactorLockout';
import type { TotpCommand } from '../../../src/domain/user/mfa/totpDecider';
import { isTotpEnabled, recoveryCodesRemaining, totpDecider } from '../../../src/domain/user/mfa/totpDecider';
import type { UserEvent } from '../../../src/domain/user/userEvents';
import { FIXED_NOW, given } from '../../support/givenWhenThen';

const userId = '55555555-5555-4555-8555-555555555555';
const sessionId = '66666666-6666-4666-8666-666666666666';
const registered: UserEvent = {
  type: 'UserRegistered',
  data: { userId, username: 'alice', email: 'a@example.com', displayName: 'Alice', passwordHash: 'x' },
};
const started: UserEvent = { type: 'MfaEnrollmentStarted', data: { userId, method: 'totp', encryptedSecret: 'sealed-1' } };
const hashes = ['h0', 'h1', 'h2'];
const enabled: UserEvent = { type: 'MfaEnabled', data: { userId, method: 'totp', recoveryCodeHashes: hashes } };
const authenticated = (fields: {
  method: 'totp' | 'recovery_code';
  step?: number;
  index?: number;
  session?: string | null;
}): UserEvent => ({
  type: 'UserAuthenticated',
  data: {
    userId,
    method: fields.method,
    sessionId: fields.session ?? null,
    totpStep: fields.step ?? null,
    recoveryCodeIndex: fields.index ?? null,
    otpId: null,
  },
});
const failed = (at: Date, reason: 'wrong_code' | 'replayed_code' = 'wrong_code'): UserEvent => ({
  type: 'MfaFailed',
  data: { userId, method: 'totp', reason, failedAt: at.toISOString() },
});
const totpLogin = (step: number): TotpCommand => ({ type: 'AcceptSecondFactor', proof: { method: 'totp', step }, sessionId });
const onWith = [registered, started, authenticated({ method: 'totp', step: 100 }), enabled];
const failuresAt = (at: Date, count: number) =>
  Array.from({ length: count }, (_, i) => failed(new Date(at.getTime() - (count - i) * 1000)));

describe('TOTP decider', () => {
  it('enrolls: a pending secret, replaced by starting again, enabled by a code with its recovery codes', () => {
    given(totpDecider, [registered]).when({ type: 'StartTotpEnrollment', encryptedSecret: 'sealed-1' }).then([started]);
    const again = fold(totpDecider, [registered, started, { ...started, data: { ...started.data, encryptedSecret: 'sealed-2' } }]);
    expect(again.pendingSecret).toBe('sealed-2');
    given(totpDecider, [registered, started])
      .when({ type: 'ConfirmTotp', step: 100, recoveryCodeHashes: hashes })
      .then([authenticated({ method: 'totp', step: 100 }), enabled]);
    const on = fold(totpDecider, onWith);
    expect(isTotpEnabled(on)).toBe(true);
    expect(on.secret).toBe('sealed-1');
    expect(recoveryCodesRemaining(on)).toBe(3);
  });

  it('refuses enrolling while enabled, confirming without an enrollment, and anything for an unknown user', () => {
    given(totpDecider, onWith).when({ type: 'StartTotpEnrollment', encryptedSecret: 's' }).thenFails('conflict');
    given(totpDecider, [registered]).when({ type: 'ConfirmTotp', step: 1, recoveryCodeHashes: hashes }).thenFails('conflict');
    given(totpDecider, []).when({ type: 'StartTotpEnrollment', encryptedSecret: 's' }).thenFails('not_found');
    given(totpDecider, [registered]).when(totpLogin(5)).thenFails('unauthorized');
  });

  it('accepts a step after the last accepted one and refuses the same or an older step as a replay', () => {
    given(totpDecider, onWith)
      .when(totpLogin(101))
      .then([authenticated({ method: 'totp', step: 101, session: sessionId })]);
    for (const step of [100, 99]) {
      given(totpDecider, onWith)
        .when(totpLogin(step))
        .then([failed(FIXED_NOW, 'replayed_code')]);
    }
  });

  it('takes a code of the step before or after now (the step is computed outside, from the delta)', () => {
    // Accepted at step 200 with +1 skew, then a code of 200 (the -1 of the next request) is older: refused.
    const history = [...onWith, authenticated({ method: 'totp', step: 201 })];
    given(totpDecider, history)
      .when(totpLogin(200))
      .then([failed(FIXED_NOW, 'replayed_code')]);
    given(totpDecider, history)
      .when(totpLogin(202))
      .then([authenticated({ method: 'totp', step: 202, session: sessionId })]);
  });

  it('spends a recovery code once', () => {
    const useCode: TotpCommand = { type: 'AcceptSecondFactor', proof: { method: 'recovery_code', index: 1 }, sessionId };
    given(totpDecider, onWith)
      .when(useCode)
      .then([authenticated({ method: 'recovery_code', index: 1, session: sessionId })]);
    const spent = [...onWith, authenticated({ method: 'recovery_code', index: 1, session: sessionId })];
    expect(recoveryCodesRemaining(fold(totpDecider, spent))).toBe(2);
    given(totpDecider, spent)
      .when(useCode)
      .then([{ type: 'MfaFailed', data: { userId, method: 'recovery_code', reason: 'replayed_code', failedAt: FIXED_NOW.toISOString() } }]);
  });

  it('locks after 5 failures for 5 minutes, then lets a code through again', () => {
    const locked = [...onWith, ...failuresAt(FIXED_NOW, 5)];
    given(totpDecider, locked).when(totpLogin(500)).thenFails('too_many_attempts');
    given(totpDecider, locked).when({ type: 'RecordSecondFactorFailure', method: 'totp' }).thenFails('too_many_attempts');
    given(totpDecider, locked)
      .when({ type: 'DisableTotp', proof: { method: 'recovery_code', index: 0 } })
      .thenFails('too_many_attempts');
    const lastFailure = new Date(FIXED_NOW.getTime() - 1000);
    given(totpDecider, locked, { now: new Date(lastFailure.getTime() + LOCKOUT_MS - 1) })
      .when(totpLogin(500))
      .thenFails('too_many_attempts');
    given(totpDecider, locked, { now: new Date(lastFailure.getTime() + LOCKOUT_MS) })
      .when(totpLogin(500))
      .then([authenticated({ method: 'totp', step: 500, session: sessionId })]);
    // Four failures do not lock.
    given(totpDecider, [...onWith, ...failuresAt(FIXED_NOW, 4)])
      .when(totpLogin(500))
      .then([authenticated({ method: 'totp', step: 500, session: sessionId })]);
  });

  it('records a wrong code as a failure', () => {
    given(totpDecider, onWith)
      .when({ type: 'RecordSecondFactorFailure', method: 'totp' })
      .then([failed(FIXED_NOW)]);
  });

  it('disables with a code, and regenerates recovery codes with one; a replayed code changes nothing but its failure', () => {
    given(totpDecider, onWith)
      .when({ type: 'DisableTotp', proof: { method: 'totp', step: 101 } })
      .then([authenticated({ method: 'totp', step: 101 }), { type: 'MfaDisabled', data: { userId, method: 'totp' } }]);
    given(totpDecider, onWith)
      .when({ type: 'DisableTotp', proof: { method: 'totp', step: 100 } })
      .then([failed(FIXED_NOW, 'replayed_code')]);
    given(totpDecider, onWith)
      .when({ type: 'RegenerateRecoveryCodes', step: 101, recoveryCodeHashes: ['n0'] })
      .then([
        authenticated({ method: 'totp', step: 101 }),
        { type: 'MfaRecoveryCodesRegenerated', data: { userId, recoveryCodeHashes: ['n0'] } },
      ]);
    const off = fold(totpDecider, [...onWith, { type: 'MfaDisabled', data: { userId, method: 'totp' } }]);
    expect(isTotpEnabled(off)).toBe(false);
    expect(recoveryCodesRemaining(off)).toBe(0);
    given(totpDecider, [registered])
      .when({ type: 'DisableTotp', proof: { method: 'totp', step: 1 } })
      .thenFails('conflict');
  });

  it('records a password-only login, and refuses one once TOTP is on', () => {
    given(totpDecider, [registered])
      .when({ type: 'RecordPasswordLogin', sessionId })
      .then([
        {
          type: 'UserAuthenticated',
          data: { userId, method: 'password', sessionId, totpStep: null, recoveryCodeIndex: null, otpId: null },
        },
      ]);
    given(totpDecider, onWith).when({ type: 'RecordPasswordLogin', sessionId }).thenFails('unauthorized');
  });

  it('starts a new secret with its own steps', () => {
    const reenrolled = [...onWith, { type: 'MfaDisabled', data: { userId, method: 'totp' } } as UserEvent, started];
    given(totpDecider, reenrolled)
      .when({ type: 'ConfirmTotp', step: 100, recoveryCodeHashes: hashes })
      .then([authenticated({ method: 'totp', step: 100 }), enabled]);
  });
});
