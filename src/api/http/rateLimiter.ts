import express from 'express';
import type { Request, RequestHandler, Response } from 'express';
import type { PlanName } from '../../domain/user/plans';
import type { Logger } from '../../ports/logger';
import type { Principal } from '../auth/principal';
import type { RateLimitRule } from './rateLimit/rateLimitRule';
import { describeRule } from './rateLimit/rateLimitRule';
import { rateLimited, rateLimitHeaders } from './rateLimit/rateLimited';
import type { JudgedRule } from './rateLimit/reportedLimit';
import { reportedLimit } from './rateLimit/reportedLimit';
import type { RequestLimitsOptions } from './rateLimit/requestLimits';
import { planRules, requestLimits } from './rateLimit/requestLimits';
import type { RouteRateLimit } from './rateLimit/routeRateLimit';
import type { Verdict } from './rateLimit/slidingWindow';
import type { UserPlans } from './rateLimit/userPlans';
import type { RateLimitCounters } from './rateLimitCounters';
import type { Route } from './route';

export interface RateLimits {
  anonymousPerMinute: number;
  /** The plan of users who were never given one. */
  defaultPlan: PlanName;
  /** false: requests over a limit are reported (headers, a debug log line) but served. */
  enforce: boolean;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** The limit the response reports (see reportedLimit). */
  reported: JudgedRule;
}

const ROUTE_LIMIT = 'routeRateLimit';

/**
 * Every limit that applies to a request, checked together (rateLimit/requestLimits.ts): the user's plan
 * per minute and per day, a token's own hourly limit, a route's limit, and per address for anonymous
 * callers. The tightest is reported in X-RateLimit-*; a request refused by one limit counts against none.
 * Where the counters live is the composition root's choice (this process, or shared by every replica).
 * A counter store that fails lets the request through: an outage of it must not take the API down.
 */
export class RateLimiter {
  constructor(
    private readonly limits: RateLimits,
    private readonly counters: RateLimitCounters,
    private readonly plans: UserPlans,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async check(principal: Principal | null, ip: string, route: RouteRateLimit | undefined): Promise<RateLimitDecision> {
    return this.judge(await this.rulesFor(principal, ip, route), this.now());
  }

  /**
   * Counts one request against `rules`: the X-RateLimit-* headers to send, or, over a limit, the 429 to
   * throw (only reported when limits are not enforced). For the API's requests and for callers that limit
   * their calls themselves (the incoming webhooks' receive URL).
   */
  async admit(rules: readonly RateLimitRule[], now: number = this.now()): Promise<Record<string, string>> {
    const { allowed, reported } = await this.judge(rules, now);
    if (!allowed) {
      if (this.limits.enforce) throw rateLimited(reported, now);
      const { rule } = reported;
      this.logger.debug('over a rate limit; served, since limits are only reported', { limit: describeRule(rule), key: rule.key });
    }
    return rateLimitHeaders(reported);
  }

  /** The limits of a user's plan: the counters their own API requests count against. */
  async userRules(userId: string): Promise<RateLimitRule[]> {
    return planRules(userId, await this.planOf(userId));
  }

  /** The limit of an anonymous caller at `ip`. */
  anonymousRules(ip: string): RateLimitRule[] {
    return requestLimits({ principal: null, plan: this.limits.defaultPlan, ip }, undefined, this.limitOptions());
  }

  /**
   * Limits every request below the router it is mounted in; `routes` are that router's routes, for the
   * limits some of them declare (`rateLimit`) and those that limit their calls themselves (`ownRateLimit`).
   */
  middleware(routes: readonly Route[]): RequestHandler {
    const router = express.Router();
    for (const route of routes) {
      if (route.ownRateLimit) router[route.method](route.path, (_req, _res, next) => next('router'));
      if (!route.rateLimit) continue;
      const declared = route.rateLimit;
      router[route.method](route.path, (_req, res, next) => {
        res.locals[ROUTE_LIMIT] = declared;
        next();
      });
    }
    router.use((req, res, next) => {
      this.limit(req, res).then(() => next(), next);
    });
    return router;
  }

  private async limit(req: Request, res: Response): Promise<void> {
    const principal = res.locals.principal as Principal | null;
    const rules = await this.rulesFor(principal, req.ip ?? 'unknown', res.locals[ROUTE_LIMIT] as RouteRateLimit | undefined);
    res.set(await this.admit(rules));
  }

  private async rulesFor(principal: Principal | null, ip: string, route: RouteRateLimit | undefined): Promise<RateLimitRule[]> {
    const plan = principal ? await this.planOf(principal.userId) : this.limits.defaultPlan;
    return requestLimits({ principal, plan, ip }, route, this.limitOptions());
  }

  private limitOptions(): RequestLimitsOptions {
    return { anonymousPerMinute: this.limits.anonymousPerMinute };
  }

  private async judge(rules: readonly RateLimitRule[], now: number): Promise<RateLimitDecision> {
    const verdicts = await this.counted(rules, now);
    const reported = reportedLimit(rules.map((rule, i) => ({ rule, verdict: verdicts[i]! })));
    return { allowed: reported.verdict.allowed, reported };
  }

  private async planOf(userId: string): Promise<PlanName> {
    try {
      return await this.plans.planOf(userId);
    } catch (error) {
      this.logger.warn('user plans unavailable; the default plan applies', { error });
      return this.limits.defaultPlan;
    }
  }

  private async counted(rules: readonly RateLimitRule[], now: number): Promise<Verdict[]> {
    try {
      return await this.counters.take(rules, now);
    } catch (error) {
      this.logger.warn('rate limit counters unavailable; request let through', { error });
      return rules.map((rule) => ({ allowed: true, remaining: rule.limit, resetAt: now + rule.windowMs }));
    }
  }
}
