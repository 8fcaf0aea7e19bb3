import type { EventMetadata } from '../ports/eventStore';
import type { Logger } from '../ports/logger';
import type { BlobReferences } from '../commands/blobs/blobReferences';
import { PeriodicJob } from '../shared/periodicJob';

/** Blobs that a read model says nothing references; the sweeper re-checks each on its stream before deleting. */
export interface UnreferencedBlobs {
  /** Keys of blobs with no reference, released before `releasedBefore`, or whose collection started before `collectingSince`. */
  candidates(options: { releasedBefore: Date; collectingSince: Date; limit: number }): Promise<string[]>;
}

export interface SweepOptions {
  /** A blob is collected only this long after its last release. */
  graceMs: number;
  limit?: number;
}

const SWEEPER_METADATA: EventMetadata = { causationId: 'blob-sweeper', correlationId: 'blob-sweeper' };

/**
 * Collects what the request path left behind: content whose collection failed or was interrupted after its
 * last reference was released. Candidates come from a read model, which may lag or be rebuilding; that is
 * harmless because every deletion is decided on the blob's stream (BlobReferences.collect).
 */
export class BlobSweeper {
  private job: PeriodicJob | null = null;

  constructor(
    private readonly blobs: BlobReferences,
    private readonly unreferenced: UnreferencedBlobs,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Returns the keys it deleted. */
  async sweep(options: SweepOptions): Promise<string[]> {
    const now = this.now().getTime();
    const keys = await this.unreferenced.candidates({
      releasedBefore: new Date(now - options.graceMs),
      collectingSince: new Date(now - this.blobs.abandonedCollectionMs),
      limit: options.limit ?? 100,
    });
    const deleted: string[] = [];
    for (const key of keys) {
      try {
        if (await this.blobs.collect(key, SWEEPER_METADATA, options.graceMs)) deleted.push(key);
      } catch (error) {
        this.logger.warn('could not collect a blob', { sha256: key, error });
      }
    }
    if (deleted.length > 0) this.logger.info('collected unreferenced blobs', { count: deleted.length });
    return deleted;
  }

  /** Sweeps every `intervalMs` until stopped; a sweep still running when the next is due is not overlapped. */
  start(intervalMs: number, options: SweepOptions): void {
    if (this.job) return;
    this.job = new PeriodicJob(() => this.sweep(options), this.logger, 'blob sweep failed');
    this.job.start(intervalMs, { runNow: false });
  }

  async stop(): Promise<void> {
    const job = this.job;
    this.job = null;
    await job?.stop();
  }
}
