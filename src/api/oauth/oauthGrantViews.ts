import { z } from 'zod';
import { SCOPES } from '../../domain/access/scopes';
import type { OAuthGrantView } from '../../projections/oauth/oauthGrantsProjection';
import { activeFamilies } from '../../projections/oauth/oauthGrantsProjection';

export const grantResponse = z
  .object({
    id: z.uuid(),
    app_id: z.uuid().meta({ description: 'The app’s client id.' }),
    app_name: z.string().nullable().meta({ description: 'The app’s name now; null once the app is deleted.' }),
    scopes: z.array(z.enum(SCOPES)).meta({
      description:
        "What you allowed the app to do. Its tokens use only those the app still has: narrowing an app's scopes narrows them too.",
    }),
    created_at: z.string().meta({ description: 'When you consented.' }),
    updated_at: z.string(),
    last_used_at: z.string().nullable().meta({ description: 'When the app last got tokens; null if never.' }),
    active_families: z
      .int()
      .min(0)
      .meta({ description: 'Token families (one per sign-in through the app) whose refresh token still works.' }),
    revoked_at: z.string().nullable(),
  })
  .meta({ id: 'OAuthGrant' });

type GrantResponse = z.infer<typeof grantResponse>;

export const presentGrant = (view: OAuthGrantView, appName: string | null, now: Date): GrantResponse => ({
  id: view._id,
  app_id: view.app_id,
  app_name: appName,
  scopes: SCOPES.filter((scope) => view.scopes.includes(scope)),
  created_at: view.created_at,
  updated_at: view.updated_at,
  last_used_at: view.last_used_at,
  active_families: view.revoked_at === null ? activeFamilies(view, now) : 0,
  revoked_at: view.revoked_at,
});
