import type { Scope } from '../../domain/access/scopes';
import { hashApiToken, isWellFormedApiToken } from '../../security/apiTokenSecrets';
import { ApiError } from '../http/apiError';
import type { Authenticators } from './authenticate';
import { identify } from './authenticate';
import type { Principal } from './principal';

/** An OAuth access token's claims, as a connection keeps them to check the grant again. */
export interface HeldOAuthToken {
  kind: 'oauth';
  userId: string;
  grantId: string;
  familyId: string;
  clientId: string;
  scopes: readonly string[];
  expiresAtMs: number;
}

/**
 * What a long-lived connection keeps of the credential it was opened with, to check it again while it
 * stays open: a session's id and its access token's expiry, an API token's hash (never the secret), or an
 * OAuth access token's claims.
 */
export type HeldCredential =
  | { kind: 'session'; sessionId: string; expiresAtMs: number; startedBy: string | undefined }
  | { kind: 'token'; secretHash: string }
  | HeldOAuthToken;

export interface Identified {
  principal: Principal;
  credential: HeldCredential;
}

/** Why a credential no longer stands for a connection from a given address (a token's allowlist), or null while it does. */
export type CredentialVerdict = (ip: string | undefined) => string | null;

const ENDED = {
  expired: 'the access token has expired; refresh it and connect again',
  session: 'the session has ended (logged out, password changed, or a refresh token reused)',
  token: 'the API token was revoked, regenerated or deleted, or has expired',
  scope: `the API token no longer holds the files.read scope`,
  oauth: "the app's access was revoked (the grant, its token family or the app)",
  oauthScope: 'the app no longer holds the files.read scope',
  address: 'this API token may not be used from your address',
} as const;

/** Connections that stay open need this scope of a token, as the sync routes do. */
export const CONNECTION_SCOPE: Scope = 'files.read';

/** One key per distinct credential, so that a sweep checks each once however many connections hold it. */
export function credentialKey(credential: HeldCredential): string {
  if (credential.kind === 'session') return `session:${credential.sessionId}:${credential.expiresAtMs}`;
  if (credential.kind === 'oauth') return `oauth:${credential.familyId}:${credential.expiresAtMs}:${credential.scopes.join(' ')}`;
  return `token:${credential.secretHash}`;
}

/**
 * Identifies a long-lived connection's caller from the credential it presents, as a request would be
 * (ApiError `unauthorized` / `forbidden` otherwise), and checks that credential again later: a session
 * stops at logout, at a password change or a reused refresh token (LiveSessions), and when its access
 * token expires; a token when it is revoked, regenerated, deleted or expires, loses `files.read`, or no
 * longer allows the connection's address (LiveTokens); an OAuth access token when it expires, or its grant,
 * its token family or its app is revoked or deleted (LiveGrants). Answers are reused as LiveSessions,
 * LiveTokens and LiveGrants reuse them (≤ 500 ms).
 */
export class CredentialCheck {
  constructor(
    private readonly authenticators: Authenticators,
    private readonly now: () => number = Date.now,
  ) {}

  async identify(secret: string, ip: string | undefined): Promise<Identified> {
    const principal = secret ? await identify(secret, ip, this.authenticators) : null;
    if (!principal) throw new ApiError('unauthorized', 'the credentials are invalid or expired');
    if (!principal.scopes.has(CONNECTION_SCOPE)) throw new ApiError('forbidden', `this call needs the ${CONNECTION_SCOPE} scope`);
    return { principal, credential: await this.held(secret, principal) };
  }

  async verdict(credential: HeldCredential): Promise<CredentialVerdict> {
    if (credential.kind === 'session') {
      const ended =
        this.now() >= credential.expiresAtMs
          ? ENDED.expired
          : (await this.authenticators.sessions.isLive(credential.sessionId, credential.startedBy))
            ? null
            : ENDED.session;
      return () => ended;
    }
    if (credential.kind === 'oauth') {
      const ended = await this.oauthEnded(credential);
      return () => ended;
    }
    const token = await this.authenticators.tokens.findByHash(credential.secretHash);
    if (!token) return () => ENDED.token;
    if (!token.scopes.has(CONNECTION_SCOPE)) return () => ENDED.scope;
    return (ip) => (token.allowlist.allows(ip) ? null : ENDED.address);
  }

  private async oauthEnded(held: HeldOAuthToken): Promise<string | null> {
    if (this.now() >= held.expiresAtMs) return ENDED.expired;
    const live = await this.authenticators.grants.find(held);
    if (!live) return ENDED.oauth;
    return live.scopes.has(CONNECTION_SCOPE) ? null : ENDED.oauthScope;
  }

  private async held(secret: string, principal: Principal): Promise<HeldCredential> {
    if (isWellFormedApiToken(secret)) return { kind: 'token', secretHash: hashApiToken(secret) };
    if (principal.kind === 'oauth') return this.heldOAuth(secret);
    const verified = await this.authenticators.accessTokens.verifyWithExpiry(secret, this.now());
    if (!verified) throw new ApiError('unauthorized', 'the credentials are invalid or expired');
    return { kind: 'session', sessionId: principal.sessionId!, expiresAtMs: verified.expiresAtMs, startedBy: verified.claims.pos };
  }

  private async heldOAuth(secret: string): Promise<HeldOAuthToken> {
    const verified = await this.authenticators.oauthTokens.verify(secret, this.now());
    if (!verified) throw new ApiError('unauthorized', 'the credentials are invalid or expired');
    const { sub: userId, gid: grantId, fid: familyId, cid: clientId, scope } = verified.claims;
    return { kind: 'oauth', userId, grantId, familyId, clientId, scopes: scope.split(' '), expiresAtMs: verified.expiresAtMs };
  }
}
