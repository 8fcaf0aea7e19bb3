import { z } from 'zod';
import { sessionEvent } from '../../domain/session/sessionEvents';
import { passwordChanged } from '../../domain/user/userEvents';
import type { Document } from '../../ports/readStore';
import { documentProjection } from '../documentProjection';

export const SESSIONS = 'sessions';

/** A session that may still act: started, not ended by logout, reuse or a password change. */
export interface SessionView extends Document {
  user_id: string;
  started_at: string;
  /** When its refresh token expires; access tokens issued for it expire sooner. */
  expires_at: string;
}

const sessionsEvent = z.discriminatedUnion('type', [...sessionEvent.options, passwordChanged]);
type SessionsEvent = z.infer<typeof sessionsEvent>;

function evolveSession(view: SessionView | null, event: SessionsEvent, at: string): SessionView | null {
  switch (event.type) {
    case 'SessionStarted':
      return { _id: event.data.sessionId, user_id: event.data.userId, started_at: at, expires_at: event.data.expiresAt };
    case 'RefreshTokenRotated':
      return view && { ...view, expires_at: event.data.expiresAt };
    case 'SessionRevoked':
    case 'PasswordChanged':
      return null;
  }
}

/** The live sessions, so that an access token stops working as soon as its session ends, not when it expires. */
export const sessionsProjection = documentProjection<SessionsEvent, SessionView>({
  name: 'sessions',
  version: 1,
  collection: SESSIONS,
  handles: sessionsEvent.options.map((option) => option.shape.type.value),

  async setup(store) {
    await store.ensureIndex(SESSIONS, { fields: [['user_id', 1]] });
  },
  parse: (event) => sessionsEvent.parse(event),
  // A password change ends every session of the user.
  key: (event) => (event.type === 'PasswordChanged' ? { matching: { user_id: event.data.userId } } : event.data.sessionId),
  evolve: evolveSession,
});
