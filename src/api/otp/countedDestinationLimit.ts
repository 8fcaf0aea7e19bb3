import type { DestinationSendLimit } from '../../commands/otp/destinationSendLimit';
import { tooManyAttempts } from '../../domain/shared/domainError';
import { HOUR_MS } from '../http/rateLimit/rateLimitRule';
import type { RateLimitRule } from '../http/rateLimit/rateLimitRule';
import type { RateLimitCounters } from '../http/rateLimitCounters';

/** Codes to one address or number per hour, from any number of accounts. */
export const OTP_DESTINATION_LIMIT = { limit: 5, windowMs: HOUR_MS };

/** The per-destination limit on the request counters (in MongoDB when API replicas share them). */
export class CountedDestinationLimit implements DestinationSendLimit {
  constructor(private readonly counters: RateLimitCounters) {}

  async take(destinationHash: string, now: Date): Promise<void> {
    const rule: RateLimitRule = {
      key: `otp-destination:${destinationHash}@${OTP_DESTINATION_LIMIT.windowMs}`,
      name: 'one-time codes to one destination',
      ...OTP_DESTINATION_LIMIT,
    };
    const [verdict] = await this.counters.take([rule], now.getTime());
    if (!verdict!.allowed) {
      throw tooManyAttempts(
        `at most ${rule.limit} codes are sent to one destination per hour; try again later`,
        new Date(verdict!.resetAt),
      );
    }
  }
}
