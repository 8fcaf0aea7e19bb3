import { api } from './client';
import type { IssuedSession } from './session';
import { sessionStore } from './session';

export interface MfaChallenge {
  mfaToken: string;
  methods: readonly ('totp' | 'recovery_code')[];
}

interface MfaRequired {
  mfa_required: true;
  mfa_token: string;
  methods: ('totp' | 'recovery_code')[];
}

/** Signs in with the password; answers the second step when the account has one, else starts the session. */
export async function signIn(username: string, password: string): Promise<MfaChallenge | null> {
  const answer = await api<IssuedSession | MfaRequired>('POST', '/auth/login', { body: { username, password }, anonymous: true });
  if ('mfa_required' in answer) return { mfaToken: answer.mfa_token, methods: answer.methods };
  sessionStore.set(answer);
  return null;
}

/** The second step of a sign-in: a TOTP code, or one of the recovery codes. */
export async function completeSignIn(challenge: MfaChallenge, second: { code: string } | { recovery_code: string }): Promise<void> {
  sessionStore.set(
    await api<IssuedSession>('POST', '/auth/mfa/verify', { body: { mfa_token: challenge.mfaToken, ...second }, anonymous: true }),
  );
}

export interface Registration {
  username: string;
  email: string;
  password: string;
  display_name?: string;
}

/** Creates the account, then signs in with it. */
export async function register(registration: Registration): Promise<void> {
  await api('POST', '/auth/register', { body: registration, anonymous: true });
  await signIn(registration.username, registration.password);
}

/**
 * Ends the session on the server (its refresh token is spent), then here whatever the server answered: a
 * refresh token the server did not hear about is forgotten here and runs out on its own.
 */
export async function signOut(): Promise<void> {
  const session = sessionStore.current();
  try {
    if (session !== null) await api('POST', '/auth/logout', { body: { refresh_token: session.refreshToken }, anonymous: true });
  } catch {
    // Signed out here all the same.
  } finally {
    sessionStore.clear();
  }
}
