import { z } from 'zod';
import type { PlanName } from '../../domain/user/plans';
import { PLAN_LIMITS, planName } from '../../domain/user/plans';
import { roleName } from '../../domain/user/roles';
import type { UserView } from '../../projections/users/usersProjection';

const userFields = {
  id: z.uuid(),
  username: z.string(),
  email: z.string(),
  display_name: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  last_login_at: z.string().nullable(),
};

export const userResponse = z.object(userFields).meta({ id: 'User' });

const planLimitsResponse = z
  .object({
    per_minute: z.int().min(1).meta({ description: 'Requests per minute, across all sessions and tokens of the user' }),
    per_day: z.int().min(1).nullable().meta({ description: 'Requests per day; null: no daily limit' }),
  })
  .meta({ id: 'PlanLimits' });

/** The caller themself: the user, with the plan that sets their rate limits. */
export const currentUserResponse = z
  .object({
    ...userFields,
    plan: planName.meta({ description: 'Set by an operator (`filora users plan`); users never given one are on the default plan' }),
    limits: planLimitsResponse,
    roles: z.array(roleName).meta({
      description:
        "Granted by an operator (`filora users grant <username> admin|auditor`); an auditor or admin reads every stream's history",
    }),
    mfa_enabled: z.boolean().meta({ description: 'Whether logins need a TOTP code (POST /auth/mfa/totp to enroll)' }),
  })
  .meta({ id: 'CurrentUser' });

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

export function presentCurrentUser(view: UserView, defaultPlan: PlanName): z.infer<typeof currentUserResponse> {
  const plan = view.plan ?? defaultPlan;
  const { perMinute, perDay } = PLAN_LIMITS[plan];
  return {
    ...presentUser(view),
    plan,
    limits: { per_minute: perMinute, per_day: perDay },
    roles: view.roles ?? [],
    mfa_enabled: view.mfa_enabled ?? false,
  };
}

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
