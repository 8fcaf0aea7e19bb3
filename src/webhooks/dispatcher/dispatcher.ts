import type { Logger } from '../../ports/logger';
import { abortableSleep } from '../../shared/abortableSleep';
import type { WebhookSender } from '../webhookPorts';
import type { DueScheduler } from './dueScheduler';
import type { DeliveryQueue } from './endpointQueues';
import type { FanOut } from './fanOut';
import type { JobConsumer } from './jobConsumer';

/** A sender whose pooled connections can be closed (HttpWebhookSender's keep-alive agents). */
export interface ClosableSender extends WebhookSender {
  close(): void;
}

/** Waits between attempts to join the message log at start: doubling from the first, up to the last. */
const JOIN_RETRY_MS = { first: 500, max: 15_000 };

/**
 * The webhook dispatcher (`filora dispatcher`, and part of `serve`): the fan-out turns public events into
 * deliveries and jobs, the job consumer hands jobs to the endpoint queues, and the due scheduler re-publishes
 * the jobs of deliveries whose next attempt is due.
 */
export class WebhookDispatcher {
  private started = false;
  private stopping = new AbortController();

  constructor(
    private readonly fanOut: FanOut,
    private readonly jobs: JobConsumer,
    private readonly queue: DeliveryQueue,
    private readonly scheduler: DueScheduler,
    private readonly sender: Pick<ClosableSender, 'close'>,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.stopping = new AbortController();
    await this.joinLog('delivery jobs', () => this.jobs.start());
    await this.joinLog('fan-out', () => this.fanOut.start());
    if (this.stopping.signal.aborted) return;
    this.scheduler.start();
    this.logger.info('webhook dispatcher started');
  }

  /** Stops taking events and jobs, lets the attempts in flight be recorded, then closes the sender's pooled connections. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    this.stopping.abort();
    await this.scheduler.stop();
    await this.fanOut.stop();
    await this.jobs.stop();
    await this.queue.close();
    this.sender.close();
    this.logger.info('webhook dispatcher stopped');
  }

  /**
   * Starts a consumer, trying again while the message log refuses (a broker still electing the leaders of the
   * topics it has just created, or not up yet), until it joins or the dispatcher stops.
   */
  private async joinLog(part: string, start: () => Promise<void>): Promise<void> {
    for (let waitMs = JOIN_RETRY_MS.first; !this.stopping.signal.aborted; waitMs = Math.min(waitMs * 2, JOIN_RETRY_MS.max)) {
      try {
        return await start();
      } catch (error) {
        this.logger.warn('webhook dispatcher could not join the message log; trying again', { part, waitMs, error });
        await abortableSleep(waitMs, this.stopping.signal);
      }
    }
  }
}
