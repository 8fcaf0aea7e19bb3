import { loginInput, refreshTokenInput, registerUserInput } from './userSchemas';
import { notFound } from '../../domain/shared/domainError';
import { z } from 'zod';
import { mfaRequiredResponse } from '../mfa/mfaSchemas';
import { sessionBody } from './sessionBody';
import type { UserView } from '../../projections/users/usersProjection';
import { USERS } from '../../projections/users/usersProjection';
import type { ApiServices } from '../apiServices';
import { route } from '../http/route';
import { NO_STORE } from '../http/secretAnswer';
import type { Route } from '../http/route';
import { settle } from '../http/readAfterWrite';
import { presentUser, sessionResponse, userResponse } from './userViews';

export function authRoutes(services: ApiServices): Route[] {
  const { accessTokens, sessions, readStore, progress, limits, mfaTokens } = services;

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
      summary: 'Log in with a username or email and a password; with a second factor on, the answer asks for it (POST /auth/mfa/verify)',
      body: loginInput,
      responses: {
        200: { description: 'A new session, or the second factor still required', schema: z.union([sessionResponse, mfaRequiredResponse]) },
        401: { description: 'Wrong credentials' },
      },
      async handler({ body, metadata }) {
        const outcome = await sessions.login(body, metadata);
        if (!outcome.mfaRequired)
          return { status: 200, body: await sessionBody(accessTokens, outcome), position: outcome.position, headers: NO_STORE };
        const mfaRequired = {
          mfa_required: true,
          mfa_token: await mfaTokens.issue(outcome),
          methods: ['totp', 'recovery_code'],
          expires_in: mfaTokens.ttlSeconds,
        };
        return { status: 200, body: mfaRequired, headers: NO_STORE };
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
        return { status: 200, body: await sessionBody(accessTokens, session), position: session.position, headers: NO_STORE };
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
