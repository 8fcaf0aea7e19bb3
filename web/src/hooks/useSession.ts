import { useEffect, useState } from 'preact/hooks';
import type { Session } from '../api/session';
import { sessionStore } from '../api/session';

/** The current session; re-renders when the user signs in or out (in this tab or another). */
export function useSession(): Session | null {
  const [session, setSession] = useState(sessionStore.current());
  useEffect(() => sessionStore.subscribe(setSession), []);
  return session;
}
