import Bottleneck from 'bottleneck';
import type { WebhookOrdering } from '../../domain/webhook/webhookEvents';
import type { Clock, Logger } from '../../ports';
import type { DispatcherMetrics } from '../webhookPorts';
import { AdaptiveRate } from './adaptiveRate';
import type { MadeAttempt } from './attemptDelivery';
import type { CircuitBreaker, FailureRecord } from './circuitBreaker';

/** A delivery waiting in, or running on, an endpoint's worker. */
export interface QueuedDelivery {
  deliveryId: string;
  /** With `per_resource` ordering, the resource stream whose earlier deliveries go first; null: no order to keep. */
  resource: string | null;
  /** The delivered event's position in the log, which orders one resource's deliveries. */
  position: string | null;
}

/** Where a delivery stands, from the log, for ordering: its resource stream and the event's position. */
export type DescribeDelivery = (deliveryId: string) => Promise<Pick<QueuedDelivery, 'resource' | 'position'> | null>;

/** How one attempt went, as the worker needs to know it. */
export type AttemptReport =
  | { kind: 'made'; made: MadeAttempt }
  /** The lease was refused: finished already, leased by another process, or not due yet. */
  | { kind: 'not_leased' }
  /** The webhook is deleted or disabled: nothing more goes to it. */
  | { kind: 'endpoint_gone' };

export interface EndpointSettings {
  rateLimitPerMinute: number;
  maxConcurrency: number;
  ordering: WebhookOrdering;
}

export interface EndpointWorkerOptions {
  /** Most deliveries one endpoint holds in memory; more are left to the due scheduler, which re-publishes them. */
  maxQueued: number;
  /** A retry due within this long is re-run from memory; a later one is left to the due scheduler. */
  localRetryWithinMs: number;
  /** Longest pause a Retry-After imposes on the whole endpoint. */
  maxPauseMs: number;
}

export const ENDPOINT_WORKER_DEFAULTS: EndpointWorkerOptions = {
  maxQueued: 10_000,
  localRetryWithinMs: 10 * 60_000,
  maxPauseMs: 24 * 3_600_000,
};

export interface EndpointWorkerDeps {
  webhookId: string;
  attempt: (deliveryId: string) => Promise<AttemptReport>;
  /** Only asked with `per_resource` ordering. */
  describe: DescribeDelivery;
  /** Whether an earlier delivery of the same resource is unfinished, leaving out `finishedHere` (the read model may lag behind them). */
  earlierUnfinished: (delivery: QueuedDelivery, finishedHere: readonly string[]) => Promise<boolean>;
  /** Disables the webhook for good (continuous failure); the worker stops once it is called. */
  disable: (reason: string) => Promise<void>;
  breaker: CircuitBreaker;
  adaptive?: AdaptiveRate;
  metrics: DispatcherMetrics;
  clock: Clock;
  logger: Logger;
  options?: EndpointWorkerOptions;
}

const RECENTLY_FINISHED_KEPT = 1_000;

/**
 * Delivers one webhook's deliveries: Bottleneck spaces the attempts evenly at the endpoint's rate per minute
 * (so no minute holds more than the rate) and caps how many run at once; the circuit breaker and a
 * Retry-After hold the endpoint back; a 429 or Retry-After tightens the rate (AdaptiveRate).
 *
 * Each delivery runs in a lane: its own, or with `per_resource` ordering its resource's, where only the lane's
 * head may run and the rest wait until it has succeeded or failed for good. A retry due soon keeps its lane;
 * anything else that cannot wait in memory is forgotten here and comes back through the due scheduler.
 */
