import type { Logger } from '../ports/logger';
import type { ReadStore } from '../ports/readStore';
import { deleteRequestsBefore, retentionCutoff } from '../projections/usage/usageRequestRetention';
import { PeriodicJob } from '../shared/periodicJob';

export interface UsageLogPrunerOptions {
  retentionDays: number;
  /** Rows deleted per transaction, and most transactions per run: a run never holds the store long, nor runs unbounded. */
  batchSize?: number;
  maxBatches?: number;
}

/**
 * Keeps the request log to FILORA_USAGE_RETENTION_DAYS: deletes read-model rows older than that, in bounded
 * batches, when started and then every interval (projector role). The events remain, so a rebuild brings old
 * rows back until the next run; the log's queries apply the same cutoff, so such rows are never shown.
 */
export class UsageLogPruner {
  private readonly job: PeriodicJob;

  constructor(
    private readonly readStore: ReadStore,
    private readonly logger: Logger,
    private readonly options: UsageLogPrunerOptions,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.job = new PeriodicJob(() => this.prune(), logger, 'usage request log pruning failed');
  }

  /** Returns the number of rows deleted. */
  async prune(): Promise<number> {
    const started = Date.now();
    const cutoff = retentionCutoff(this.now(), this.options.retentionDays);
    const batchSize = this.options.batchSize ?? 500;
    const maxBatches = this.options.maxBatches ?? 200;
    let deleted = 0;
    let batches = 0;
    while (batches < maxBatches) {
      const count = await deleteRequestsBefore(this.readStore, cutoff, batchSize);
      deleted += count;
      batches++;
      if (count < batchSize) break;
    }
    const fields = { deleted, batches, cutoff, ms: Date.now() - started, more: batches === maxBatches };
    if (deleted > 0) this.logger.info('pruned the usage request log', fields);
    else this.logger.debug('usage request log within retention', fields);
    return deleted;
  }

  /** Prunes now and every `intervalMs` until stopped; a run still going when the next is due is not overlapped. */
  start(intervalMs: number): void {
    this.job.start(intervalMs, { runNow: true });
  }

  stop(): Promise<void> {
    return this.job.stop();
  }
}
