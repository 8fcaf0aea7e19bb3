import type { PlanName } from '../../../domain/user/plans';
import type { ReadStore } from '../../../ports/readStore';
import type { UserView } from '../../../projections/users/usersProjection';
import { USERS } from '../../../projections/users/usersProjection';
import { RecentlyUsed } from '../../../shared/recentlyUsed';

export interface UserPlansOptions {
  /** How long an answer is reused: a plan change reaches every API process within this (once projected). */
  ttlMs: number;
  /** Users remembered at once; the least recently used are forgotten first. */
  maxEntries: number;
}

const DEFAULTS: UserPlansOptions = { ttlMs: 1000, maxEntries: 100_000 };

interface Answer {
  plan: PlanName;
  checkedAt: number;
}

/** Each user's plan, from the users read model, each answer reused for at most `ttlMs`. */
export class UserPlans {
  private readonly answers: RecentlyUsed<string, Answer>;

  constructor(
    private readonly readStore: ReadStore,
    private readonly defaultPlan: PlanName,
    private readonly options: UserPlansOptions = DEFAULTS,
    private readonly now: () => number = Date.now,
  ) {
    this.answers = new RecentlyUsed(options.maxEntries);
  }

  async planOf(userId: string): Promise<PlanName> {
    const cached = this.answers.get(userId);
    if (cached && this.now() - cached.checkedAt < this.options.ttlMs) return cached.plan;
    const view = await this.readStore.get<UserView>(USERS, userId);
    const plan = view?.plan ?? this.defaultPlan;
    this.answers.set(userId, { plan, checkedAt: this.now() });
    return plan;
  }
}