export class EndpointWorker {
  private readonly limiter = new Bottleneck({ maxConcurrent: 1, minTime: 0 });
  private readonly adaptive: AdaptiveRate;
  private readonly options: EndpointWorkerOptions;
  private settings: EndpointSettings | null = null;
  private appliedLimits = '';
  /** Every delivery held here, waiting, scheduled or running: none is taken twice. */
  private readonly known = new Set<string>();
  private readonly lanes = new Map<string, QueuedDelivery[]>();
  /** Lane heads that may run now, oldest first. */
  private readonly ready: QueuedDelivery[] = [];
  private readonly retryTimers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private readonly recentlyFinished = new Map<string, string | null>();
  private intake: Promise<void> = Promise.resolve();
  private submitted = 0;
  private pausedUntil = 0;
  private wakeTimer: { at: number; timer: NodeJS.Timeout } | null = null;
  /** The delivery sent as the circuit breaker's probe, while it is out. */
  private probe: string | null = null;
  private stopping: Promise<void> | null = null;
  /** Deliveries are placed only once the settings are known: the ordering decides their lane. */
  private readonly configured: Promise<void>;
  private markConfigured: () => void = () => undefined;

  constructor(private readonly deps: EndpointWorkerDeps) {
    this.adaptive = deps.adaptive ?? new AdaptiveRate();
    this.options = deps.options ?? ENDPOINT_WORKER_DEFAULTS;
    this.configured = new Promise((resolve) => (this.markConfigured = resolve));
  }

  /** Applies the webhook's current settings; the first call lets the worker start. */
  configure(settings: EndpointSettings): void {
    this.settings = {
      rateLimitPerMinute: settings.rateLimitPerMinute,
      maxConcurrency: settings.maxConcurrency,
      ordering: settings.ordering,
    };
    this.markConfigured();
    this.pump();
  }

  /** Takes up the endpoint's failure record before the first attempt. */
  recallFailures(record: FailureRecord): void {
    this.deps.breaker.recall(record);
  }

  /** Takes a delivery unless it is held here already, or the worker is full or stopped. Returns at once. */
  submit(deliveryId: string): void {
    if (this.stopped || this.known.has(deliveryId) || this.known.size >= this.options.maxQueued) return;
    this.known.add(deliveryId);
    this.intake = this.intake.then(() => this.place(deliveryId)).catch((error: unknown) => this.lost(deliveryId, error));
    this.reportDepth();
  }

  /** Deliveries held here (waiting, scheduled or running). */
  get depth(): number {
    return this.known.size;
  }

  get idle(): boolean {
    return this.known.size === 0 && this.running.size === 0;
  }

  get isStopped(): boolean {
    return this.stopping !== null;
  }

  private get stopped(): boolean {
    return this.stopping !== null;
  }

  /** Takes nothing more, drops what waits and resolves once the attempts in flight have been recorded. */
  stop(): Promise<void> {
    this.stopping ??= this.shutDown();
    return this.stopping;
  }

  private async shutDown(): Promise<void> {
    this.markConfigured();
    for (const timer of this.retryTimers.values()) clearTimeout(timer);
    this.retryTimers.clear();
    if (this.wakeTimer) clearTimeout(this.wakeTimer.timer);
    this.wakeTimer = null;
    this.ready.length = 0;
    this.lanes.clear();
    this.known.clear();
    this.reportDepth();
    await this.limiter.stop({ dropWaitingJobs: true });
    await Promise.all([...this.running]);
  }

  private async place(deliveryId: string): Promise<void> {
    await this.configured;
    if (this.stopped || !this.known.has(deliveryId)) return;
    const delivery = await this.queuedDelivery(deliveryId);
    if (delivery.resource === null) {
      this.ready.push(delivery);
      return this.pump();
    }
    const lane = this.lanes.get(delivery.resource);
    if (lane) return insertBehindHead(lane, delivery);
    this.lanes.set(delivery.resource, [delivery]);
    await this.releaseHead(delivery, { checked: false });
  }

  private async queuedDelivery(deliveryId: string): Promise<QueuedDelivery> {
    if (this.settings?.ordering !== 'per_resource') return { deliveryId, resource: null, position: null };
    const described = await this.deps.describe(deliveryId);
    return { deliveryId, resource: described?.resource ?? null, position: described?.position ?? null };
  }

  /** A lane's new head runs, unless an earlier delivery of its resource is still unfinished (after a restart, say). */
  private async releaseHead(head: QueuedDelivery, { checked }: { checked: boolean }): Promise<void> {
    if (!checked) {
      const finishedHere = [...this.recentlyFinished].filter(([, resource]) => resource === head.resource).map(([id]) => id);
      const waits = await this.deps.earlierUnfinished(head, finishedHere).catch((error: unknown) => {
        this.lost(head.deliveryId, error);
        return true;
      });
      if (waits) return this.forgetLane(head);
    }
    if (this.stopped || !this.known.has(head.deliveryId)) return;
    this.ready.push(head);
    this.pump();
  }

