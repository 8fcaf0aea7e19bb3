import type { RateLimitRule } from '../../http/rateLimit/rateLimitRule';
import { MINUTE_MS } from '../../http/rateLimit/rateLimitRule';
import type { RateLimiter } from '../../http/rateLimiter';

export const hookRateRule = (incomingWebhookId: string, perMinute: number): RateLimitRule => ({
  key: `incoming-webhook:${incomingWebhookId}@${MINUTE_MS}`,
  name: 'incoming webhook',
  limit: perMinute,
  windowMs: MINUTE_MS,
});

/**
 * The limits of the receive URL, counted by the API's RateLimiter with its counters (shared by every replica
 * in the distributed profile), so a refused call counts for nothing, `enforce` off only reports, and counters
 * that fail let the call through:
 * - a token that opens no hook counts against its caller's anonymous per-address limit, so probing for
 *   tokens is as limited as any anonymous request; calls to a real hook do not (a sender's shared address
 *   is not locked out by another hook's stale URL);
 * - each hook's `rate_limit_per_minute`;
 * - a call about to run a command counts against its owner's plan, as their own REST requests do, so hooks
 *   cannot multiply a plan.
 */
export class HookRateLimit {
  constructor(private readonly limiter: RateLimiter) {}

  /**
   * Counts a call whose token opens no hook against its caller's anonymous per-address limit (the API's
   * counters): throws the 429 past it, so a prober gets 429s, not answers, once over.
   */
  async unknownToken(ip: string): Promise<void> {
    await this.limiter.admit(this.limiter.anonymousRules(ip));
  }

  /** Counts a call to the hook; answers the X-RateLimit-* headers to send, or throws the 429. */
  admit(incomingWebhookId: string, perMinute: number): Promise<Record<string, string>> {
    return this.limiter.admit([hookRateRule(incomingWebhookId, perMinute)]);
  }

  /** Counts a call about to run a command against its owner's plan; throws the 429 past it. */
  async admitRun(ownerId: string): Promise<void> {
    await this.limiter.admit(await this.limiter.userRules(ownerId));
  }
}
