import type { Clock } from '../../ports';
import type { Logger } from '../../ports/logger';
import { PeriodicJob } from '../../shared/periodicJob';
import type { DeliveryRow } from '../webhookPorts';
import type { PublishDeliveryJobs } from './deliveryJobs';

/** A delivery whose next attempt is due: what the scheduler needs of its row. */
export type DueDelivery = Pick<DeliveryRow, '_id' | 'webhookId' | 'nextAttemptAt'>;

/**
 * Up to `limit` deliveries due at `now` (next_attempt_at <= now), in (next_attempt_at, id) order, starting
 * after `after` when given (the deliveries read model, W2's dueDeliveries).
 */
export type DueDeliveries = (now: Date, limit: number, after?: DueDelivery) => Promise<readonly DueDelivery[]>;

export interface DueSchedulerOptions {
  intervalMs: number;
  /** Rows read at a time. */
  pageSize: number;
  /** Most due deliveries one run looks at. */
  maxPerRun: number;
  /** A delivery still due with the same next_attempt_at is published again only after this long. */
  republishAfterMs: number;
  /**
   * How long past due a delivery must be before this scheduler publishes it: a new delivery's job is published
   * by the fan-out and a near retry is run by its endpoint worker, so the scheduler only reads the deliveries
   * those missed (a job lost with its process, a lease run out, a far retry, an owner's retry).
   */
  graceMs: number;
}

export const DEFAULT_DUE_SCHEDULER_OPTIONS: DueSchedulerOptions = {
  intervalMs: 1000,
  pageSize: 500,
  maxPerRun: 10_000,
  republishAfterMs: 60_000,
  graceMs: 2_000,
};

interface Published {
  nextAttemptAt: string | null;
  at: number;
}

/**
 * Re-publishes the jobs of due deliveries from the read model's next_attempt_at: retries, deliveries whose job
 * was lost with a process, manual retries. A delivery is published at most once per `republishAfterMs` unless
 * its next_attempt_at moved (a new attempt was scheduled), so a slow endpoint's backlog is not re-sent every tick.
 */
export class DueScheduler {
  private readonly job: PeriodicJob;
  private readonly published = new Map<string, Published>();

  constructor(
    private readonly dueDeliveries: DueDeliveries,
    private readonly publishJobs: PublishDeliveryJobs,
    private readonly clock: Clock,
    logger: Logger,
    private readonly options: DueSchedulerOptions = DEFAULT_DUE_SCHEDULER_OPTIONS,
  ) {
    this.job = new PeriodicJob(() => this.runOnce(), logger, 'webhook due-delivery scheduler failed');
  }

  start(): void {
    this.job.start(this.options.intervalMs, { runNow: true });
  }

  stop(): Promise<void> {
    return this.job.stop();
  }

  /** One pass over the due deliveries; answers how many jobs it published. */
  async runOnce(): Promise<number> {
    const now = this.clock();
    const dueBy = new Date(now.getTime() - this.options.graceMs);
    this.forgetOlderThan(now.getTime() - this.options.republishAfterMs);
    let after: DueDelivery | undefined;
    let seen = 0;
    let publishedCount = 0;
    while (seen < this.options.maxPerRun) {
      const page = await this.dueDeliveries(dueBy, Math.min(this.options.pageSize, this.options.maxPerRun - seen), after);
      seen += page.length;
      const jobs = page.filter((delivery) => this.isToPublish(delivery));
      await this.publishJobs(jobs.map((delivery) => ({ deliveryId: delivery._id, webhookId: delivery.webhookId })));
      for (const delivery of jobs) this.published.set(delivery._id, { nextAttemptAt: delivery.nextAttemptAt, at: now.getTime() });
      publishedCount += jobs.length;
      if (page.length < this.options.pageSize) break;
      after = page[page.length - 1];
    }
    return publishedCount;
  }

  private isToPublish(delivery: DueDelivery): boolean {
    const last = this.published.get(delivery._id);
    return last === undefined || last.nextAttemptAt !== delivery.nextAttemptAt;
  }

  private forgetOlderThan(cutoff: number): void {
    for (const [deliveryId, published] of this.published) if (published.at <= cutoff) this.published.delete(deliveryId);
  }
}
