import type { RequestHandler } from 'express';
import { ApiError } from './apiError';
import type { Principal } from '../auth/principal';

interface Window {
  startedAt: number;
  count: number;
}

export interface RateLimits {
  perMinute: number;
  anonymousPerMinute: number;
}

const WINDOW_MS = 60_000;

/**
 * Fixed one-minute windows per caller: per token, per user session, per IP for anonymous calls.
 * Counters live in this process; the distributed profile's shared counters are a later issue.
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly limits: RateLimits, private readonly now: () => number = Date.now) {
    this.sweeper = setInterval(() => this.sweep(), WINDOW_MS).unref();
  }

  take(key: string, limit: number): { allowed: boolean; remaining: number; resetAt: number } {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= WINDOW_MS) {
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    const allowed = window.count < limit;
    if (allowed) window.count++;
    return { allowed, remaining: Math.max(0, limit - window.count), resetAt: window.startedAt + WINDOW_MS };
  }

  middleware(): RequestHandler {
    return (req, res, next) => {
      const principal = res.locals.principal as Principal | null;
      const [key, limit] = principal
        ? [principal.tokenId ? `token:${principal.tokenId}` : `user:${principal.userId}`, this.limits.perMinute]
        : [`ip:${req.ip ?? 'unknown'}`, this.limits.anonymousPerMinute];
      const { allowed, remaining, resetAt } = this.take(key, limit);
      const resetSeconds = Math.ceil(resetAt / 1000);
      res.set({ 'X-RateLimit-Limit': String(limit), 'X-RateLimit-Remaining': String(remaining), 'X-RateLimit-Reset': String(resetSeconds) });
      if (allowed) return next();
      const retryAfter = Math.max(1, Math.ceil((resetAt - this.now()) / 1000));
      next(new ApiError('rate_limited', 'too many requests', [], { 'Retry-After': String(retryAfter) }));
    };
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, window] of this.windows) if (now - window.startedAt >= WINDOW_MS) this.windows.delete(key);
  }
}
