import { sessionDecider } from '../../../src/domain/session/sessionDecider';
import type { SessionEvent } from '../../../src/domain/session/sessionEvents';
import { FIXED_NOW, given } from '../../support/givenWhenThen';

const sessionId = '33333333-3333-4333-8333-333333333333';
const userId = '44444444-4444-4444-8444-444444444444';
const later = new Date(FIXED_NOW.getTime() + 3600_000);
const started: SessionEvent = {
  type: 'SessionStarted',
  data: { sessionId, userId, refreshTokenHash: 'h1', expiresAt: later.toISOString(), credentialsVersion: 0 },
};
const rotated: SessionEvent = {
  type: 'RefreshTokenRotated',
  data: { sessionId, previousHash: 'h1', refreshTokenHash: 'h2', expiresAt: later.toISOString() },
};

describe('session decider', () => {
  it('starts a session once', () => {
    given(sessionDecider, [])
      .when({ type: 'StartSession', sessionId, userId, refreshTokenHash: 'h1', expiresAt: later, credentialsVersion: 0 })
      .then([started]);
    given(sessionDecider, [started])
      .when({ type: 'StartSession', sessionId, userId, refreshTokenHash: 'h1', expiresAt: later, credentialsVersion: 0 })
      .thenFails('conflict');
  });

  it('rotates the current refresh token', () => {
    given(sessionDecider, [started])
      .when({ type: 'RotateRefreshToken', presentedHash: 'h1', refreshTokenHash: 'h2', expiresAt: later, currentCredentialsVersion: 0 })
      .then([rotated]);
  });

  it('revokes the family when a spent token is presented again', () => {
    given(sessionDecider, [started, rotated])
      .when({ type: 'RotateRefreshToken', presentedHash: 'h1', refreshTokenHash: 'h3', expiresAt: later, currentCredentialsVersion: 0 })
      .then([{ type: 'SessionRevoked', data: { sessionId, reason: 'refresh_token_reused' } }]);
  });

  it('refuses unknown tokens, revoked sessions and expired tokens', () => {
    given(sessionDecider, [started])
      .when({ type: 'RotateRefreshToken', presentedHash: 'nope', refreshTokenHash: 'h2', expiresAt: later, currentCredentialsVersion: 0 })
      .thenFails('unauthorized');
    const revoked: SessionEvent = { type: 'SessionRevoked', data: { sessionId, reason: 'logout' } };
    given(sessionDecider, [started, revoked])
      .when({ type: 'RotateRefreshToken', presentedHash: 'h1', refreshTokenHash: 'h2', expiresAt: later, currentCredentialsVersion: 0 })
      .thenFails('unauthorized');
    given(sessionDecider, [started], { now: new Date(later.getTime() + 1) })
      .when({ type: 'RotateRefreshToken', presentedHash: 'h1', refreshTokenHash: 'h2', expiresAt: later, currentCredentialsVersion: 0 })
      .thenFails('unauthorized');
    given(sessionDecider, []).when({ type: 'EndSession', presentedHash: 'h1' }).thenFails('unauthorized');
  });

  it('revokes the family at the first refresh after a password change', () => {
    given(sessionDecider, [started])
      .when({ type: 'RotateRefreshToken', presentedHash: 'h1', refreshTokenHash: 'h2', expiresAt: later, currentCredentialsVersion: 1 })
      .then([{ type: 'SessionRevoked', data: { sessionId, reason: 'credentials_changed' } }]);
  });

  it('ends a session with its current token', () => {
    given(sessionDecider, [started, rotated])
      .when({ type: 'EndSession', presentedHash: 'h2' })
      .then([{ type: 'SessionRevoked', data: { sessionId, reason: 'logout' } }]);
  });
});
