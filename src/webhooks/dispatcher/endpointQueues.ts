import type { EventStore, ReadStore } from '../../ports';
import type { DeliveryJob } from '../webhookPorts';
import type { AttemptDeps } from './attemptDelivery';

/**
 * Where the jobs consumer (jobConsumer.ts) hands each delivery job. `enqueue` returns at once: no partition
 * or consumer ever waits on an endpoint's limiter, breaker or retries.
 */
export interface DeliveryQueue {
  enqueue(job: DeliveryJob): void;
  /** Takes no more jobs; resolves once the attempts in flight have been recorded. */
  close(): Promise<void>;
}

export interface EndpointQueuesDeps extends AttemptDeps {
  readStore: ReadStore;
  /** Reads a delivery's DeliveryCreated (its resource stream and position) for `per_resource` ordering. */
  eventStore: EventStore;
}

/**
 * One EndpointWorker per webhook, created from its WEBHOOKS row and updated when the row changes. A delivery
 * already queued or in flight here is not queued twice.
 */
export class EndpointQueues implements DeliveryQueue {
  constructor(private readonly deps: EndpointQueuesDeps) {}

  enqueue(job: DeliveryJob): void {
    void this.deps;
    void job;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
