import type { OAuthGrantCommand } from '../../domain/oauth/oauthGrantDecider';
import { grantIdOf } from '../../domain/oauth/oauthGrantEvents';
import { familyIdOfCode } from '../../domain/oauth/oauthGrantLifetimes';
import type { OAuthGrantState } from '../../domain/oauth/oauthGrantState';
import { isCurrentRefresh, isSpentRefresh, liveFamily } from '../../domain/oauth/oauthGrantState';
import { DomainError, notFound, unauthorized } from '../../domain/shared/domainError';
import type { EventMetadata, Position } from '../../ports/eventStore';
import {
  familyOfRefreshToken,
  grantIdOfCode,
  hashOAuthToken,
  newAuthorizationCode,
  newOAuthRefreshToken,
} from '../../security/oauthTokens';
import type { CommandPipeline, CommandResult } from '../pipeline';
import { oauthGrantAggregate } from './oauthGrantAggregate';
import type { OAuthGrantEvent } from '../../domain/oauth/oauthGrantEvents';
import type { AuthorizationCodeRecord, GrantHolder, IssueCodeInput, OAuthGrants, RefreshTokenRecord } from './oauthPorts';
import type { Scope } from '../../domain/access/scopes';

/** The grant, family and app a valid, unexpired OAuth access token names (JwtOAuthAccessTokens); null for anything else. */
export interface AccessTokenFamilies {
  familyOf(token: string): Promise<{ grantId: string; familyId: string; clientId: string } | null>;
}

/** What this process remembers of grants' liveness (LiveGrants): a revocation made here counts at once. */
export interface GrantLivenessMemory {
  forget(grantId: string): void;
}

type Result = CommandResult<OAuthGrantEvent, OAuthGrantState>;

const holderOf = (state: OAuthGrantState, familyId: string): GrantHolder => ({
  id: state.userId!,
  grantId: state.grantId!,
  familyId,
});

const decided = (result: Result, type: OAuthGrantEvent['type']) => result.events.some((event) => event.type === type);

/**
 * The grant aggregate's operations as the OAuth protocol and the grants API use them. Codes and refresh
 * tokens name their grant (src/security/oauthTokens.ts), so each is found by reading that grant's stream,
 * never a read model: a code or a rotation can be used the moment it is answered, on any process.
 * Events carry the grant's user as their actor (the token endpoint has no user of its own).
 */
