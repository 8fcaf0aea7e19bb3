import { z } from 'zod';
import { uuidFromName } from '../shared/uuidFromName';
import { SCOPES } from '../access/scopes';

/**
 * What one user allowed one app: `oauthgrant-<uuid>`, the uuid derived from (user id, app id) (grantIdOf),
 * so consenting again finds the same grant. It holds the grant's authorization codes and its token
 * families: one family per redeemed code, every refresh rotation staying in it, as sessions do.
 */
export const OAUTH_GRANT_CATEGORY = 'oauthgrant';

const scopes = z.array(z.enum(SCOPES));

/** Consent: the first, or again with the scopes now granted (a later consent replaces the scopes; it never narrows live families). */
export const oauthGrantGiven = z.object({
  type: z.literal('OAuthGrantGiven'),
  data: z.object({ grantId: z.uuid(), userId: z.uuid(), appId: z.uuid(), scopes }),
});

/** A 60 s single-use authorization code; kept as its SHA-256 only. */
export const oauthCodeIssued = z.object({
  type: z.literal('OAuthCodeIssued'),
  data: z.object({
    grantId: z.uuid(),
    codeHash: z.string(),
    redirectUri: z.string(),
    scopes,
    codeChallenge: z.string().nullable(),
    codeChallengeMethod: z.literal('S256').nullable(),
    expiresAt: z.iso.datetime(),
  }),
});

/** The code was spent (before its PKCE verifier is checked: a failed check spends it too). */
export const oauthCodeRedeemed = z.object({
  type: z.literal('OAuthCodeRedeemed'),
  data: z.object({ grantId: z.uuid(), codeHash: z.string() }),
});

/**
 * A refresh token issued: the first of a new family (from the code `codeHash`), or a rotation within the
 * family (`codeHash` null). Access tokens are JWTs naming the family and are not stored.
 */
export const oauthTokenIssued = z.object({
  type: z.literal('OAuthTokenIssued'),
  data: z.object({
    grantId: z.uuid(),
    familyId: z.uuid(),
    codeHash: z.string().nullable(),
    refreshTokenHash: z.string(),
    refreshExpiresAt: z.iso.datetime(),
    scopes,
  }),
});

/** A refresh token used up by a rotation: presenting it again means it leaked, and revokes its family. */
export const oauthRefreshTokenSpent = z.object({
  type: z.literal('OAuthRefreshTokenSpent'),
  data: z.object({ grantId: z.uuid(), familyId: z.uuid(), refreshTokenHash: z.string() }),
});

/** A family's tokens stop working: revoked by its client (RFC 7009), a spent refresh token or a spent code presented again. */
export const oauthTokenFamilyRevoked = z.object({
  type: z.literal('OAuthTokenFamilyRevoked'),
  data: z.object({ grantId: z.uuid(), familyId: z.uuid(), reason: z.enum(['client_revoked', 'refresh_token_reused', 'code_reused']) }),
});

/** Every family of the grant stops working at once; a later consent starts afresh. */
export const oauthGrantRevoked = z.object({
  type: z.literal('OAuthGrantRevoked'),
  data: z.object({ grantId: z.uuid(), reason: z.enum(['user', 'app_deleted']) }),
});

export const oauthGrantEvent = z.discriminatedUnion('type', [
  oauthGrantGiven,
  oauthCodeIssued,
  oauthCodeRedeemed,
  oauthTokenIssued,
  oauthRefreshTokenSpent,
  oauthTokenFamilyRevoked,
  oauthGrantRevoked,
]);
export type OAuthGrantEvent = z.infer<typeof oauthGrantEvent>;

/** The one grant a user gives an app: the same id however often they consent. */
export const grantIdOf = (userId: string, appId: string): string => uuidFromName(`filora:oauth-grant:${userId}:${appId}`);
