import type { Clock } from '../../ports';
import type { EventStore } from '../../ports/eventStore';
import type { Logger } from '../../ports/logger';
import type { MessageLog } from '../../ports/messageLog';
import type { ReadStore } from '../../ports/readStore';
import type { ProjectionProgress } from '../../projections/projectionProgress';
import { webhooksProjection } from '../../projections/webhooks/webhooksProjection';
import type { AccessHistoryAudience } from '../../sync/feedAudience';
import type { HorizonWatch } from '../../sync/feedTypes';
import { ProjectionHorizon } from '../../sync/projectionHorizon';
import { toWebhookBody } from '../payloads/toWebhookBody';
import { signHeaders } from '../signing/signHeaders';
import type { DeliveryCommands, DispatcherMetrics, WebhookSender } from '../webhookPorts';
import { deliveryJobPublisher } from './deliveryJobs';
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
  deliveries: DeliveryCommands;
  dueDeliveries: DueDeliveries;
  sender: WebhookSender;
  /** Opens a sealed signing secret. */
  openSecret: (encryptedSecret: string) => string;
  disableWebhook: (webhookId: string, reason: string) => Promise<void>;
  metrics: DispatcherMetrics;
  clock: Clock;
  logger: Logger;
  queueOptions?: Partial<EndpointQueuesOptions>;
}

export function createDispatcher(inputs: DispatcherInputs): WebhookDispatcher {
  const { eventStore, readStore, messageLog, deliveries, metrics, clock } = inputs;
  const logger = inputs.logger.child({ component: 'webhook-dispatcher' });
  const publishJobs = deliveryJobPublisher(messageLog);
  const queue = new EndpointQueues({
    deliveries,
    sender: inputs.sender,
    signHeaders,
    openSecret: inputs.openSecret,
    disableWebhook: inputs.disableWebhook,
    metrics,
    clock,
    logger,
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
  return new WebhookDispatcher(fanOut, jobs, queue, scheduler, logger);
}
