import type { ReadStore } from '../../ports/readStore';
import type { SessionView } from './sessionsProjection';
import { SESSIONS } from './sessionsProjection';

/** The session if it is still live: started, and neither ended nor expired. */
export async function findLiveSession(readStore: ReadStore, sessionId: string, now: Date): Promise<SessionView | null> {
  const session = await readStore.get<SessionView>(SESSIONS, sessionId);
  return session && new Date(session.expires_at) > now ? session : null;
}
