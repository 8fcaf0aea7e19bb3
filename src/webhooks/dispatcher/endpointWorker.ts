import { DeliveryLanes } from './deliveryLanes';
import { EndpointGate } from './endpointGate';
import { EndpointLimiter } from './endpointLimiter';
import type { AttemptReport, EndpointSettings, EndpointWorkerDeps, EndpointWorkerOptions, QueuedDelivery } from './endpointWorkerTypes';
import { ENDPOINT_WORKER_DEFAULTS } from './endpointWorkerTypes';
import type { FailureRecord } from './circuitBreaker';
import { RetryTimers } from './retryTimers';

/**
 * Delivers one webhook's deliveries: the limiter spaces the attempts at the endpoint's rate and caps how many run
 * at once (EndpointLimiter); the circuit breaker and a Retry-After hold the endpoint back (EndpointGate).
 *
 * Each delivery runs in a lane (DeliveryLanes): with `per_resource` ordering only a resource's head may run. A
 * retry due soon keeps its lane (RetryTimers); anything else that cannot wait in memory is forgotten here and
 * comes back through the due scheduler.
 */
export class EndpointWorker {
  private readonly options: EndpointWorkerOptions;
  private readonly limiter: EndpointLimiter;
  private readonly gate: EndpointGate;
  private readonly lanes: DeliveryLanes;
  private readonly retries = new RetryTimers();
  private settings: EndpointSettings | null = null;
  private readonly running = new Set<Promise<void>>();
  private intake: Promise<void> = Promise.resolve();
  private submitted = 0;
  private stopping: Promise<void> | null = null;
  /** Deliveries are placed only once the settings are known: the ordering decides their lane. */
  private readonly configured: Promise<void>;
  private markConfigured: () => void = () => undefined;

  constructor(private readonly deps: EndpointWorkerDeps) {
    this.options = deps.options ?? ENDPOINT_WORKER_DEFAULTS;
    this.limiter = new EndpointLimiter(deps.adaptive);
    this.gate = new EndpointGate(deps.breaker, deps.clock, () => this.pump());
    this.lanes = new DeliveryLanes(this.options.maxQueued);
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
    if (this.stopped || !this.lanes.take(deliveryId)) return;
    this.intake = this.intake.then(() => this.place(deliveryId)).catch((error: unknown) => this.lost(deliveryId, error));
    this.reportDepth();
  }

  /** Deliveries held here (waiting, scheduled or running). */
  get depth(): number {
    return this.lanes.count;
  }

  get idle(): boolean {
    return this.lanes.count === 0 && this.running.size === 0;
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
    this.retries.cancelAll();
    this.gate.close();
    this.lanes.clear();
    this.reportDepth();
    await this.limiter.stop();
    await Promise.all([...this.running]);
  }

  private async place(deliveryId: string): Promise<void> {
    await this.configured;
    if (this.stopped || !this.lanes.holds(deliveryId)) return;
    const delivery = await this.queuedDelivery(deliveryId);
    const placement = this.lanes.place(delivery);
    if (placement === 'ready') return this.pump();
    if (placement === 'head') await this.releaseHead(delivery, { checked: false });
  }

  private async queuedDelivery(deliveryId: string): Promise<QueuedDelivery> {
    if (this.settings?.ordering !== 'per_resource') return { deliveryId, resource: null, position: null };
    const described = await this.deps.describe(deliveryId);
    return { deliveryId, resource: described?.resource ?? null, position: described?.position ?? null };
  }

  /** A lane's new head runs, unless an earlier delivery of its resource is still unfinished (after a restart, say). */
  private async releaseHead(head: QueuedDelivery, { checked }: { checked: boolean }): Promise<void> {
    if (!checked) {
      const waits = await this.deps.earlierUnfinished(head, this.lanes.finishedHere(head.resource)).catch((error: unknown) => {
        this.lost(head.deliveryId, error);
        return true;
      });
      if (waits) return this.forgetLane(head);
    }
    if (this.stopped || !this.lanes.holds(head.deliveryId)) return;
    this.lanes.makeReady(head);
    this.pump();
  }

