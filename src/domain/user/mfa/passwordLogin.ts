import type { UserEvent } from '../userEvents';

/** A login by password alone (it replaces UserLoggedIn for new logins; old streams keep theirs). */
export const passwordLogin = (userId: string, sessionId: string): UserEvent => ({
  type: 'UserAuthenticated',
  data: { userId, method: 'password', sessionId, totpStep: null, recoveryCodeIndex: null, otpId: null },
});