  private pump(): void {
    if (this.stopped || !this.settings) return;
    const now = this.deps.clock().getTime();
    if (now < this.pausedUntil) return this.wakeAt(this.pausedUntil);
    this.applyLimits(this.settings, now);
    while (this.ready.length > 0 && this.submitted < this.settings.maxConcurrency) {
      const admission = this.deps.breaker.admit(now);
      if (admission === 'refused') {
        const reopensAt = this.deps.breaker.reopensAt();
        if (reopensAt !== null) this.wakeAt(reopensAt);
        break;
      }
      const delivery = this.ready.shift() as QueuedDelivery;
      if (admission === 'probe') this.probe = delivery.deliveryId;
      this.submitted += 1;
      this.limiter.schedule(() => this.track(this.run(delivery))).catch(() => this.dropped(delivery));
    }
    this.reportDepth();
  }

  private applyLimits(settings: EndpointSettings, now: number): void {
    const ratePerMinute = this.adaptive.ratePerMinute(settings.rateLimitPerMinute, now);
    const limits = `${ratePerMinute}/${settings.maxConcurrency}`;
    if (limits === this.appliedLimits) return;
    this.appliedLimits = limits;
    // Timers cannot space attempts finer than a millisecond: past 60,000 a minute only the concurrency cap holds.
    const minTime = ratePerMinute >= 60_000 ? 0 : 60_000 / ratePerMinute;
    this.limiter.updateSettings({ minTime, maxConcurrent: settings.maxConcurrency });
  }

  private track(run: Promise<void>): Promise<void> {
    this.running.add(run);
    return run.finally(() => this.running.delete(run));
  }

  private async run(delivery: QueuedDelivery): Promise<void> {
    if (this.stopped) return;
    if (this.deps.clock().getTime() < this.pausedUntil) {
      // Paused by a Retry-After while this one waited for its turn in the limiter.
      this.submitted -= 1;
      this.releaseProbe(delivery);
      this.ready.unshift(delivery);
      return this.pump();
    }
    let report: AttemptReport;
    try {
      report = await this.deps.attempt(delivery.deliveryId);
    } catch (error) {
      this.submitted -= 1;
      this.releaseProbe(delivery);
      this.lost(delivery.deliveryId, error);
      this.forgetLane(delivery);
      return this.pump();
    }
    this.submitted -= 1;
    await this.settle(delivery, report);
    this.pump();
  }

  private releaseProbe(delivery: QueuedDelivery): void {
    if (this.probe !== delivery.deliveryId) return;
    this.probe = null;
    this.deps.breaker.probeReleased();
  }

  private async settle(delivery: QueuedDelivery, report: AttemptReport): Promise<void> {
    // Stopping from inside an attempt must not wait for that attempt: stop() is not awaited here.
    if (report.kind === 'endpoint_gone') return void this.stop();
    if (report.kind === 'not_leased') {
      this.releaseProbe(delivery);
      return this.finish(delivery, { finishedHere: false });
    }
    if (this.probe === delivery.deliveryId) this.probe = null;
    const { result, outcome } = report.made;
    const now = this.deps.clock().getTime();
    if (result.errorClass === null) this.deps.breaker.succeeded();
    else if (await this.failed(now)) return;
    if (result.errorClass === 'gone') return void this.stop();
    if (result.errorClass !== null && (result.status === 429 || result.retryAfterMs !== null)) {
      this.adaptive.pushedBack(now);
      this.pausedUntil = Math.max(this.pausedUntil, now + Math.min(result.retryAfterMs ?? 0, this.options.maxPauseMs));
    }
    if (outcome.outcome !== 'retrying') return this.finish(delivery, { finishedHere: true });
    this.retryLater(delivery, outcome.nextAttemptAt?.getTime() ?? now, now);
  }

