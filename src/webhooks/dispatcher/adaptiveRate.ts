export interface AdaptiveRateOptions {
  /** Each 429 or Retry-After divides the endpoint's rate by this much (down to 1 a minute). */
  tightenFactor: number;
  /** Every this long without another 429 or Retry-After, one step back: the rate is multiplied by the factor again. */
  recoveryStepMs: number;
}

export const ADAPTIVE_RATE_DEFAULTS: AdaptiveRateOptions = { tightenFactor: 2, recoveryStepMs: 60_000 };

/**
 * Adaptive throttling of one endpoint: after the endpoint pushes back (429, Retry-After) its rate per minute
 * tightens, then recovers a step per quiet interval until it is back at the configured rate. Pure: the
 * time is passed in.
 */
export class AdaptiveRate {
  /** How many times the rate is tightened right after the last push-back. */
  private tightenings = 0;
  private lastPushBackAt = 0;

  constructor(private readonly options: AdaptiveRateOptions = ADAPTIVE_RATE_DEFAULTS) {}

  /** The endpoint answered 429 or sent Retry-After. */
  pushedBack(now: number): void {
    this.tightenings = this.currentTightenings(now) + 1;
    this.lastPushBackAt = now;
  }

  /** The rate per minute to apply now, given the webhook's configured rate; at least 1. */
  ratePerMinute(configured: number, now: number): number {
    const divisor = this.options.tightenFactor ** this.currentTightenings(now);
    return Math.max(1, Math.floor(configured / divisor));
  }

  private currentTightenings(now: number): number {
    if (this.tightenings === 0) return 0;
    const stepsRecovered = Math.floor((now - this.lastPushBackAt) / this.options.recoveryStepMs);
    return Math.max(0, this.tightenings - stepsRecovered);
  }
}
