import type { z } from 'zod';
import type { IssuedSession } from '../../commands/auth/sessions';
import type { AccessTokens } from '../auth/accessTokens';
import type { sessionResponse } from './userViews';

/** The answer that starts or renews a session: login, its second step, refresh. */
export const sessionBody = async (accessTokens: AccessTokens, session: IssuedSession): Promise<z.infer<typeof sessionResponse>> => ({
  access_token: await accessTokens.issue(session.userId, session.sessionId, session.position),
  token_type: 'Bearer',
  expires_in: accessTokens.ttlSeconds,
  refresh_token: session.refreshToken,
  refresh_expires_at: session.refreshExpiresAt.toISOString(),
  user_id: session.userId,
});
