import type { Role } from '../../domain/user/roles';
import type { EventMetadata, Position } from '../../ports/eventStore';
import { userAggregate } from '../aggregates';
import type { NameClaims } from '../claims/nameClaims';
import type { CommandPipeline } from '../pipeline';
import { userIdByUsername } from './userByUsername';

export type RoleAction = 'grant' | 'revoke';

export interface RoleChange {
  userId: string;
  /** The user's roles after the command. */
  roles: readonly Role[];
  /** Null when nothing changed (the role was already held, or was not held to revoke): nothing was appended. */
  position: Position | null;
}

/** Grants or revokes a role of the user who holds `username` (an operator's command: `filora users grant|revoke`). */
export class ChangeRole {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly claims: NameClaims,
  ) {}

  async run(username: string, action: RoleAction, role: Role, metadata: EventMetadata): Promise<RoleChange> {
    const userId = await userIdByUsername(this.claims, username);
    const command = action === 'grant' ? { type: 'GrantRole' as const, role } : { type: 'RevokeRole' as const, role };
    const result = await this.pipeline.execute(userAggregate, userId, command, metadata);
    return { userId, roles: result.state.roles, position: result.position };
  }
}
