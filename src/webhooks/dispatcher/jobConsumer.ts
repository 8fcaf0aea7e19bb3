import type { Logger } from '../../ports/logger';
import type { ConsumedMessage, Consumer, MessageLog } from '../../ports/messageLog';
import { DELIVERY_JOBS_TOPIC } from '../webhookPorts';
import { deliveryJobOf } from './deliveryJobs';
import type { DeliveryQueue } from './endpointQueues';

export const DELIVERY_JOBS_GROUP = 'webhook-deliveries';

/**
 * Consumes the delivery jobs and hands each to the endpoint queues, which take it at once: no partition ever
 * waits on an endpoint. The offset is committed when the job is queued, not when it is delivered; a job lost
 * with its process is found again by the due scheduler (the delivery is still due in the read model).
 */
export class JobConsumer {
  private consumer: Consumer | null = null;

  constructor(
    private readonly messageLog: MessageLog,
    private readonly queue: DeliveryQueue,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.consumer = await this.messageLog.consume(DELIVERY_JOBS_GROUP, [DELIVERY_JOBS_TOPIC], (message) => this.handle(message), {
      onCrash: (error) => this.logger.error('webhook delivery jobs consumer stopped', { error }),
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = null;
  }

  handle(message: ConsumedMessage): Promise<void> {
    const job = deliveryJobOf(message);
    if (job) this.queue.enqueue(job);
    else this.logger.warn('not a delivery job; skipped', { topic: message.topic, partition: message.partition, offset: message.offset });
    return Promise.resolve();
  }
}