  private pump(): void {
    if (this.stopped || !this.settings) return;
    const now = this.deps.clock().getTime();
    if (this.gate.holdsBack(now)) return;
    this.limiter.apply(this.settings, now);
    while (this.lanes.hasReady && this.submitted < this.settings.maxConcurrency) {
      const delivery = this.lanes.nextReady() as QueuedDelivery;
      if (!this.gate.admit(delivery.deliveryId, now)) {
        this.lanes.putBack(delivery);
        break;
      }
      this.submitted += 1;
      this.limiter.schedule(() => this.track(this.run(delivery))).catch(() => this.lanes.letGo(delivery.deliveryId));
    }
    this.reportDepth();
  }

  private track(run: Promise<void>): Promise<void> {
    this.running.add(run);
    return run.finally(() => this.running.delete(run));
  }

  private async run(delivery: QueuedDelivery): Promise<void> {
    if (this.stopped) return;
    if (this.gate.isPaused(this.deps.clock().getTime())) {
      // Paused by a Retry-After while this one waited for its turn in the limiter.
      this.submitted -= 1;
      this.gate.releaseProbe(delivery.deliveryId);
      this.lanes.putBack(delivery);
      return this.pump();
    }
    let report: AttemptReport;
    try {
      report = await this.deps.attempt(delivery.deliveryId);
    } catch (error) {
      this.submitted -= 1;
      this.gate.releaseProbe(delivery.deliveryId);
      this.lost(delivery.deliveryId, error);
      this.forgetLane(delivery);
      return this.pump();
    }
    this.submitted -= 1;
    await this.settle(delivery, report);
    this.pump();
  }

  private async settle(delivery: QueuedDelivery, report: AttemptReport): Promise<void> {
    // Stopping from inside an attempt must not wait for that attempt: stop() is not awaited here.
    if (report.kind === 'endpoint_gone') return void this.stop();
    if (report.kind === 'not_leased') {
      this.gate.releaseProbe(delivery.deliveryId);
      return this.finish(delivery, { finishedHere: false });
    }
    this.gate.attempted(delivery.deliveryId);
    const { result, outcome } = report.made;
    const now = this.deps.clock().getTime();
    if (result.errorClass === null) this.deps.breaker.succeeded();
    else if (await this.failed(now)) return;
    if (result.errorClass === 'gone') return void this.stop();
    if (result.errorClass !== null && (result.status === 429 || result.retryAfterMs !== null)) {
      this.limiter.pushedBack(now);
      this.gate.pauseUntil(now + Math.min(result.retryAfterMs ?? 0, this.options.maxPauseMs));
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
    this.retries.schedule(delivery.deliveryId, dueAt - now, () => {
      if (this.stopped) return;
      this.lanes.makeReady(delivery);
      this.pump();
    });
  }

  /** The delivery is done with here; the next delivery of its resource becomes the lane's head. */
  private async finish(delivery: QueuedDelivery, { finishedHere }: { finishedHere: boolean }): Promise<void> {
    const next = this.lanes.finish(delivery, { finishedHere });
    if (next) await this.releaseHead(next, { checked: finishedHere });
  }

  /** Forgets a delivery and, with ordering, every later one of its resource: the due scheduler brings them back. */
  private forgetLane(delivery: QueuedDelivery): void {
    for (const deliveryId of this.lanes.forget(delivery)) this.retries.cancel(deliveryId);
    this.reportDepth();
  }

  private lost(deliveryId: string, error: unknown): void {
    this.lanes.letGo(deliveryId);
    this.deps.logger.warn('webhook delivery attempt failed to run; the due scheduler will bring it back', {
      webhookId: this.deps.webhookId,
      deliveryId,
      error,
    });
  }

  private reportDepth(): void {
    this.deps.metrics.queueDepth(this.deps.webhookId, this.lanes.count);
  }
}
