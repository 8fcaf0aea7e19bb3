import { IDEMPOTENCY_COLLECTION } from '../api/http/idempotency/idempotencyRecord';
import type { IdempotencyRecord } from '../api/http/idempotency/idempotencyRecord';
import type { Logger } from '../ports/logger';
import type { ReadStore } from '../ports/readStore';
import { PeriodicJob } from '../shared/periodicJob';

export const IDEMPOTENCY_SWEEP_INTERVAL_MS = 10 * 60 * 1000;

export interface IdempotencySweeperOptions {
  /** Records deleted per batch, and most batches per run: a run is bounded however many keys expired. */
  batchSize?: number;
  maxBatches?: number;
}

/** Removes Idempotency-Key records 24 h after their first request (projector role), in bounded batches. */
export class IdempotencySweeper {
  private readonly job: PeriodicJob;

  constructor(
    private readonly readStore: ReadStore,
    private readonly logger: Logger,
    private readonly options: IdempotencySweeperOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.job = new PeriodicJob(() => this.sweep(), logger, 'sweeping expired Idempotency-Key records failed');
  }

  /** Returns the number of records deleted. */
  async sweep(): Promise<number> {
    const batchSize = this.options.batchSize ?? 500;
    const maxBatches = this.options.maxBatches ?? 200;
    await this.readStore.ensureIndex(IDEMPOTENCY_COLLECTION, { fields: [['expires_at', 1]] });
    const now = this.now();
    const expired = { expires_at: { $lte: now } };
    let deleted = 0;
    for (let batch = 0; batch < maxBatches; batch++) {
      const records = await this.readStore.find<IdempotencyRecord>(IDEMPOTENCY_COLLECTION, expired, {
        sort: [['expires_at', 1]],
        limit: batchSize,
      });
      // `where` keeps a record a new request claimed again after this read (its expiry moved on).
      for (const record of records) if (await this.readStore.delete(IDEMPOTENCY_COLLECTION, record._id, { where: expired })) deleted++;
      if (records.length < batchSize) break;
    }
    if (deleted > 0) this.logger.info('swept expired Idempotency-Key records', { deleted });
    return deleted;
  }

  start(intervalMs = IDEMPOTENCY_SWEEP_INTERVAL_MS): void {
    this.job.start(intervalMs, { runNow: true });
  }

  stop(): Promise<void> {
    return this.job.stop();
  }
}