  /** Counts a failure; answers whether the endpoint is now disabled (it has failed for too long). */
  private async failed(now: number): Promise<boolean> {
    const verdict = this.deps.breaker.failed(now);
    if (!verdict.disable) return false;
    const reason = `every delivery attempt has failed since ${verdict.failingSince.toISOString()}`;
    await this.deps
      .disable(reason)
      .catch((error: unknown) => this.deps.logger.error('could not disable a failing webhook', { webhookId: this.deps.webhookId, error }));
    void this.stop();
    return true;
  }

  private retryLater(delivery: QueuedDelivery, dueAt: number, now: number): void {
    if (this.stopped) return;
    if (dueAt - now > this.options.localRetryWithinMs) return this.forgetLane(delivery);
    const timer = setTimeout(
      () => {
        this.retryTimers.delete(delivery.deliveryId);
        if (this.stopped) return;
        this.ready.push(delivery);
        this.pump();
      },
      Math.max(0, dueAt - now),
    );
    timer.unref();
    this.retryTimers.set(delivery.deliveryId, timer);
  }

  /** The lane's head is done with here; the next delivery of its resource becomes the head. */
  private async finish(delivery: QueuedDelivery, { finishedHere }: { finishedHere: boolean }): Promise<void> {
    this.known.delete(delivery.deliveryId);
    if (finishedHere) this.rememberFinished(delivery);
    if (delivery.resource === null) return;
    const lane = this.lanes.get(delivery.resource);
    if (!lane || lane[0] !== delivery) return;
    lane.shift();
    const next = lane[0];
    if (!next) {
      this.lanes.delete(delivery.resource);
      return;
    }
    await this.releaseHead(next, { checked: finishedHere });
  }

  private rememberFinished(delivery: QueuedDelivery): void {
    this.recentlyFinished.set(delivery.deliveryId, delivery.resource);
    if (this.recentlyFinished.size > RECENTLY_FINISHED_KEPT) {
      const oldest = this.recentlyFinished.keys().next().value as string;
      this.recentlyFinished.delete(oldest);
    }
  }

  /** Forgets a delivery and, with ordering, every later one of its resource: the due scheduler brings them back. */
  private forgetLane(delivery: QueuedDelivery): void {
    const lane = delivery.resource === null ? undefined : this.lanes.get(delivery.resource);
    const forgotten = lane && lane[0] === delivery ? lane : [delivery];
    for (const each of forgotten) {
      this.known.delete(each.deliveryId);
      const timer = this.retryTimers.get(each.deliveryId);
      if (timer) clearTimeout(timer);
      this.retryTimers.delete(each.deliveryId);
    }
    if (lane && lane[0] === delivery && delivery.resource !== null) this.lanes.delete(delivery.resource);
    this.reportDepth();
  }

  /** The limiter dropped a waiting job (stopped). */
  private dropped(delivery: QueuedDelivery): void {
    this.known.delete(delivery.deliveryId);
  }

  private lost(deliveryId: string, error: unknown): void {
    this.known.delete(deliveryId);
    this.deps.logger.warn('webhook delivery attempt failed to run; the due scheduler will bring it back', {
      webhookId: this.deps.webhookId,
      deliveryId,
      error,
    });
  }

  private wakeAt(at: number): void {
    if (this.stopped || (this.wakeTimer && this.wakeTimer.at <= at)) return;
    if (this.wakeTimer) clearTimeout(this.wakeTimer.timer);
    const timer = setTimeout(
      () => {
        this.wakeTimer = null;
        this.pump();
      },
      Math.max(0, at - this.deps.clock().getTime()),
    );
    timer.unref();
    this.wakeTimer = { at, timer };
  }

  private reportDepth(): void {
    this.deps.metrics.queueDepth(this.deps.webhookId, this.known.size);
  }
}

/** Keeps a lane in position order behind its head, which may already be running. */
function insertBehindHead(lane: QueuedDelivery[], delivery: QueuedDelivery): void {
  const after = lane.findIndex((queued, index) => index > 0 && (queued.position ?? '') > (delivery.position ?? ''));
  lane.splice(after === -1 ? lane.length : after, 0, delivery);
}
