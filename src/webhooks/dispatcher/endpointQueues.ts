import { deliveryCreated, deliveryStream } from '../../domain/webhook/deliveryEvents';
import type { EventStore, ReadStore } from '../../ports';
import { webhookHealth } from '../../projections/deliveries/webhookHealth';
import type { DeliveryJob, DeliveryRow, WebhookRow } from '../webhookPorts';
import { WEBHOOK_DELIVERIES, WEBHOOKS } from '../webhookPorts';
import type { AttemptDeps } from './attemptDelivery';
import { attemptDelivery } from './attemptDelivery';
import type { CircuitBreakerOptions } from './circuitBreaker';
import { CIRCUIT_BREAKER_DEFAULTS, CircuitBreaker } from './circuitBreaker';
import { EndpointWorker } from './endpointWorker';
import type { AttemptReport, EndpointWorkerOptions, QueuedDelivery } from './endpointWorkerTypes';
import { ENDPOINT_WORKER_DEFAULTS } from './endpointWorkerTypes';

/**
 * Where the jobs consumer (jobConsumer.ts) hands each delivery job. `enqueue` returns at once: no partition
 * or consumer ever waits on an endpoint's limiter, breaker or retries.
 */
export interface DeliveryQueue {
  enqueue(job: DeliveryJob): void;
  /** Takes no more jobs; resolves once the attempts in flight have been recorded. */
  close(): Promise<void>;
}

export interface EndpointQueuesOptions {
  worker: EndpointWorkerOptions;
  breaker: CircuitBreakerOptions;
  /** Past this many endpoints, idle workers are let go (an idle one holds nothing but its limiter state). */
  maxIdleWorkers: number;
}

export const ENDPOINT_QUEUES_DEFAULTS: EndpointQueuesOptions = {
  worker: ENDPOINT_WORKER_DEFAULTS,
  breaker: CIRCUIT_BREAKER_DEFAULTS,
  maxIdleWorkers: 1_000,
};

export interface EndpointQueuesDeps extends AttemptDeps {
  readStore: ReadStore;
  /** Reads a delivery's DeliveryCreated (its resource stream and position) for `per_resource` ordering. */
  eventStore: EventStore;
  options?: Partial<EndpointQueuesOptions>;
}

const UNFINISHED: DeliveryRow['status'][] = ['pending', 'retrying'];

/**
 * One EndpointWorker per webhook, created from its WEBHOOKS row and updated from the row before every attempt,
 * so a changed rate, concurrency, URL or secret applies at once. A delivery already queued or in flight here
 * is not queued twice. A deleted or disabled webhook's worker stops.
 */
export class EndpointQueues implements DeliveryQueue {
  private readonly workers = new Map<string, EndpointWorker>();
  /** The `updatedAt` of the row each worker last took its failure record with. */
  private readonly recalledAt = new WeakMap<EndpointWorker, string>();
  private readonly starting = new Set<Promise<void>>();
  private readonly options: EndpointQueuesOptions;
  private closed = false;

  constructor(private readonly deps: EndpointQueuesDeps) {
    this.options = { ...ENDPOINT_QUEUES_DEFAULTS, ...deps.options };
  }

  enqueue(job: DeliveryJob): void {
    if (this.closed) return;
    const current = this.workers.get(job.webhookId);
    const worker = current && !current.isStopped ? current : this.startWorker(job.webhookId);
    worker.submit(job.deliveryId);
  }

  /** Deliveries held for one webhook (waiting, scheduled or running). */
  depthOf(webhookId: string): number {
    return this.workers.get(webhookId)?.depth ?? 0;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.starting]);
    await Promise.all([...this.workers.values()].map((worker) => worker.stop()));
    this.workers.clear();
  }

  private startWorker(webhookId: string): EndpointWorker {
    this.letIdleWorkersGo();
    const breaker = new CircuitBreaker(this.options.breaker);
    const worker: EndpointWorker = new EndpointWorker({
      webhookId,
      attempt: (deliveryId) => this.attempt(worker, webhookId, deliveryId),
      describe: (deliveryId) => this.describe(deliveryId),
      earlierUnfinished: (delivery, finishedHere) => this.earlierUnfinished(webhookId, delivery, finishedHere),
      disable: (reason) => this.deps.disableWebhook(webhookId, reason),
      breaker,
      metrics: this.deps.metrics,
      clock: this.deps.clock,
      logger: this.deps.logger,
      options: this.options.worker,
    });
    this.workers.set(webhookId, worker);
    const started = this.configureFromRow(worker, webhookId)
      .catch((error: unknown) => {
        this.deps.logger.error('could not start a webhook endpoint worker', { webhookId, error });
        return worker.stop();
      })
      .finally(() => this.starting.delete(started));
    this.starting.add(started);
    return worker;
  }

  private async configureFromRow(worker: EndpointWorker, webhookId: string): Promise<void> {
    const webhook = await this.deps.readStore.get<WebhookRow>(WEBHOOKS, webhookId);
    if (!webhook?.enabled) return worker.stop();
    await this.recallFailures(worker, webhook);
    worker.configure(webhook);
  }

  /**
   * Takes up the webhook's failure record: when the worker starts, and again when the row has changed since,
   * since enabling a disabled webhook starts a new record (see webhookHealthProjection.ts).
   */
  private async recallFailures(worker: EndpointWorker, webhook: WebhookRow): Promise<void> {
    const health = await webhookHealth(this.deps.readStore, webhook, this.deps.clock());
    worker.recallFailures({
      consecutiveFailures: health.consecutiveFailures,
      failingSince: health.failingSince === null ? null : new Date(health.failingSince),
    });
    this.recalledAt.set(worker, webhook.updatedAt);
  }

  private async attempt(worker: EndpointWorker, webhookId: string, deliveryId: string): Promise<AttemptReport> {
    const webhook = await this.deps.readStore.get<WebhookRow>(WEBHOOKS, webhookId);
    if (!webhook?.enabled) return { kind: 'endpoint_gone' };
    if (this.recalledAt.get(worker) !== webhook.updatedAt) await this.recallFailures(worker, webhook);
    worker.configure(webhook);
    const made = await attemptDelivery(this.deps, webhook, deliveryId);
    return made ? { kind: 'made', made } : { kind: 'not_leased' };
  }

  private async describe(deliveryId: string): Promise<Pick<QueuedDelivery, 'resource' | 'position'> | null> {
    const [first] = await this.deps.eventStore.readStream(deliveryStream(deliveryId), { limit: 1 });
    const created = deliveryCreated.safeParse(first ? { type: first.type, data: first.data } : null);
    return created.success ? { resource: created.data.data.resourceStream, position: created.data.data.eventPosition } : null;
  }

  private async earlierUnfinished(webhookId: string, delivery: QueuedDelivery, finishedHere: readonly string[]): Promise<boolean> {
    if (delivery.resource === null || delivery.position === null) return false;
    const earlier = await this.deps.readStore.find<DeliveryRow>(
      WEBHOOK_DELIVERIES,
      { webhookId, resourceStream: delivery.resource, status: { $in: UNFINISHED }, eventPosition: { $lt: delivery.position } },
      { limit: finishedHere.length + 1 },
    );
    return earlier.some((row) => row._id !== delivery.deliveryId && !finishedHere.includes(row._id));
  }

  private letIdleWorkersGo(): void {
    if (this.workers.size < this.options.maxIdleWorkers) return;
    for (const [webhookId, worker] of this.workers) {
      if (!worker.idle && !worker.isStopped) continue;
      this.workers.delete(webhookId);
      void worker.stop();
    }
  }
}
