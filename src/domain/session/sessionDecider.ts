import type { Decider } from '../shared/decider';
import { constantTimeEqual } from '../shared/constantTimeEqual';
import { conflict, unauthorized } from '../shared/domainError';
import type { SessionEvent } from './sessionEvents';

export interface SessionState {
  sessionId: string | null;
  userId: string | null;
  currentHash: string | null;
  /** Hashes of refresh tokens already rotated away: presenting one again means it leaked. */
  spentHashes: readonly string[];
  expiresAt: Date | null;
  credentialsVersion: number;
  revoked: boolean;
}

export type SessionCommand =
  | { type: 'StartSession'; sessionId: string; userId: string; refreshTokenHash: string; expiresAt: Date; credentialsVersion: number }
  | { type: 'RotateRefreshToken'; presentedHash: string; refreshTokenHash: string; expiresAt: Date; currentCredentialsVersion: number }
  | { type: 'EndSession'; presentedHash: string };

const initialState: SessionState = {
  sessionId: null,
  userId: null,
  currentHash: null,
  spentHashes: [],
  expiresAt: null,
  credentialsVersion: 0,
  revoked: false,
};

function evolve(state: SessionState, event: SessionEvent): SessionState {
  switch (event.type) {
    case 'SessionStarted':
      return {
        ...state,
        sessionId: event.data.sessionId,
        userId: event.data.userId,
        currentHash: event.data.refreshTokenHash,
        expiresAt: new Date(event.data.expiresAt),
        credentialsVersion: event.data.credentialsVersion,
      };
    case 'RefreshTokenRotated':
      return {
        ...state,
        currentHash: event.data.refreshTokenHash,
        spentHashes: [...state.spentHashes, event.data.previousHash],
        expiresAt: new Date(event.data.expiresAt),
      };
    case 'SessionRevoked':
      return { ...state, revoked: true };
  }
}

const isCurrent = (state: SessionState, hash: string) => state.currentHash !== null && constantTimeEqual(state.currentHash, hash);
const isSpent = (state: SessionState, hash: string) => state.spentHashes.some((spent) => constantTimeEqual(spent, hash));

/**
 * Rotation of a token already spent, or after the user's password changed, revokes the whole family
 * instead of failing: the caller must look at the decided events (see `revocationIn`) and refuse the
 * request after appending them.
 */
export const sessionDecider: Decider<SessionCommand, SessionEvent, SessionState> = {
  initialState,
  evolve,
  decide(command, state, { now }) {
    if (command.type === 'StartSession') {
      if (state.sessionId !== null) throw conflict('session already exists');
      const { sessionId, userId, refreshTokenHash, expiresAt, credentialsVersion } = command;
      return [
        { type: 'SessionStarted', data: { sessionId, userId, refreshTokenHash, expiresAt: expiresAt.toISOString(), credentialsVersion } },
      ];
    }
    const sessionId = state.sessionId;
    if (sessionId === null || state.revoked) throw unauthorized('refresh token is not valid');
    if (command.type === 'EndSession') {
      if (!isCurrent(state, command.presentedHash) && !isSpent(state, command.presentedHash))
        throw unauthorized('refresh token is not valid');
      return [{ type: 'SessionRevoked', data: { sessionId, reason: 'logout' } }];
    }
    if (isSpent(state, command.presentedHash)) return [{ type: 'SessionRevoked', data: { sessionId, reason: 'refresh_token_reused' } }];
    if (!isCurrent(state, command.presentedHash) || state.expiresAt === null || state.expiresAt <= now)
      throw unauthorized('refresh token is not valid');
    if (command.currentCredentialsVersion !== state.credentialsVersion)
      return [{ type: 'SessionRevoked', data: { sessionId, reason: 'credentials_changed' } }];
    return [
      {
        type: 'RefreshTokenRotated',
        data: {
          sessionId,
          previousHash: command.presentedHash,
          refreshTokenHash: command.refreshTokenHash,
          expiresAt: command.expiresAt.toISOString(),
        },
      },
    ];
  },
};

/** Why the decided events revoke the session, if they do. */
export function revocationIn(events: readonly SessionEvent[]): Extract<SessionEvent, { type: 'SessionRevoked' }>['data']['reason'] | null {
  const revoked = events.find((event) => event.type === 'SessionRevoked');
  return revoked?.type === 'SessionRevoked' ? revoked.data.reason : null;
}
