import type { Logger } from '../../ports/logger';
import type { DueScheduler } from './dueScheduler';
import type { DeliveryQueue } from './endpointQueues';
import type { FanOut } from './fanOut';
import type { JobConsumer } from './jobConsumer';

/**
 * The webhook dispatcher (`filora dispatcher`, and part of `serve`): the fan-out turns public events into
 * deliveries and jobs, the job consumer hands jobs to the endpoint queues, and the due scheduler re-publishes
 * the jobs of deliveries whose next attempt is due.
 */
export class WebhookDispatcher {
  private started = false;

  constructor(
    private readonly fanOut: FanOut,
    private readonly jobs: JobConsumer,
    private readonly queue: DeliveryQueue,
    private readonly scheduler: DueScheduler,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.jobs.start();
    await this.fanOut.start();
    this.scheduler.start();
    this.logger.info('webhook dispatcher started');
  }

  /** Stops taking events and jobs, then lets the attempts in flight be recorded. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.scheduler.stop();
    await this.fanOut.stop();
    await this.jobs.stop();
    await this.queue.close();
    this.logger.info('webhook dispatcher stopped');
  }
}
