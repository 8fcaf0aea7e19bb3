import OAuth2Server from '@node-oauth/oauth2-server';
import { z } from 'zod';
import type { Scope } from '../../domain/access/scopes';
import { SCOPES } from '../../domain/access/scopes';
import type { GrantHolder, OAuthAccessTokens, OAuthClient, OAuthClients, OAuthGrants } from '../../commands/oauth/oauthPorts';
import type { EventMetadata } from '../../ports/eventStore';

/** What the protocol endpoints call: the apps (O1), the grants and the access tokens (O2). */
export interface OAuthProtocolPorts {
  clients: OAuthClients;
  grants: OAuthGrants;
  accessTokens: OAuthAccessTokens;
}

/** The only grants Filora's apps may use. */
export const OAUTH_GRANT_TYPES = ['authorization_code', 'refresh_token'] as const;

/**
 * How the library's `getClient` finds the app: at the authorize endpoint by its id alone (the user is
 * there, not the client), at the token endpoint authenticated by its secret (none for a public app).
 */
export type ClientLookup = 'registered' | 'authenticated';

/** What the token request presented that the model checks itself. */
export interface PresentedParams {
  /** RFC 6749 §4.1.3: it must be the code's; another is invalid_grant (§5.2), where the library would say invalid_request. */
  redirectUri?: string;
}

export interface LibraryClient extends OAuth2Server.Client {
  app: OAuthClient;
}

const toLibraryClient = (app: OAuthClient): LibraryClient => ({
  id: app.clientId,
  grants: [...OAUTH_GRANT_TYPES],
  redirectUris: [...app.redirectUris],
  app,
});

/** The library hands back the "user" the model gave it; read it back with its shape checked. */
const grantHolder = z.object({ id: z.uuid(), grantId: z.uuid(), familyId: z.uuid() });
const consentingUser = z.object({ id: z.uuid() });
const scopeList = z.array(z.enum(SCOPES));

const holderOf = (user: OAuth2Server.User): GrantHolder => grantHolder.parse(user);
const asUser = (holder: GrantHolder): OAuth2Server.User => ({ id: holder.id, grantId: holder.grantId, familyId: holder.familyId });
const appOf = (client: OAuth2Server.Client): OAuthClient => (client as LibraryClient).app;

/** A placeholder the library asks for before saving: the grant commands make the real code and refresh token themselves. */
const MADE_ON_SAVE = 'issued-on-save';

/**
 * Scopes the app may be granted: those asked, when every one is the app's; the app's own when none is
 * asked. False (the library's invalid_scope) otherwise.
 */
export function grantableScopes(app: OAuthClient, requested: readonly string[] | undefined): Scope[] | false {
  if (requested === undefined || requested.length === 0) return [...app.scopes];
  const asked = [...new Set(requested)];
  return asked.every((scope) => (app.scopes as readonly string[]).includes(scope)) ? scopeList.parse(asked) : false;
}

/**
 * The scopes a token of the app gets now: the granted ones the app still has (narrowing an app narrows
 * the tokens of its existing grants). A grant the app has none of left gives no token.
 */
function scopesWithinApp(client: OAuth2Server.Client, granted: readonly string[] | undefined): Scope[] {
  const app = appOf(client);
  const scopes = scopeList.parse(granted ?? []).filter((scope) => app.scopes.includes(scope));
  if (scopes.length === 0) throw new OAuth2Server.InvalidGrantError('the app no longer has any of the scopes this grant gave');
  return scopes;
}

/**
 * @node-oauth/oauth2-server's model over Filora's ports, for one request (its events carry the request's
 * metadata). Codes and refresh tokens are made by the grant aggregate when they are saved, so the
 * library's generate* hooks answer placeholders; access tokens are JWTs naming the grant's token family.
 */
export function oauthModel(
  ports: OAuthProtocolPorts,
  metadata: EventMetadata,
  lookup: ClientLookup,
  presented: PresentedParams = {},
): OAuth2Server.AuthorizationCodeModel & OAuth2Server.RefreshTokenModel {
  const { clients, grants, accessTokens } = ports;
  return {
    async getClient(clientId: string, clientSecret: string | null | undefined) {
      const app = lookup === 'registered' ? await clients.find(clientId) : await clients.authenticate(clientId, clientSecret ?? null);
      return app ? toLibraryClient(app) : false;
    },

    validateRedirectUri(redirectUri: string, client: OAuth2Server.Client) {
      return Promise.resolve(appOf(client).redirectUris.includes(redirectUri));
    },

    validateScope(_user: OAuth2Server.User, client: OAuth2Server.Client, scope?: string[]) {
      return Promise.resolve(grantableScopes(appOf(client), scope));
    },

    generateAuthorizationCode: () => Promise.resolve(MADE_ON_SAVE),

    async saveAuthorizationCode(code, client, user) {
      const issued = await grants.issueCode(
        {
          userId: consentingUser.parse(user).id,
          client: appOf(client),
          scopes: scopeList.parse(code.scope ?? []),
          redirectUri: code.redirectUri,
          codeChallenge: code.codeChallenge ?? null,
          codeChallengeMethod: code.codeChallenge ? 'S256' : null,
        },
        metadata,
      );
      return { ...code, authorizationCode: issued.code, expiresAt: issued.expiresAt, client, user };
    },

    async getAuthorizationCode(authorizationCode: string) {
      const record = await grants.findCode(authorizationCode, metadata);
      if (!record) return false;
      if (presented.redirectUri !== undefined && presented.redirectUri !== record.redirectUri)
        throw new OAuth2Server.InvalidGrantError('redirect_uri is not the one the code was issued for');
      return {
        authorizationCode: record.code,
        expiresAt: record.expiresAt,
        redirectUri: record.redirectUri,
        scope: [...record.scopes],
        client: { id: record.clientId, grants: [...OAUTH_GRANT_TYPES] },
        user: asUser(record.holder),
        ...(record.codeChallenge ? { codeChallenge: record.codeChallenge, codeChallengeMethod: record.codeChallengeMethod ?? 'S256' } : {}),
      };
    },

    revokeAuthorizationCode: (code) => grants.spendCode(code.authorizationCode, metadata),

    generateAccessToken: (client, user, scope) =>
      accessTokens.issue({ holder: holderOf(user), clientId: client.id, scopes: scopesWithinApp(client, scope) }),

    generateRefreshToken: () => Promise.resolve(MADE_ON_SAVE),

    async saveToken(token, client, user) {
      const fromCode = typeof token.authorizationCode === 'string' ? token.authorizationCode : null;
      const scopes = scopesWithinApp(client, token.scope);
      const issued = await grants.issueRefreshToken({ holder: holderOf(user), fromCode, scopes }, metadata);
      return { ...token, scope: scopes, refreshToken: issued.refreshToken, refreshTokenExpiresAt: issued.expiresAt, client, user };
    },

    async getRefreshToken(refreshToken: string) {
      const record = await grants.findRefreshToken(refreshToken, metadata);
      if (!record) return false;
      return {
        refreshToken: record.refreshToken,
        refreshTokenExpiresAt: record.expiresAt,
        scope: [...record.scopes],
        client: { id: record.clientId, grants: [...OAUTH_GRANT_TYPES] },
        user: asUser(record.holder),
      };
    },

    revokeToken: (token) => grants.spendRefreshToken(token.refreshToken, metadata),

    // Access tokens are verified by the API's authentication middleware, never through the library.
    getAccessToken: () => Promise.resolve(false),
  };
}
