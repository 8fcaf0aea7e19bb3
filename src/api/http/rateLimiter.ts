import type { RequestHandler } from 'express';
import type { Logger } from '../../ports/logger';
import type { Principal } from '../auth/principal';
import { ApiError } from './apiError';
import type { RateLimitCounters } from './rateLimitCounters';

export interface RateLimits {
  perMinute: number;
  anonymousPerMinute: number;
}

const WINDOW_MS = 60_000;

/**
 * Fixed one-minute windows per caller: per token, per user session, per IP for anonymous calls. Where
 * the counters live is the composition root's choice (this process, or shared by every replica).
 * A counter store that fails lets the request through: an outage of it must not take the API down.
 */
export class RateLimiter {
  constructor(
    private readonly limits: RateLimits,
    private readonly counters: RateLimitCounters,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async take(key: string, limit: number): Promise<{ allowed: boolean; remaining: number; resetAt: number }> {
    const windowStart = Math.floor(this.now() / WINDOW_MS) * WINDOW_MS;
    const resetAt = windowStart + WINDOW_MS;
    try {
      const count = await this.counters.increment(key, windowStart, WINDOW_MS);
      return { allowed: count <= limit, remaining: Math.max(0, limit - count), resetAt };
    } catch (error) {
      this.logger.warn('rate limit counters unavailable; request let through', { error });
      return { allowed: true, remaining: limit, resetAt };
    }
  }

  middleware(): RequestHandler {
    return async (req, res, next) => {
      const principal = res.locals.principal as Principal | null;
      const [key, limit] = principal
        ? [principal.tokenId ? `token:${principal.tokenId}` : `user:${principal.userId}`, this.limits.perMinute]
        : [`ip:${req.ip ?? 'unknown'}`, this.limits.anonymousPerMinute];
      const { allowed, remaining, resetAt } = await this.take(key, limit);
      res.set({
        'X-RateLimit-Limit': String(limit),
        'X-RateLimit-Remaining': String(remaining),
        'X-RateLimit-Reset': String(Math.ceil(resetAt / 1000)),
      });
      if (allowed) return next();
      const retryAfter = Math.max(1, Math.ceil((resetAt - this.now()) / 1000));
      next(new ApiError('rate_limited', 'too many requests', [], { 'Retry-After': String(retryAfter) }));
    };
  }
}
