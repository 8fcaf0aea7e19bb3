import { randomUUID } from 'node:crypto';
import type { UserProfile } from '../../domain/user/userDecider';
import { profileOf } from '../../domain/user/userDecider';
import type { EventMetadata, Position } from '../../ports/eventStore';
import type { PasswordHasher } from '../../security/passwordHasher';
import { userAggregate } from '../aggregates';
import type { CommandPipeline } from '../pipeline';
import type { NameClaims } from '../claims/nameClaims';

export interface NewUser {
  username: string;
  email: string;
  password: string;
  /** Defaults to the username. */
  displayName?: string;
}

export interface RegisteredUser {
  /** Without the password hash, which never leaves the write side. */
  user: UserProfile & { userId: string };
  position: Position;
}

/** Claims the username and the email, then registers the user; claims are released if a later step fails. */
export class RegisterUser {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly claims: NameClaims,
    private readonly passwords: PasswordHasher,
  ) {}

  async run(input: NewUser, metadata: EventMetadata): Promise<RegisteredUser> {
    const userId = randomUUID();
    const passwordHash = await this.passwords.hash(input.password);
    const taken: Array<['username' | 'email', string]> = [];
    try {
      for (const claim of [
        ['username', input.username],
        ['email', input.email],
      ] as const) {
        await this.claims.claim(claim[0], claim[1], userId, { ...metadata, actor: userId });
        taken.push([claim[0], claim[1]]);
      }
      const result = await this.pipeline.execute(
        userAggregate,
        userId,
        {
          type: 'RegisterUser',
          userId,
          username: input.username,
          email: input.email,
          displayName: input.displayName ?? input.username,
          passwordHash,
        },
        { ...metadata, actor: userId },
      );
      if (result.position === null) throw new Error('registration appended nothing');
      return { user: { ...profileOf(result.state), userId }, position: result.position };
    } catch (error) {
      await Promise.allSettled(taken.map(([kind, value]) => this.claims.release(kind, value, userId, { ...metadata, actor: userId })));
      throw error;
    }
  }
}
