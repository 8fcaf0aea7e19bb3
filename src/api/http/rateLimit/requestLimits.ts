import { DEFAULT_TOKEN_RATE_LIMIT_PER_HOUR } from '../../../domain/token/tokenDecider';
import type { PlanName } from '../../../domain/user/plans';
import { PLAN_LIMITS } from '../../../domain/user/plans';
import type { Principal } from '../../auth/principal';
import type { RateLimitRule } from './rateLimitRule';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './rateLimitRule';
import type { RouteRateLimit } from './routeRateLimit';

export interface RequestCaller {
  /** null: an anonymous caller, limited by address. */
  principal: Principal | null;
  /** The principal's user's plan (ignored for anonymous callers). */
  plan: PlanName;
  ip: string;
}

export interface RequestLimitsOptions {
  anonymousPerMinute: number;
}

const rule = (name: string, scope: string, limit: number, windowMs: number): RateLimitRule => ({
  key: `${scope}@${windowMs}`,
  name,
  limit,
  windowMs,
});

/** The user's plan limits: a request made with one of their tokens counts against them too. */
export function planRules(userId: string, plan: PlanName): RateLimitRule[] {
  const { perMinute, perDay } = PLAN_LIMITS[plan];
  const rules = [rule(`${plan} plan`, `user:${userId}`, perMinute, MINUTE_MS)];
  if (perDay !== null) rules.push(rule(`${plan} plan`, `user:${userId}`, perDay, DAY_MS));
  return rules;
}

/** Every limit one request is counted against; all must admit it. */
export function requestLimits(caller: RequestCaller, route: RouteRateLimit | undefined, options: RequestLimitsOptions): RateLimitRule[] {
  const { principal, plan, ip } = caller;
  const callerScope = principal ? `user:${principal.userId}` : `ip:${ip}`;
  const rules = principal ? planRules(principal.userId, plan) : [rule('anonymous', callerScope, options.anonymousPerMinute, MINUTE_MS)];
  if (principal?.kind === 'token' && principal.tokenId !== undefined) {
    rules.push(rule('token', `token:${principal.tokenId}`, principal.tokenRateLimitPerHour ?? DEFAULT_TOKEN_RATE_LIMIT_PER_HOUR, HOUR_MS));
  }
  // An app acting for a user counts against the user's plan and, per grant, as a token without a limit of its own does.
  if (principal?.kind === 'oauth' && principal.oauth !== undefined) {
    rules.push(rule('oauth app', `oauthgrant:${principal.oauth.grantId}`, DEFAULT_TOKEN_RATE_LIMIT_PER_HOUR, HOUR_MS));
  }
  if (route) rules.push(rule(route.name, `route:${route.name}:${callerScope}`, route.limit, route.windowMs));
  return rules;
}
