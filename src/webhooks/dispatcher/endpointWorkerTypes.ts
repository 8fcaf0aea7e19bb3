import type { WebhookOrdering } from '../../domain/webhook/webhookEvents';
import type { Clock, Logger } from '../../ports';
import type { DispatcherMetrics } from '../webhookPorts';
import type { AdaptiveRate } from './adaptiveRate';
import type { MadeAttempt } from './attemptDelivery';
import type { CircuitBreaker } from './circuitBreaker';

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
