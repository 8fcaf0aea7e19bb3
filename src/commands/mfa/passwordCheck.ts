import { unauthorized } from '../../domain/shared/domainError';
import { isTotpEnabled } from '../../domain/user/mfa/totpDecider';
import type { PasswordHasher } from '../../security/passwordHasher';
import type { Credentials } from '../auth/sessions';
import { userAggregate } from '../aggregates';
import type { NameClaims } from '../claims/nameClaims';
import type { CommandPipeline } from '../pipeline';
import type { PasswordCheck } from './secondFactorPorts';
import { totpAggregate } from './totpAggregate';

const INVALID_CREDENTIALS = 'invalid username or password';

/** The password part of a login, without starting a session: for the login itself and the OAuth consent form. */
export class PipelinePasswordCheck implements PasswordCheck {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly claims: NameClaims,
    private readonly passwords: PasswordHasher,
  ) {}

  async check(credentials: Credentials): Promise<{ userId: string; mfaRequired: boolean; credentialsVersion: number }> {
    const kind = credentials.username.includes('@') ? 'email' : 'username';
    const userId = await this.claims.holderOf(kind, credentials.username);
    const user = userId === null ? null : await this.pipeline.load(userAggregate, userId);
    if (userId === null || !user?.exists) {
      // As long as a real check: an unknown name must not answer sooner.
      await this.passwords.verifyNothing(credentials.password);
      throw unauthorized(INVALID_CREDENTIALS);
    }
    if (!(await this.passwords.verify(credentials.password, user.state.passwordHash))) throw unauthorized(INVALID_CREDENTIALS);
    const totp = await this.pipeline.load(totpAggregate, userId);
    return { userId, mfaRequired: isTotpEnabled(totp.state), credentialsVersion: user.state.credentialsVersion };
  }
}
