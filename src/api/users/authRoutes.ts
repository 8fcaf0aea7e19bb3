import { loginInput, refreshTokenInput, registerUserInput } from './userSchemas';
import { notFound } from '../../domain/shared/domainError';
import type { IssuedSession } from '../../commands/auth/sessions';
import type { UserView } from '../../projections/users/usersProjection';
import { USERS } from '../../projections/users/usersProjection';
import type { ApiServices } from '../apiServices';
import { route } from '../http/route';
import type { Route } from '../http/route';
import { settle } from '../http/readAfterWrite';
import { presentUser, sessionResponse, userResponse } from './userViews';

export function authRoutes(services: ApiServices): Route[] {
  const { accessTokens, sessions, readStore, progress, limits } = services;

  const sessionBody = async (session: IssuedSession) => ({
    access_token: await accessTokens.issue(session.userId, session.sessionId, session.position),
    token_type: 'Bearer' as const,
    expires_in: accessTokens.ttlSeconds,
    refresh_token: session.refreshToken,
    refresh_expires_at: session.refreshExpiresAt.toISOString(),
    user_id: session.userId,
  });

  return [
    route({
      method: 'post',
      path: '/auth/register',
      tag: 'auth',
      access: 'public',
      summary: 'Create an account',
      body: registerUserInput,
      responses: { 201: { description: 'The new user', schema: userResponse }, 409: { description: 'Username or email taken' } },
      async handler({ body, metadata }) {
        const { user, position } = await services.registerUser.run(
          { username: body.username, email: body.email, password: body.password, displayName: body.display_name },
          metadata,
        );
        await settle(progress, position, limits.readWaitMaxMs, user.userId);
        const view = await readStore.get<UserView>(USERS, user.userId);
        if (!view) throw notFound('user not found');
        return { status: 201, body: presentUser(view), position, headers: { Location: '/api/v1/users/me' } };
      },
    }),
    route({
      method: 'post',
      path: '/auth/login',
      tag: 'auth',
      access: 'public',
      summary: 'Log in with a username or email and a password',
      body: loginInput,
      responses: { 200: { description: 'A new session', schema: sessionResponse }, 401: { description: 'Wrong credentials' } },
      async handler({ body, metadata }) {
        const session = await sessions.login(body, metadata);
        return { status: 200, body: await sessionBody(session), position: session.position };
      },
    }),
    route({
      method: 'post',
      path: '/auth/refresh',
      tag: 'auth',
      access: 'public',
      summary: 'Exchange a refresh token for new tokens (the old one is spent)',
      body: refreshTokenInput,
      responses: {
        200: { description: 'Rotated tokens', schema: sessionResponse },
        401: { description: 'Invalid, expired or reused refresh token' },
      },
      async handler({ body, metadata }) {
        const session = await sessions.refresh(body.refresh_token, metadata);
        return { status: 200, body: await sessionBody(session), position: session.position };
      },
    }),
    route({
      method: 'post',
      path: '/auth/logout',
      tag: 'auth',
      access: 'public',
      summary: 'End the session the refresh token belongs to',
      body: refreshTokenInput,
      responses: { 204: { description: 'The session is revoked' }, 401: { description: 'Invalid refresh token' } },
      async handler({ body, metadata }) {
        const position = await sessions.logout(body.refresh_token, metadata);
        return { status: 204, position };
      },
    }),
  ];
}
