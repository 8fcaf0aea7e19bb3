import type { ProfileChanges } from '../../commands/users/updateProfile';
import { z } from 'zod';
import { updateProfileInput } from './userSchemas';
import { notFound } from '../../domain/shared/domainError';
import type { UserView } from '../../projections/users/usersProjection';
import { USERS } from '../../projections/users/usersProjection';
import type { ApiServices } from '../apiServices';
import { cursorParam, findPage, limitParam, pageSchema } from '../http/pagination';
import { MINUTE_MS } from '../http/rateLimit/rateLimitRule';
import { route } from '../http/route';
import type { Route, RouteResult } from '../http/route';
import { settle } from '../http/readAfterWrite';
import { currentUserResponse, presentCurrentUser, presentPublicUser, publicUserResponse } from './userViews';

const searchQuery = z.strictObject({
  q: z.string().trim().min(2).max(100),
  limit: limitParam(50),
  cursor: cursorParam,
});

const toProfileChanges = (body: z.infer<typeof updateProfileInput>): ProfileChanges => ({
  displayName: body.display_name,
  username: body.username,
  email: body.email,
  password: body.password,
  currentPassword: body.current_password,
});

export function userRoutes(services: ApiServices): Route[] {
  const { readStore, progress, limits } = services;

  const me = async (userId: string): Promise<RouteResult> => {
    const view = await readStore.get<UserView>(USERS, userId);
    if (!view) throw notFound('user not found');
    return { status: 200, body: presentCurrentUser(view, limits.rate.defaultPlan) };
  };

  return [
    route({
      method: 'get',
      path: '/users/me',
      aliases: ['/user'],
      tag: 'users',
      access: 'user',
      summary: 'The current user',
      responses: { 200: { description: 'The current user, with their plan and its limits', schema: currentUserResponse } },
      handler: ({ principal }) => me(principal.userId),
    }),
    route({
      method: 'patch',
      path: '/users/me',
      tag: 'users',
      // The account's identity (where email codes go, the name a login takes): an API or OAuth token may not change it.
      access: 'session',
      summary: 'Change display name, username, email or password (a login session only)',
      body: updateProfileInput,
      responses: {
        200: { description: 'The updated user', schema: currentUserResponse },
        403: { description: 'Called with an API or OAuth token' },
        409: { description: 'Username or email taken' },
      },
      async handler({ body, principal, metadata }) {
        const { position } = await services.updateProfile.run(principal.userId, toProfileChanges(body), metadata);
        await settle(progress, position, limits.readWaitMaxMs, principal.userId);
        return { ...(await me(principal.userId)), position };
      },
    }),
    route({
      method: 'get',
      path: '/users/search',
      tag: 'users',
      access: 'user',
      summary: 'Find users by username or display name',
      query: searchQuery,
      rateLimit: { name: 'user search', limit: 50, windowMs: MINUTE_MS },
      responses: { 200: { description: 'Matching users', schema: pageSchema(publicUserResponse) } },
      async handler({ query }) {
        const page = await findPage<UserView, ReturnType<typeof presentPublicUser>>(
          readStore,
          USERS,
          { search_text: { $contains: query.q.toLowerCase() } },
          {
            sort: [['username_lower', 1]],
            limit: query.limit,
            cursor: query.cursor,
          },
          presentPublicUser,
        );
        return { status: 200, body: page };
      },
    }),
  ];
}
