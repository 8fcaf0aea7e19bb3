import type { Scope } from '../../domain/access/scopes';
import type { OAuthClientType } from '../../domain/oauth/oauthAppEvents';
import type { EventMetadata, Position } from '../../ports/eventStore';

/** A registered app as the protocol sees it. */
export interface OAuthClient {
  clientId: string;
  ownerId: string;
  name: string;
  redirectUris: readonly string[];
  scopes: readonly Scope[];
  clientType: OAuthClientType;
}

/** Apps read from their own streams (not a read model): a just-registered app can be used at once, a deleted one never. */
export interface OAuthClients {
  /** The live app with this client id, or null (unknown, malformed or deleted). */
  find(clientId: string): Promise<OAuthClient | null>;
  /**
   * The app when `secret` is its current secret (compared in constant time), or a public app when no
   * secret is given; null otherwise (a confidential app without its secret, a public app with one).
   */
  authenticate(clientId: string, secret: string | null): Promise<OAuthClient | null>;
}

/**
 * Who a code or a refresh token acts for, as @node-oauth/oauth2-server's model passes its "user" from call
 * to call: the user, their grant, and the token family the tokens issued now belong to (for a code, the
 * family its redemption starts; for a refresh token, its own).
 */
export interface GrantHolder {
  id: string;
  grantId: string;
  familyId: string;
}

export interface AuthorizationCodeRecord {
  code: string;
  expiresAt: Date;
  redirectUri: string;
  scopes: readonly Scope[];
  clientId: string;
  holder: GrantHolder;
  codeChallenge: string | null;
  codeChallengeMethod: 'S256' | null;
}

export interface RefreshTokenRecord {
  refreshToken: string;
  expiresAt: Date;
  scopes: readonly Scope[];
  clientId: string;
  holder: GrantHolder;
}

export interface IssueCodeInput {
  userId: string;
  client: OAuthClient;
  scopes: readonly Scope[];
  redirectUri: string;
  codeChallenge: string | null;
  codeChallengeMethod: 'S256' | null;
}

/** The grant aggregate's operations, shaped for the library's model (src/api/oauth) and the grants API. */
export interface OAuthGrants {
  /** Records the user's consent and issues a 60 s single-use code. */
  issueCode(input: IssueCodeInput, metadata: EventMetadata): Promise<{ code: string; expiresAt: Date }>;
  /** An unexpired, unspent code; a spent code presented again revokes the family it started and answers null. */
  findCode(code: string, metadata: EventMetadata): Promise<AuthorizationCodeRecord | null>;
  /** Spends the code; false when it was spent already (a concurrent redemption). */
  spendCode(code: string, metadata: EventMetadata): Promise<boolean>;
  /** The first refresh token of the family a spent code starts (`fromCode`), or the next of the holder's family (`fromCode` null). */
  issueRefreshToken(
    input: { holder: GrantHolder; fromCode: string | null; scopes: readonly Scope[] },
    metadata: EventMetadata,
  ): Promise<{ refreshToken: string; expiresAt: Date; position: Position }>;
  /** A live, unexpired refresh token; a spent one presented again revokes its family and answers null. */
  findRefreshToken(refreshToken: string, metadata: EventMetadata): Promise<RefreshTokenRecord | null>;
  /** Spends a refresh token as it is rotated; false when it was spent already. */
  spendRefreshToken(refreshToken: string, metadata: EventMetadata): Promise<boolean>;
  /** RFC 7009: revokes the family an access or refresh token belongs to, when the app `clientId` holds it; other tokens are ignored. */
  revokeToken(token: string, clientId: string, metadata: EventMetadata): Promise<void>;
  /** Revokes a grant of the user's own (404 otherwise) and every token family in it, at once in this process. */
  revokeGrant(userId: string, grantId: string, reason: 'user' | 'app_deleted', metadata: EventMetadata): Promise<Position | null>;
}

/** Short-lived JWT access tokens for a grant's token family; verified by the authentication middleware. */
export interface OAuthAccessTokens {
  readonly ttlSeconds: number;
  issue(input: { holder: GrantHolder; clientId: string; scopes: readonly Scope[] }): Promise<string>;
}
