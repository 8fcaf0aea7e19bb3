import { SESSIONS, sessionsProjection } from '../../../src/projections/sessions/sessionsProjection';
import { projectionSpec } from './projectionSpec';
import { at, RecordedEvents, uuid } from './recordedEvents';

const spec = projectionSpec(sessionsProjection);
const ALICE = uuid(1);
const BOB = uuid(2);

describe('sessions projection', () => {
  const log = new RecordedEvents();
  const started = (sessionId: string, userId: string) =>
    log.record('SessionStarted', {
      sessionId,
      userId,
      refreshTokenHash: 'h1',
      expiresAt: '2026-02-01T00:00:00.000Z',
      credentialsVersion: 0,
    });
  const first = started(uuid(10), ALICE);
  const second = started(uuid(11), ALICE);
  const bobs = started(uuid(12), BOB);
  const rotated = log.record('RefreshTokenRotated', {
    sessionId: uuid(10),
    previousHash: 'h1',
    refreshTokenHash: 'h2',
    expiresAt: '2026-03-01T00:00:00.000Z',
  });
  const loggedOut = log.record('SessionRevoked', { sessionId: uuid(11), reason: 'logout' });
  const passwordChanged = log.record('PasswordChanged', { userId: ALICE, passwordHash: 'scrypt$new' });

  const row = (sessionId: string, userId: string, event: typeof first, expiresAt = '2026-02-01T00:00:00.000Z') => ({
    _id: sessionId,
    user_id: userId,
    started_at: at(event),
    expires_at: expiresAt,
  });

  it('holds each started session, with the expiry of its latest refresh token', () =>
    spec.given([first, bobs, rotated]).then(SESSIONS, [row(uuid(10), ALICE, first, '2026-03-01T00:00:00.000Z'), row(uuid(12), BOB, bobs)]));

  it('drops a session that ended', () => spec.given([first, second, loggedOut]).then(SESSIONS, [row(uuid(10), ALICE, first)]));

  it("drops every session of a user whose password changed, and no one else's", () =>
    spec.given([first, second, bobs, rotated, passwordChanged]).then(SESSIONS, [row(uuid(12), BOB, bobs)]));
});
