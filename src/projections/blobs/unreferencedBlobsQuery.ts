import type { ReadStore } from '../../ports/readStore';
import type { BlobRefsView } from './blobRefsProjection';
import { BLOB_REFS } from './blobRefsProjection';

/** The blob sweeper's candidates, read from the blob_refs read model (commands' UnreferencedBlobs). */
export class UnreferencedBlobsQuery {
  constructor(private readonly readStore: ReadStore) {}

  async candidates(options: { releasedBefore: Date; collectingSince: Date; limit: number }): Promise<string[]> {
    const released = await this.readStore.find<BlobRefsView>(
      BLOB_REFS,
      { phase: 'live', refs: 0, released_at: { $lte: options.releasedBefore.toISOString() } },
      { limit: options.limit },
    );
    const stuck = await this.readStore.find<BlobRefsView>(
      BLOB_REFS,
      { phase: 'collecting', collecting_since: { $lte: options.collectingSince.toISOString() } },
      { limit: options.limit },
    );
    return [...released, ...stuck].map((row) => row._id);
  }
}
