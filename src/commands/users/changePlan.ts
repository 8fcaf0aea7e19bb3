import type { PlanName } from '../../domain/user/plans';
import type { EventMetadata, Position } from '../../ports/eventStore';
import { userAggregate } from '../aggregates';
import type { NameClaims } from '../claims/nameClaims';
import type { CommandPipeline } from '../pipeline';
import { userIdByUsername } from './userByUsername';

export interface PlanChange {
  userId: string;
  plan: PlanName;
  /** null: the user had never been given a plan (the default applied); `plan` when it did not change. */
  previousPlan: PlanName | null;
  /** Null when the user already had this plan: nothing was appended. */
  position: Position | null;
}

/** Puts the user who holds `username` on `plan` (an operator's command: `filora users plan`). */
export class ChangePlan {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly claims: NameClaims,
  ) {}

  async run(username: string, plan: PlanName, metadata: EventMetadata): Promise<PlanChange> {
    const userId = await userIdByUsername(this.claims, username);
    const result = await this.pipeline.execute(userAggregate, userId, { type: 'ChangePlan', plan }, metadata);
    const [changed] = result.events;
    const previousPlan = changed?.type === 'UserPlanChanged' ? changed.data.previousPlan : plan;
    return { userId, plan, previousPlan, position: result.position };
  }
}
