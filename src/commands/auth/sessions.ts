import { randomUUID } from 'node:crypto';
import { revocationIn } from '../../domain/session/sessionDecider';
import { unauthorized } from '../../domain/shared/domainError';
import type { EventMetadata, Position } from '../../ports/eventStore';
import { sessionAggregate, userAggregate } from '../aggregates';
import { PipelinePasswordCheck } from '../mfa/passwordCheck';
import type { PasswordCheck } from '../mfa/secondFactorPorts';
import { totpAggregate } from '../mfa/totpAggregate';
import type { CommandPipeline } from '../pipeline';
import type { NameClaims } from '../claims/nameClaims';
import type { PasswordHasher } from '../../security/passwordHasher';
import { hashRefreshToken, newRefreshToken, sessionIdOf } from '../../security/refreshTokens';

export interface IssuedSession {
  userId: string;
  sessionId: string;
  refreshToken: string;
  refreshExpiresAt: Date;
  /** Position of the last event written, for read-your-writes. */
  position: Position;
}

/** A login's first step: a session, or the second factor it still needs. */
export type LoginOutcome = ({ mfaRequired: false } & IssuedSession) | { mfaRequired: true; userId: string };

export interface Credentials {
  /** A username or an email address. */
  username: string;
  password: string;
}

/** Login, refresh-token rotation with reuse detection, and logout. */
export class Sessions {
  private readonly passwordCheck: PasswordCheck;

  constructor(
    private readonly pipeline: CommandPipeline,
    claims: NameClaims,
    passwords: PasswordHasher,
    private readonly refreshTtlMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.passwordCheck = new PipelinePasswordCheck(pipeline, claims, passwords);
  }

  /**
   * The password checked; a user with a second factor gets no session yet (`mfaRequired`: the second step,
   * SecondFactorCheck then `start`, issues it). Anyone else gets one, recorded as UserAuthenticated by password.
   */
  async login(input: Credentials, metadata: EventMetadata): Promise<LoginOutcome> {
    const { userId, mfaRequired } = await this.passwordCheck.check(input);
    if (mfaRequired) return { mfaRequired: true, userId };
    const sessionId = randomUUID();
    await this.pipeline.execute(totpAggregate, userId, { type: 'RecordPasswordLogin', sessionId }, { ...metadata, actor: userId });
    return { mfaRequired: false, ...(await this.start(userId, sessionId, metadata)) };
  }

  /** Starts the session `sessionId` of a user whose login was recorded (UserAuthenticated with that session id). */
  async start(userId: string, sessionId: string, metadata: EventMetadata): Promise<IssuedSession> {
    const user = await this.pipeline.load(userAggregate, userId);
    const { token, hash } = newRefreshToken(sessionId);
    const refreshExpiresAt = this.expiry();
    const started = await this.pipeline.execute(
      sessionAggregate,
      sessionId,
      {
        type: 'StartSession',
        sessionId,
        userId,
        refreshTokenHash: hash,
        expiresAt: refreshExpiresAt,
        credentialsVersion: user.state.credentialsVersion,
      },
      { ...metadata, actor: userId },
    );
    return { userId, sessionId, refreshToken: token, refreshExpiresAt, position: started.position! };
  }

  async refresh(refreshToken: string, metadata: EventMetadata): Promise<IssuedSession> {
    const sessionId = this.requireSessionId(refreshToken);
    const { token, hash } = newRefreshToken(sessionId);
    const refreshExpiresAt = this.expiry();
    const owner = await this.ownerOf(sessionId);
    const user = await this.pipeline.load(userAggregate, owner);
    const result = await this.pipeline.execute(
      sessionAggregate,
      sessionId,
      {
        type: 'RotateRefreshToken',
        presentedHash: hashRefreshToken(refreshToken),
        refreshTokenHash: hash,
        expiresAt: refreshExpiresAt,
        currentCredentialsVersion: user.state.credentialsVersion,
      },
      { ...metadata, actor: owner },
    );
    const revocation = revocationIn(result.events);
    if (revocation === 'refresh_token_reused') throw unauthorized('refresh token was already used; the session is revoked');
    if (revocation === 'credentials_changed') throw unauthorized('the password changed since this session started; log in again');
    return { userId: owner, sessionId, refreshToken: token, refreshExpiresAt, position: result.position! };
  }

  async logout(refreshToken: string, metadata: EventMetadata): Promise<Position | null> {
    const sessionId = this.requireSessionId(refreshToken);
    const owner = await this.ownerOf(sessionId);
    const result = await this.pipeline.execute(
      sessionAggregate,
      sessionId,
      { type: 'EndSession', presentedHash: hashRefreshToken(refreshToken) },
      { ...metadata, actor: owner },
    );
    return result.position;
  }

  private requireSessionId(refreshToken: string): string {
    const sessionId = sessionIdOf(refreshToken);
    if (sessionId === null) throw unauthorized('refresh token is not valid');
    return sessionId;
  }

  private async ownerOf(sessionId: string): Promise<string> {
    const session = await this.pipeline.load(sessionAggregate, sessionId);
    if (session.state.userId === null) throw unauthorized('refresh token is not valid');
    return session.state.userId;
  }

  private expiry(): Date {
    return new Date(this.now().getTime() + this.refreshTtlMs);
  }
}
