import { randomUUID } from 'node:crypto';
import { revocationIn } from '../../domain/session/sessionDecider';
import { unauthorized } from '../../domain/shared/domainError';
import type { EventMetadata, Position } from '../../ports/eventStore';
import { sessionAggregate, userAggregate } from '../aggregates';
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

const INVALID_CREDENTIALS = 'invalid username or password';

/** Login, refresh-token rotation with reuse detection, and logout. */
export interface Credentials {
  /** A username or an email address. */
  username: string;
  password: string;
}

export class Sessions {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly claims: NameClaims,
    private readonly passwords: PasswordHasher,
    private readonly refreshTtlMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async login(input: Credentials, metadata: EventMetadata): Promise<IssuedSession> {
    const kind = input.username.includes('@') ? 'email' : 'username';
    const userId = await this.claims.holderOf(kind, input.username);
    const user = userId === null ? null : await this.pipeline.load(userAggregate, userId);
    if (userId === null || !user?.exists) {
      await this.passwords.verifyNothing(input.password);
      throw unauthorized(INVALID_CREDENTIALS);
    }
    if (!(await this.passwords.verify(input.password, user.state.passwordHash))) throw unauthorized(INVALID_CREDENTIALS);

    const sessionId = randomUUID();
    const { token, hash } = newRefreshToken(sessionId);
    const refreshExpiresAt = this.expiry();
    const actorMetadata = { ...metadata, actor: userId };
    await this.pipeline.execute(userAggregate, userId, { type: 'RecordLogin', sessionId }, actorMetadata);
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
      actorMetadata,
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
