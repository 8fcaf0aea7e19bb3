import type { EventStore } from '../../ports/eventStore';
import type { MessageLog } from '../../ports/messageLog';
import type { ReadStore } from '../../ports/readStore';
import type { ProjectionProgress } from '../../projections/projectionProgress';
import { webhooksProjection } from '../../projections/webhooks/webhooksProjection';
import type { AccessHistoryAudience } from '../../sync/feedAudience';
import type { HorizonWatch } from '../../sync/feedTypes';
import { ProjectionHorizon } from '../../sync/projectionHorizon';
import { toWebhookBody } from '../payloads/toWebhookBody';
import type { AttemptDeps } from './attemptDelivery';
import { deliveryJobPublisher } from './deliveryJobs';
import type { ClosableSender } from './dispatcher';
import { WebhookDispatcher } from './dispatcher';
import type { DueDeliveries } from './dueScheduler';
import { DueScheduler } from './dueScheduler';
import type { EndpointQueuesOptions } from './endpointQueues';
import { EndpointQueues } from './endpointQueues';
import { FanOut } from './fanOut';
import { JobConsumer } from './jobConsumer';

/** What the dispatcher is made of, from the composition root (src/container.ts). */
export interface DispatcherInputs {
  eventStore: EventStore;
  readStore: ReadStore;
  messageLog: MessageLog;
  progress: ProjectionProgress;
  /** The access read model's checkpoint (the sync feed's horizon). */
  accessHorizon: HorizonWatch;
  audience: AccessHistoryAudience;
  dueDeliveries: DueDeliveries;
  /**
   * What each attempt needs (the same parts as POST /webhooks/{id}/test's; its logger is the dispatcher's). The
   * sender's pooled connections are closed when the dispatcher stops.
   */
  attempts: AttemptDeps & { sender: ClosableSender };
  queueOptions?: Partial<EndpointQueuesOptions>;
}

export function createDispatcher(inputs: DispatcherInputs): WebhookDispatcher {
  const { eventStore, readStore, messageLog, attempts } = inputs;
  const { deliveries, metrics, clock, logger } = attempts;
  const publishJobs = deliveryJobPublisher(messageLog);
  const queue = new EndpointQueues({
    ...attempts,
    readStore,
    eventStore,
    options: inputs.queueOptions,
  });
  const fanOut = new FanOut({
    messageLog,
    eventStore,
    readStore,
    horizons: [inputs.accessHorizon, new ProjectionHorizon(inputs.progress, webhooksProjection.name)],
    audience: inputs.audience,
    deliveries,
    bodyOf: toWebhookBody,
    publishJobs,
    metrics,
    logger,
  });
  const jobs = new JobConsumer(messageLog, queue, logger);
  const scheduler = new DueScheduler(inputs.dueDeliveries, publishJobs, clock, logger);
  return new WebhookDispatcher(fanOut, jobs, queue, scheduler, attempts.sender, logger);
}
