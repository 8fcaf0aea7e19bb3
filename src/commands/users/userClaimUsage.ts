import { userAggregate } from '../aggregates';
import { canonicalName } from '../claims/canonicalName';
import type { ClaimUsage } from '../claims/nameClaims';
import type { CommandPipeline } from '../pipeline';

/** A username or email claim is in use while its user still has that value. */
export function userClaimUsage(pipeline: CommandPipeline, field: 'username' | 'email'): ClaimUsage {
  return async (userId, value) => {
    const user = await pipeline.load(userAggregate, userId);
    return user.exists && canonicalName(user.state[field]) === value;
  };
}
