import type { ClaimKind } from '../../domain/claim/claimEvents';
import { DomainError, notFound } from '../../domain/shared/domainError';
import type { UserProfile, UserState } from '../../domain/user/userDecider';
import { profileOf } from '../../domain/user/userDecider';
import type { EventMetadata, Position } from '../../ports/eventStore';
import type { PasswordHasher } from '../../security/passwordHasher';
import { userAggregate } from '../aggregates';
import type { CommandPipeline } from '../pipeline';
import type { NameClaims } from '../claims/nameClaims';
import { canonicalName } from '../claims/canonicalName';

export interface UpdatedProfile {
  /** Without the password hash, which never leaves the write side. */
  user: UserProfile;
  position: Position | null;
}

/** Changes display name, username, email or password; a new username or email is claimed before it is used and the old one released after. */
export interface ProfileChanges {
  displayName?: string;
  username?: string;
  email?: string;
  password?: string;
  /** Required to change the password. */
  currentPassword?: string;
}

export class UpdateProfile {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly claims: NameClaims,
    private readonly passwords: PasswordHasher,
  ) {}

  async run(userId: string, input: ProfileChanges, metadata: EventMetadata): Promise<UpdatedProfile> {
    const current = await this.pipeline.load(userAggregate, userId);
    if (!current.exists) throw notFound('user not found');
    if (input.password !== undefined && !(await this.passwords.verify(input.currentPassword ?? '', current.state.passwordHash))) {
      throw new DomainError('invalid', 'current_password is wrong', 'current_password');
    }
    const renames = this.renames(current.state, input);
    const claimed: Array<[ClaimKind, string]> = [];
    let result;
    try {
      for (const [kind, next] of renames) {
        await this.claims.claim(kind, next, userId, metadata);
        claimed.push([kind, next]);
      }
      result = await this.pipeline.execute(
        userAggregate,
        userId,
        {
          type: 'ChangeProfile',
          displayName: input.displayName,
          username: input.username,
          email: input.email,
          passwordHash: input.password === undefined ? undefined : await this.passwords.hash(input.password),
        },
        metadata,
      );
    } catch (error) {
      await Promise.allSettled(claimed.map(([kind, value]) => this.claims.release(kind, value, userId, metadata)));
      throw error;
    }
    // The change is recorded: a previous value left claimed is only abandoned (see NameClaims), not a reason to fail.
    await Promise.allSettled(renames.map(([kind, , previous]) => this.claims.release(kind, previous, userId, metadata)));
    return { user: profileOf(result.state), position: result.position };
  }

  /** Username or email changes that need a new claim: a change of letter case alone keeps the claim. */
  private renames(state: UserState, input: ProfileChanges): Array<[ClaimKind, string, string]> {
    const changes: Array<[ClaimKind, string, string]> = [];
    if (input.username !== undefined && canonicalName(input.username) !== canonicalName(state.username))
      changes.push(['username', input.username, state.username]);
    if (input.email !== undefined && canonicalName(input.email) !== canonicalName(state.email))
      changes.push(['email', input.email, state.email]);
    return changes;
  }
}
