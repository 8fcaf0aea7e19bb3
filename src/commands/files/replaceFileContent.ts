import { randomUUID } from 'node:crypto';
import { notFound } from '../../domain/shared/domainError';
import type { StoredBlob } from '../../ports/blobStore';
import type { EventMetadata, Position } from '../../ports/eventStore';
import type { Logger } from '../../ports/logger';
import { fileAggregate } from '../aggregates';
import { bestEffort } from '../bestEffort';
import type { BlobReferences } from '../blobs/blobReferences';
import type { CommandPipeline } from '../pipeline';

export interface RecordedVersion {
  fileId: string;
  position: Position;
}

/** A new version of a file from content already in the blob store (PUT /files/{id}/content, or an upload with overwrite). */
export class ReplaceFileContent {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly blobs: BlobReferences,
    private readonly logger: Logger,
  ) {}

  /** Answers 404 before any content is stored when the file is not the actor's. */
  async precheck(actorId: string, fileId: string): Promise<void> {
    const { exists, state } = await this.pipeline.load(fileAggregate, fileId);
    if (!exists || state.deleted || state.ownerId !== actorId) throw notFound('file not found');
  }

  /** Records the version; if it cannot be recorded, the content is collected unless something else references it. */
  async run(actorId: string, fileId: string, blob: StoredBlob, mimeType: string, metadata: EventMetadata): Promise<RecordedVersion> {
    try {
      return await this.addVersion(actorId, fileId, blob, mimeType, metadata);
    } catch (error) {
      await bestEffort(this.logger, 'collect content that was not recorded', () => this.blobs.collect(blob.key, metadata), {
        sha256: blob.key,
      });
      throw error;
    }
  }

  /** Without the clean-up, for callers that do their own. */
  async addVersion(actorId: string, fileId: string, blob: StoredBlob, mimeType: string, metadata: EventMetadata): Promise<RecordedVersion> {
    const versionId = randomUUID();
    await this.blobs.reference(blob, fileId, versionId, metadata);
    try {
      const result = await this.pipeline.execute(
        fileAggregate,
        fileId,
        { type: 'ReplaceContent', actorId, versionId, size: blob.size, sha256: blob.key, mimeType },
        metadata,
      );
      return { fileId, position: result.position! };
    } catch (error) {
      await bestEffort(
        this.logger,
        'release a reference that was not used',
        () => this.blobs.release(blob.key, fileId, versionId, metadata),
        { sha256: blob.key },
      );
      throw error;
    }
  }
}
