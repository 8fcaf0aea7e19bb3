import { z } from 'zod';
import { SCOPES } from '../../domain/access/scopes';
import { OAUTH_CLIENT_TYPES } from '../../domain/oauth/oauthAppEvents';
import type { OAuthAppView } from '../../projections/oauth/oauthAppsProjection';

export const appResponse = z
  .object({
    id: z.uuid(),
    client_id: z.uuid().meta({ description: 'The app’s id, as OAuth clients send it (`client_id`).' }),
    name: z.string(),
    redirect_uris: z.array(z.string()),
    scopes: z.array(z.enum(SCOPES)),
    client_type: z.enum(OAUTH_CLIENT_TYPES),
    created_at: z.string(),
    updated_at: z.string(),
    secret_rotated_at: z.string().nullable().meta({ description: 'When the client secret was last rotated; null if never.' }),
  })
  .meta({ id: 'OAuthApp' });

export const issuedAppResponse = appResponse
  .extend({
    client_secret: z
      .string()
      .nullable()
      .meta({ description: 'The client secret (`flcs_…`): shown in this answer only, never again; null for a public client.' }),
  })
  .meta({ id: 'OAuthAppWithSecret' });

type AppResponse = z.infer<typeof appResponse>;

export const presentApp = (view: OAuthAppView): AppResponse => ({
  id: view._id,
  client_id: view._id,
  name: view.name,
  redirect_uris: view.redirect_uris,
  scopes: SCOPES.filter((scope) => view.scopes.includes(scope)),
  client_type: view.client_type,
  created_at: view.created_at,
  updated_at: view.updated_at,
  secret_rotated_at: view.rotated_at,
});
