import { z } from 'zod';
import { OAUTH_CLIENT_TYPES } from '../../domain/oauth/oauthAppEvents';
import { MAX_REDIRECT_URI_LENGTH, MAX_REDIRECT_URIS, redirectUriProblem } from '../../domain/oauth/redirectUris';
import { scopesField } from '../tokens/tokenSchemas';
import { displayNameField } from '../users/userSchemas';

const redirectUriField = z
  .string()
  .max(MAX_REDIRECT_URI_LENGTH)
  .superRefine((uri, context) => {
    const problem = redirectUriProblem(uri);
    if (problem !== null) context.addIssue({ code: 'custom', message: problem });
  });

const redirectUrisField = z
  .array(redirectUriField)
  .min(1)
  .max(MAX_REDIRECT_URIS)
  .refine((uris) => new Set(uris).size === uris.length, { message: 'each redirect URI at most once' })
  .meta({
    description:
      'Where users are sent back with a code: https, or http for 127.0.0.1, [::1] and localhost only; no fragment, no userinfo. ' +
      'An authorization request’s redirect_uri must equal one of them exactly.',
  });

const appScopesField = scopesField.meta({ description: 'The most the app may ask a user for; each user grants some or all of them.' });

const clientTypeField = z.enum(OAUTH_CLIENT_TYPES).meta({
  description:
    '`confidential`: a server that keeps a client secret; `public`: a browser or native app, without a secret, that must use PKCE (S256).',
});

export const registerAppInput = z.strictObject({
  name: displayNameField.meta({ description: 'Shown to users on the consent page.' }),
  redirect_uris: redirectUrisField,
  scopes: appScopesField,
  client_type: clientTypeField.default('confidential'),
});

/** The client type cannot change: a public client has no secret to start from, a confidential one's secret would be left behind. */
export const patchAppInput = z
  .strictObject({
    name: displayNameField.optional(),
    redirect_uris: redirectUrisField.optional(),
    scopes: appScopesField.optional(),
  })
  .refine((input) => Object.keys(input).length > 0, { message: 'at least one field is required' })
  .meta({ minProperties: 1 });
