import type { OtpSendLimits, OtpSendSlot } from '../../commands/otp/otpSendLimits';
import { tooManyAttempts } from '../../domain/shared/domainError';
import { sendLimitMessage } from '../../domain/user/otp/otpDecider';
import { OTP_SEND_LIMIT, OTP_SEND_WINDOW_MS } from '../../domain/user/otp/otpRules';
import { HOUR_MS } from '../http/rateLimit/rateLimitRule';
import type { RateLimitRule } from '../http/rateLimit/rateLimitRule';
import type { RateLimitCounters } from '../http/rateLimitCounters';

/** Codes to one address or number per hour, from any number of accounts. */
export const OTP_DESTINATION_LIMIT = { limit: 5, windowMs: HOUR_MS };

/** Codes one user is sent, the same limit the user's events hold (src/domain/user/otp/otpRules.ts). */
export const OTP_USER_LIMIT = { limit: OTP_SEND_LIMIT, windowMs: OTP_SEND_WINDOW_MS };

/**
 * The per-user and per-destination limits on the request counters (in MongoDB when API replicas share
 * them), taken in one step: a code refused by one limit uses up nothing of the other.
 */
export class CountedSendLimits implements OtpSendLimits {
  constructor(private readonly counters: RateLimitCounters) {}

  async take({ userId, destinationHash }: OtpSendSlot, now: Date): Promise<void> {
    const user: RateLimitRule = {
      key: `otp-user:${userId}@${OTP_USER_LIMIT.windowMs}`,
      name: 'one-time codes to one user',
      ...OTP_USER_LIMIT,
    };
    const destination: RateLimitRule = {
      key: `otp-destination:${destinationHash}@${OTP_DESTINATION_LIMIT.windowMs}`,
      name: 'one-time codes to one destination',
      ...OTP_DESTINATION_LIMIT,
    };
    const [byUser, byDestination] = await this.counters.take([user, destination], now.getTime());
    if (!byUser!.allowed) throw tooManyAttempts(sendLimitMessage, new Date(byUser!.resetAt));
    if (!byDestination!.allowed) {
      throw tooManyAttempts(
        `at most ${destination.limit} codes are sent to one destination per hour; try again later`,
        new Date(byDestination!.resetAt),
      );
    }
  }
}
