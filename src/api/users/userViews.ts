import { z } from 'zod';
import type { UserView } from '../../projections/users/usersProjection';

export const userResponse = z
  .object({
    id: z.uuid(),
    username: z.string(),
    email: z.string(),
    display_name: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
    last_login_at: z.string().nullable(),
  })
  .meta({ id: 'User' });

/** What other users may see of someone. */
export const publicUserResponse = z.object({ id: z.uuid(), username: z.string(), display_name: z.string() }).meta({ id: 'PublicUser' });

export const presentUser = (view: UserView): z.infer<typeof userResponse> => ({
  id: view._id,
  username: view.username,
  email: view.email,
  display_name: view.display_name,
  created_at: view.created_at,
  updated_at: view.updated_at,
  last_login_at: view.last_login_at,
});

export const presentPublicUser = (view: UserView): z.infer<typeof publicUserResponse> => ({
  id: view._id,
  username: view.username,
  display_name: view.display_name,
});

export const sessionResponse = z
  .object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.int().min(0),
    refresh_token: z.string(),
    refresh_expires_at: z.string(),
    user_id: z.uuid(),
  })
  .meta({ id: 'Session' });
