import type { Logger } from '../../../ports/logger';
import type { RateLimitRule } from '../../http/rateLimit/rateLimitRule';
import { MINUTE_MS } from '../../http/rateLimit/rateLimitRule';
import { rateLimited, rateLimitHeaders } from '../../http/rateLimit/rateLimited';
import { reportedLimit } from '../../http/rateLimit/reportedLimit';
import type { RateLimitCounters } from '../../http/rateLimitCounters';
import { admittedByAll } from '../../http/rateLimitCounters';

export const hookRateRule = (incomingWebhookId: string, perMinute: number): RateLimitRule => ({
  key: `incoming-webhook:${incomingWebhookId}@${MINUTE_MS}`,
  name: 'incoming webhook',
  limit: perMinute,
  windowMs: MINUTE_MS,
});

/**
 * Calls to one receive URL per minute (the hook's `rate_limit_per_minute`), counted with the API's own rate
 * limit counters, so that in the distributed profile every replica counts against the same limit. Like the
 * API's limits: a refused call counts for nothing, `enforce` off only reports, and counters that fail let
 * the call through.
 */
export class HookRateLimit {
  constructor(
    private readonly counters: RateLimitCounters,
    private readonly enforce: boolean,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a call; answers the X-RateLimit-* headers to send, or throws the 429. */
  async admit(incomingWebhookId: string, perMinute: number): Promise<Record<string, string>> {
    const rule = hookRateRule(incomingWebhookId, perMinute);
    const now = this.now();
    const verdicts = await this.counters.take([rule], now).catch((error: unknown) => {
      this.logger.warn('rate limit counters unavailable; incoming webhook call let through', { error });
      return null;
    });
    if (verdicts === null) return {};
    const judged = reportedLimit([{ rule, verdict: verdicts[0]! }]);
    if (!admittedByAll(verdicts) && this.enforce) throw rateLimited(judged, now);
    return rateLimitHeaders(judged);
  }
}
