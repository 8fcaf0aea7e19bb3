/** The signed-in user's tokens, kept across reloads; the access token is renewed before it expires. */
export interface Session {
  accessToken: string;
  refreshToken: string;
  userId: string;
  /** Epoch ms at which the access token stops working. */
  expiresAt: number;
}

/** What POST /auth/login, /auth/refresh and /auth/mfa/verify answer. */
export interface IssuedSession {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  user_id: string;
}

const STORAGE_KEY = 'filora.session';
type Listener = (session: Session | null) => void;

function stored(): Session | null {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    return text === null ? null : (JSON.parse(text) as Session);
  } catch {
    return null;
  }
}

let current: Session | null = stored();
const listeners = new Set<Listener>();

export const sessionStore = {
  current: (): Session | null => current,
  /** The session as stored now, which another tab may have renewed since this one last looked. */
  reread(): Session | null {
    const now = stored();
    if (now?.refreshToken !== current?.refreshToken) {
      current = now;
      listeners.forEach((listener) => listener(current));
    }
    return current;
  },
  set(issued: IssuedSession): Session {
    current = {
      accessToken: issued.access_token,
      refreshToken: issued.refresh_token,
      userId: issued.user_id,
      expiresAt: Date.now() + issued.expires_in * 1000,
    };
    localStorage.setItem(STORAGE_KEY, JSON.stringify(current));
    listeners.forEach((listener) => listener(current));
    return current;
  },
  clear(): void {
    if (current === null) return;
    current = null;
    localStorage.removeItem(STORAGE_KEY);
    listeners.forEach((listener) => listener(null));
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

// Another tab signed in or out: follow it.
window.addEventListener('storage', (event) => {
  if (event.key !== STORAGE_KEY) return;
  current = stored();
  listeners.forEach((listener) => listener(current));
});
