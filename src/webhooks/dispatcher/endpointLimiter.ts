import Bottleneck from 'bottleneck';
import { AdaptiveRate } from './adaptiveRate';
import type { EndpointSettings } from './endpointWorkerTypes';

/**
 * Paces one endpoint's attempts with Bottleneck: spaced evenly at its rate per minute (so no minute holds more
 * than the rate) and at most its concurrency at once. A 429 or Retry-After tightens the rate (AdaptiveRate).
 */
export class EndpointLimiter {
  private readonly limiter = new Bottleneck({ maxConcurrent: 1, minTime: 0 });
  private appliedLimits = '';

  constructor(private readonly adaptive: AdaptiveRate = new AdaptiveRate()) {}

  /** Applies the settings and the adaptive rate at `now`; the limiter is only updated when they changed. */
  apply(settings: EndpointSettings, now: number): void {
    const ratePerMinute = this.adaptive.ratePerMinute(settings.rateLimitPerMinute, now);
    const limits = `${ratePerMinute}/${settings.maxConcurrency}`;
    if (limits === this.appliedLimits) return;
    this.appliedLimits = limits;
    // Timers cannot space attempts finer than a millisecond: past 60,000 a minute only the concurrency cap holds.
    const minTime = ratePerMinute >= 60_000 ? 0 : 60_000 / ratePerMinute;
    this.limiter.updateSettings({ minTime, maxConcurrent: settings.maxConcurrency });
  }

  /** Runs the task in its turn; rejects when the limiter is stopped before its turn came. */
  schedule(task: () => Promise<void>): Promise<void> {
    return this.limiter.schedule(task);
  }

  /** The endpoint answered 429 or sent Retry-After. */
  pushedBack(now: number): void {
    this.adaptive.pushedBack(now);
  }

  /** Drops the tasks still waiting for their turn. */
  stop(): Promise<void> {
    return this.limiter.stop({ dropWaitingJobs: true });
  }
}