export class OAuthGrantCommands implements OAuthGrants {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly accessTokens: AccessTokenFamilies,
    private readonly liveness: GrantLivenessMemory,
  ) {}

  async issueCode(input: IssueCodeInput, metadata: EventMetadata): Promise<{ code: string; expiresAt: Date }> {
    const { userId, client, redirectUri, codeChallenge, codeChallengeMethod } = input;
    if (!input.scopes.every((scope) => client.scopes.includes(scope)))
      throw new DomainError('invalid', 'the app may not ask for these scopes', 'scope');
    if (!client.redirectUris.includes(redirectUri))
      throw new DomainError('invalid', 'the redirect URI is not registered for the app', 'redirect_uri');
    const grantId = grantIdOf(userId, client.clientId);
    const { token, hash } = newAuthorizationCode(grantId);
    const command: OAuthGrantCommand = {
      type: 'GiveConsentAndIssueCode',
      grantId,
      userId,
      appId: client.clientId,
      scopes: input.scopes,
      codeHash: hash,
      redirectUri,
      codeChallenge,
      codeChallengeMethod,
    };
    const result = await this.pipeline.execute(oauthGrantAggregate, grantId, command, { ...metadata, actor: userId });
    return { code: token, expiresAt: result.state.codes.get(hash)!.expiresAt };
  }

  async findCode(code: string, metadata: EventMetadata): Promise<AuthorizationCodeRecord | null> {
    const grantId = grantIdOfCode(code);
    if (grantId === null) return null;
    const codeHash = hashOAuthToken(code);
    const { state } = await this.pipeline.load(oauthGrantAggregate, grantId);
    const found = state.codes.get(codeHash);
    const reused = found ? found.spent : state.families.has(familyIdOfCode(codeHash));
    if (reused) {
      // Decides the revocation of the family the code started (or would have).
      await this.run(grantId, state, { type: 'SpendCode', codeHash }, metadata);
      return null;
    }
    if (!found || state.revoked || found.expiresAt <= this.pipeline.currentTime()) return null;
    return {
      code,
      expiresAt: found.expiresAt,
      redirectUri: found.redirectUri,
      scopes: found.scopes,
      clientId: state.appId!,
      holder: holderOf(state, found.familyId),
      codeChallenge: found.codeChallenge,
      codeChallengeMethod: found.codeChallengeMethod,
    };
  }

  async spendCode(code: string, metadata: EventMetadata): Promise<boolean> {
    const grantId = grantIdOfCode(code);
    if (grantId === null) return false;
    const result = await this.run(grantId, null, { type: 'SpendCode', codeHash: hashOAuthToken(code) }, metadata);
    return result !== null && decided(result, 'OAuthCodeRedeemed');
  }

  async issueRefreshToken(
    input: { holder: GrantHolder; fromCode: string | null; scopes: readonly Scope[] },
    metadata: EventMetadata,
  ): Promise<{ refreshToken: string; expiresAt: Date; position: Position }> {
    const { holder, fromCode, scopes } = input;
    if (fromCode !== null && grantIdOfCode(fromCode) !== holder.grantId) throw unauthorized('the authorization code is not valid');
    const { token, hash } = newOAuthRefreshToken(holder.grantId, holder.familyId);
    const command: OAuthGrantCommand = {
      type: 'IssueRefreshToken',
      familyId: holder.familyId,
      fromCodeHash: fromCode === null ? null : hashOAuthToken(fromCode),
      refreshTokenHash: hash,
      scopes,
    };
    const result = await this.pipeline.execute(oauthGrantAggregate, holder.grantId, command, { ...metadata, actor: holder.id });
    // A grant answered as revoked a moment ago (before a new consent) is live again now.
    if (fromCode !== null) this.liveness.forget(holder.grantId);
    const family = result.state.families.get(holder.familyId)!;
    return { refreshToken: token, expiresAt: family.expiresAt, position: result.position! };
  }

  async findRefreshToken(refreshToken: string, metadata: EventMetadata): Promise<RefreshTokenRecord | null> {
    const named = familyOfRefreshToken(refreshToken);
    if (named === null) return null;
    const { state } = await this.pipeline.load(oauthGrantAggregate, named.grantId);
    const family = liveFamily(state, named.familyId);
    if (!family) return null;
    const hash = hashOAuthToken(refreshToken);
    if (isSpentRefresh(family, hash)) {
      await this.run(named.grantId, state, { type: 'RevokeFamily', familyId: named.familyId, reason: 'refresh_token_reused' }, metadata);
      return null;
    }
    if (!isCurrentRefresh(family, hash) || family.expiresAt <= this.pipeline.currentTime()) return null;
    return {
      refreshToken,
      expiresAt: family.expiresAt,
      scopes: family.scopes,
      clientId: state.appId!,
      holder: holderOf(state, named.familyId),
    };
  }

  async spendRefreshToken(refreshToken: string, metadata: EventMetadata): Promise<boolean> {
    const named = familyOfRefreshToken(refreshToken);
    if (named === null) return false;
    const command: OAuthGrantCommand = {
      type: 'SpendRefreshToken',
      familyId: named.familyId,
      refreshTokenHash: hashOAuthToken(refreshToken),
    };
    const result = await this.run(named.grantId, null, command, metadata);
    return result !== null && decided(result, 'OAuthRefreshTokenSpent');
  }

  async revokeToken(token: string, clientId: string, metadata: EventMetadata): Promise<void> {
    const family = await this.familyHeldBy(token, clientId);
    if (family === null) return;
    await this.run(family.grantId, null, { type: 'RevokeFamily', familyId: family.familyId, reason: 'client_revoked' }, metadata);
  }

  async revokeGrant(userId: string, grantId: string, reason: 'user' | 'app_deleted', metadata: EventMetadata): Promise<Position | null> {
    const result = await this.pipeline.execute(
      oauthGrantAggregate,
      grantId,
      async ({ state }) => {
        if (state.grantId === null || state.userId !== userId || state.revoked) throw notFound('grant not found');
        return { type: 'RevokeGrant' as const, reason };
      },
      metadata,
    );
    this.liveness.forget(grantId);
    return result.position;
  }

  /** The family a refresh or access token belongs to, when the app `clientId` holds it; null for any other token. */
  private async familyHeldBy(token: string, clientId: string): Promise<{ grantId: string; familyId: string } | null> {
    const named = familyOfRefreshToken(token);
    if (named === null) {
      const access = await this.accessTokens.familyOf(token);
      return access && access.clientId === clientId ? access : null;
    }
    const { state } = await this.pipeline.load(oauthGrantAggregate, named.grantId);
    const family = state.appId === clientId ? state.families.get(named.familyId) : undefined;
    const hash = hashOAuthToken(token);
    return family && (isCurrentRefresh(family, hash) || isSpentRefresh(family, hash)) ? named : null;
  }

  /**
   * Runs a command as the grant's user; null when the grant refuses it (an unknown, spent or expired code or
   * token). A revocation it decides is forgotten here at once.
   */
  private async run(
    grantId: string,
    known: OAuthGrantState | null,
    command: OAuthGrantCommand,
    metadata: EventMetadata,
  ): Promise<Result | null> {
    try {
      const userId = known?.userId ?? (await this.pipeline.load(oauthGrantAggregate, grantId)).state.userId;
      if (userId === null) return null;
      const result = await this.pipeline.execute(oauthGrantAggregate, grantId, command, { ...metadata, actor: userId });
      if (decided(result, 'OAuthTokenFamilyRevoked')) this.liveness.forget(grantId);
      return result;
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'unauthorized') return null;
      throw error;
    }
  }
}
