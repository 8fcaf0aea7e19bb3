import { z } from 'zod';
import { SCOPES } from '../access/scopes';

/** Third-party applications users register to call Filora for other users (OAuth 2.0 clients): `oauthapp-<uuid>`, the uuid is the client_id. */
export const OAUTH_APP_CATEGORY = 'oauthapp';

/** `confidential`: a server that keeps a client secret; `public`: a browser or native app, which must use PKCE S256. */
export const OAUTH_CLIENT_TYPES = ['confidential', 'public'] as const;
export const oauthClientType = z.enum(OAUTH_CLIENT_TYPES);
export type OAuthClientType = z.infer<typeof oauthClientType>;

const scopes = z.array(z.enum(SCOPES));

export const oauthAppRegistered = z.object({
  type: z.literal('OAuthAppRegistered'),
  data: z.object({
    appId: z.uuid(),
    ownerId: z.uuid(),
    name: z.string(),
    redirectUris: z.array(z.string()),
    scopes,
    clientType: oauthClientType,
    /** SHA-256 of the client secret (high-entropy, shown once); null for a public client. */
    secretHash: z.string().nullable(),
  }),
});

/** The app's settings after the change, whole. */
export const oauthAppChanged = z.object({
  type: z.literal('OAuthAppChanged'),
  data: z.object({ appId: z.uuid(), name: z.string(), redirectUris: z.array(z.string()), scopes }),
});

/** The previous secret stops working at once (an app owner rotates a secret that leaked). */
export const oauthAppSecretRotated = z.object({
  type: z.literal('OAuthAppSecretRotated'),
  data: z.object({ appId: z.uuid(), secretHash: z.string() }),
});

/** Deleting an app also revokes every grant users gave it (OAuthGrantRevoked, reason `app_deleted`, in each grant's stream). */
export const oauthAppDeleted = z.object({
  type: z.literal('OAuthAppDeleted'),
  data: z.object({ appId: z.uuid() }),
});

export const oauthAppEvent = z.discriminatedUnion('type', [oauthAppRegistered, oauthAppChanged, oauthAppSecretRotated, oauthAppDeleted]);
export type OAuthAppEvent = z.infer<typeof oauthAppEvent>;
