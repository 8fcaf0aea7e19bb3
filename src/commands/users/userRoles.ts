import type { RoleLookup } from '../../audit/auditPorts';
import type { Role } from '../../domain/user/roles';
import { userAggregate } from '../aggregates';
import type { CommandPipeline } from '../pipeline';

/**
 * A user's roles read from their stream through the pipeline, not the users read model: a revoke counts
 * from the moment it is appended. An unknown user holds no role.
 */
export class UserRoles implements RoleLookup {
  constructor(private readonly pipeline: CommandPipeline) {}

  async rolesOf(userId: string): Promise<ReadonlySet<Role>> {
    const { state } = await this.pipeline.load(userAggregate, userId);
    return new Set(state.roles);
  }
}
