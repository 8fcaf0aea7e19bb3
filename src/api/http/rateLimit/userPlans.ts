import type { PlanName } from '../../../domain/user/plans';
import type { ReadStore } from '../../../ports/readStore';
import type { UserView } from '../../../projections/users/usersProjection';
import { USERS } from '../../../projections/users/usersProjection';
import { FreshAnswers } from '../../../shared/freshAnswers';

export interface UserPlansOptions {
  /** How long an answer is reused: a plan change reaches every API process within this (once projected). */
  ttlMs: number;
  /** Users remembered at once; the least recently used are forgotten first. */
  maxEntries: number;
}

const DEFAULTS: UserPlansOptions = { ttlMs: 1000, maxEntries: 100_000 };

/** Each user's plan, from the users read model, each answer reused for at most `ttlMs`. */
export class UserPlans {
  private readonly answers: FreshAnswers<string, PlanName>;

  constructor(
    private readonly readStore: ReadStore,
    private readonly defaultPlan: PlanName,
    options: UserPlansOptions = DEFAULTS,
    now: () => number = Date.now,
  ) {
    this.answers = new FreshAnswers(options.maxEntries, options.ttlMs, now);
  }

  planOf(userId: string): Promise<PlanName> {
    return this.answers.get(userId, async () => (await this.readStore.get<UserView>(USERS, userId))?.plan ?? this.defaultPlan);
  }
}
