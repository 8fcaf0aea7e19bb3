import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { DomainError } from '../../domain/shared/domainError';
import type { BlobStore, StoredBlob } from '../../ports/blobStore';
import type { EventMetadata } from '../../ports/eventStore';
import { uuidV5 } from '../../shared/uuidV5';
import { blobAggregate } from '../aggregates';
import type { CommandPipeline } from '../pipeline';

const BLOB_NAMESPACE = '3b0a6c7e-2f1d-4e85-9c44-8d2b61f0a7e3';

/** Blob streams are `blob-<uuidv5(sha256)>`, like every stream `<category>-<uuid>`. */
export const blobStreamId = (sha256: string) => uuidV5(sha256, BLOB_NAMESPACE);

/** The content an upload stored was collected before the upload could reference it; the client may retry. */
export class BlobUnavailableError extends Error {
  override readonly name = 'BlobUnavailableError';
}

export interface BlobReferenceOptions {
  /** How long a reference waits for a collection of the same content to finish. */
  collectionWaitMs?: number;
  /** A collection started longer ago than this is taken over (its collector is presumed dead). */
  abandonedCollectionMs?: number;
}

const isConflict = (error: unknown) => error instanceof DomainError && error.kind === 'conflict';
const POLL_MS = 20;

/**
 * Storing content, references from file versions to it, and safe deletion of content nothing references (blobDecider
 * explains the protocol). Deletion needs no grace period to be safe: an upload that re-uses content being
 * deleted either referenced it first (the collection is refused) or sees the collection and checks for
 * its content afterwards.
 */
export class BlobReferences {
  private readonly collectionWaitMs: number;
  readonly abandonedCollectionMs: number;

  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly blobStore: BlobStore,
    options: BlobReferenceOptions = {},
  ) {
    this.collectionWaitMs = options.collectionWaitMs ?? 2000;
    this.abandonedCollectionMs = options.abandonedCollectionMs ?? 60 * 60 * 1000;
  }

  /** Streams content into the blob store, hashed on the way; past maxBytes it fails with BlobTooLargeError and keeps nothing. */
  store(source: Readable, maxBytes: number): Promise<StoredBlob> {
    return this.blobStore.put(source, { maxBytes });
  }

  /** Records that a file version uses the blob; throws BlobUnavailableError when the content was collected meanwhile. */
  async reference(blob: StoredBlob, fileId: string, versionId: string, metadata: EventMetadata): Promise<void> {
    const deadline = Date.now() + this.collectionWaitMs;
    for (;;) {
      let revived: boolean;
      try {
        const result = await this.pipeline.execute(
          blobAggregate,
          blobStreamId(blob.key),
          { type: 'Reference', sha256: blob.key, size: blob.size, fileId, versionId },
          metadata,
        );
        revived = result.events.some((event) => event.type === 'BlobReferenced' && event.data.revived);
      } catch (error) {
        if (!isConflict(error)) throw error;
        if (Date.now() >= deadline) throw new BlobUnavailableError('the content is being deleted; try again');
        await sleep(POLL_MS);
        continue;
      }
      // After a finished collection, only content stored after the deletion is still there.
      if (revived && !(await this.blobStore.stat(blob.key))) {
        await this.release(blob.key, fileId, versionId, metadata);
        throw new BlobUnavailableError('the content was deleted while it was uploaded; try again');
      }
      return;
    }
  }

  async release(sha256: string, fileId: string, versionId: string, metadata: EventMetadata): Promise<void> {
    await this.pipeline.execute(blobAggregate, blobStreamId(sha256), { type: 'Release', sha256, fileId, versionId }, metadata);
  }

  /**
   * Deletes the content unless something references it (or it was released less than `graceMs` ago).
   * Only the collector whose BlobCollectionStarted was appended deletes. Returns whether it deleted.
   */
  async collect(sha256: string, metadata: EventMetadata, graceMs = 0): Promise<boolean> {
    const id = blobStreamId(sha256);
    try {
      await this.pipeline.execute(
        blobAggregate,
        id,
        { type: 'StartCollection', sha256, graceMs, takeOverAfterMs: this.abandonedCollectionMs },
        metadata,
      );
    } catch (error) {
      if (isConflict(error)) return false;
      throw error;
    }
    await this.blobStore.delete(sha256);
    await this.pipeline.execute(blobAggregate, id, { type: 'FinishCollection', sha256 }, metadata);
    return true;
  }
}
