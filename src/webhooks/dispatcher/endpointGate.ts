import type { Clock } from '../../ports';
import type { CircuitBreaker } from './circuitBreaker';

/**
 * Whether one endpoint's next attempt may go now: not while a Retry-After pauses the endpoint, nor while its
 * circuit breaker is open, except for the single probe of a cooled-off circuit. Wakes the worker when the
 * pause or the cool-off ends.
 */
export class EndpointGate {
  private pausedUntil = 0;
  /** The delivery sent as the circuit breaker's probe, while it is out. */
  private probe: string | null = null;
  private wakeTimer: { at: number; timer: NodeJS.Timeout } | null = null;
  private closed = false;

  constructor(
    private readonly breaker: CircuitBreaker,
    private readonly clock: Clock,
    private readonly wake: () => void,
  ) {}

  isPaused(now: number): boolean {
    return now < this.pausedUntil;
  }

  /** Whether the endpoint is paused now; if so, the worker is woken when the pause ends. */
  holdsBack(now: number): boolean {
    if (!this.isPaused(now)) return false;
    this.wakeAt(this.pausedUntil);
    return true;
  }

  /** A Retry-After: nothing goes to the endpoint before `until`. */
  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  /** Asks the breaker to let this delivery go now; when it refuses, the worker is woken once it would let one through. */
  admit(deliveryId: string, now: number): boolean {
    const admission = this.breaker.admit(now);
    if (admission === 'refused') {
      const reopensAt = this.breaker.reopensAt();
      if (reopensAt !== null) this.wakeAt(reopensAt);
      return false;
    }
    if (admission === 'probe') this.probe = deliveryId;
    return true;
  }

  /** The delivery was not sent after all: if it was the probe, another may go. */
  releaseProbe(deliveryId: string): void {
    if (this.probe !== deliveryId) return;
    this.probe = null;
    this.breaker.probeReleased();
  }

  /** The delivery's attempt was made: the breaker hears how it went from the worker. */
  attempted(deliveryId: string): void {
    if (this.probe === deliveryId) this.probe = null;
  }

  close(): void {
    this.closed = true;
    if (this.wakeTimer) clearTimeout(this.wakeTimer.timer);
    this.wakeTimer = null;
  }

  private wakeAt(at: number): void {
    if (this.closed || (this.wakeTimer && this.wakeTimer.at <= at)) return;
    if (this.wakeTimer) clearTimeout(this.wakeTimer.timer);
    const timer = setTimeout(
      () => {
        this.wakeTimer = null;
        this.wake();
      },
      Math.max(0, at - this.clock().getTime()),
    );
    timer.unref();
    this.wakeTimer = { at, timer };
  }
}
