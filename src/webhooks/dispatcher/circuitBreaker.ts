export interface CircuitBreakerOptions {
  /** Failures in a row that open the circuit. */
  openingFailures: number;
  /** How long an open circuit cools off before one probe may go. */
  coolOffMs: number;
  /** An endpoint failing without a success for this long is disabled. */
  disableAfterMs: number;
}

export const CIRCUIT_BREAKER_DEFAULTS: CircuitBreakerOptions = {
  openingFailures: 10,
  coolOffMs: 60_000,
  disableAfterMs: 5 * 24 * 3_600_000,
};

/** What the endpoint's record says so far (the deliveries' health read model), so a restart does not forget a failing endpoint. */
export interface FailureRecord {
  consecutiveFailures: number;
  /** Since when every attempt has failed; null after a success. */
  failingSince: Date | null;
}

/** What a failure leads to. */
export interface FailureVerdict {
  /** The endpoint has failed continuously for `disableAfterMs`: disable it. */
  disable: boolean;
  failingSince: Date;
}

/**
 * One endpoint's circuit breaker: closed while it answers; after `openingFailures` failures in a row it opens
 * and nothing is sent while it cools off; then one probe is let through and decides: a success closes it, a
 * failure opens it for another cool-off. Pure: the time is passed in.
 */
export class CircuitBreaker {
  private consecutiveFailures = 0;
  private failingSince: Date | null = null;
  private openUntil = 0;
  private probeInFlight = false;

  constructor(private readonly options: CircuitBreakerOptions = CIRCUIT_BREAKER_DEFAULTS) {}

  /** Takes up what the endpoint's record says (after a restart); an endpoint past the threshold is probed first. */
  recall(record: FailureRecord): void {
    this.consecutiveFailures = record.consecutiveFailures;
    this.failingSince = record.failingSince;
  }

  /** Asks to send one attempt now: `pass` while closed, `probe` for the single probe of a cooled-off circuit, else `refused`. */
  admit(now: number): 'pass' | 'probe' | 'refused' {
    if (!this.isOpen()) return 'pass';
    if (this.probeInFlight || now < this.openUntil) return 'refused';
    this.probeInFlight = true;
    return 'probe';
  }

  /** When an open circuit lets its probe through next; null when closed (or the probe is already out). */
  reopensAt(): number | null {
    return this.isOpen() && !this.probeInFlight ? this.openUntil : null;
  }

  succeeded(): void {
    this.consecutiveFailures = 0;
    this.failingSince = null;
    this.probeInFlight = false;
  }

  failed(now: number): FailureVerdict {
    this.consecutiveFailures += 1;
    this.failingSince ??= new Date(now);
    if (this.isOpen()) this.openUntil = now + this.options.coolOffMs;
    this.probeInFlight = false;
    return { disable: now - this.failingSince.getTime() >= this.options.disableAfterMs, failingSince: this.failingSince };
  }

  /** The probe was never sent (the lease was refused, say): another may go. */
  probeReleased(): void {
    this.probeInFlight = false;
  }

  private isOpen(): boolean {
    return this.consecutiveFailures >= this.options.openingFailures;
  }
}
