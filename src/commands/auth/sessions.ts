import { randomUUID } from 'node:crypto';
import { revocationIn } from '../../domain/session/sessionDecider';
import { unauthorized } from '../../domain/shared/domainError';
import { uuidFromName } from '../../domain/shared/uuidFromName';
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

/** A login whose password was right, waiting for its second factor (what an mfa_token carries). */
export interface PendingLogin {
  userId: string;
  /** Random; the session of the second step derives from it, so one pending login starts one session. */
  loginId: string;
  /** The user's credentials version when the password was checked: a password change since refuses the second step. */
  credentialsVersion: number;
}

/** A login's first step: a session, or the second factor it still needs. */
export type LoginOutcome = ({ mfaRequired: false } & IssuedSession) | ({ mfaRequired: true } & PendingLogin);

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
   * `completeLogin` with the SecondFactorCheck, issues it). Anyone else gets one, recorded as UserAuthenticated by password.
   */
  async login(input: Credentials, metadata: EventMetadata): Promise<LoginOutcome> {
    const { userId, mfaRequired, credentialsVersion } = await this.passwordCheck.check(input);
    if (mfaRequired) return { mfaRequired: true, userId, loginId: randomUUID(), credentialsVersion };
    const sessionId = randomUUID();
    await this.pipeline.execute(totpAggregate, userId, { type: 'RecordPasswordLogin', sessionId }, { ...metadata, actor: userId });
    return { mfaRequired: false, ...(await this.start(userId, sessionId, credentialsVersion, metadata)) };
  }

  /**
   * A login's second step, once: `secondFactor` checks the proof and records UserAuthenticated with the session
   * id it is given, derived from the pending login's id. A login whose session already started (the mfa_token
   * used before) or whose password changed since is refused before the proof is spent; two uses at the same
   * moment collide in StartSession.
   */
  async completeLogin(
    pending: PendingLogin,
    secondFactor: (sessionId: string) => Promise<unknown>,
    metadata: EventMetadata,
  ): Promise<IssuedSession> {
    const sessionId = uuidFromName(`filora:mfa-login:${pending.loginId}`);
    const started = await this.pipeline.load(sessionAggregate, sessionId);
    if (started.state.sessionId !== null) throw unauthorized('this mfa_token was already used; log in again');
    await this.requireCredentialsVersion(pending.userId, pending.credentialsVersion);
    await secondFactor(sessionId);
    return this.start(pending.userId, sessionId, pending.credentialsVersion, metadata);
  }

  /**
   * Starts the session `sessionId` of a user whose login was recorded (UserAuthenticated with that session id),
   * unless the password changed since it was checked at `credentialsVersion`.
   */
  private async start(userId: string, sessionId: string, credentialsVersion: number, metadata: EventMetadata): Promise<IssuedSession> {
    await this.requireCredentialsVersion(userId, credentialsVersion);
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
        credentialsVersion,
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

  private async requireCredentialsVersion(userId: string, credentialsVersion: number): Promise<void> {
    const user = await this.pipeline.load(userAggregate, userId);
    if (user.state.credentialsVersion !== credentialsVersion)
      throw unauthorized('the password changed since this login began; log in again');
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
