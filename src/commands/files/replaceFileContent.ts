import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access/accessPolicy';
import { requireAccess, resourceOf } from '../../domain/access/accessPolicy';
import type { StoredBlob } from '../../ports/blobStore';
import type { EventMetadata, Position } from '../../ports/eventStore';
import type { Logger } from '../../ports/logger';
import { fileAggregate } from '../aggregates';
import type { BlobReferences } from '../blobs/blobReferences';
import type { CommandPipeline } from '../pipeline';
import { runWorkflow } from '../workflow/workflow';

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

  /** Answers 404 or 403 before any content is stored when the actor may not write the file. */
  async precheck(actor: Actor, fileId: string): Promise<void> {
    const { state } = await this.pipeline.load(fileAggregate, fileId);
    requireAccess(actor, 'write', resourceOf(state), 'file', this.pipeline.currentTime());
  }

  /** Records the version; if it cannot be recorded, the content is collected unless something else references it. */
  run(actor: Actor, fileId: string, blob: StoredBlob, mimeType: string, metadata: EventMetadata): Promise<RecordedVersion> {
    return runWorkflow(this.logger, async (workflow) => {
      workflow.onFailure('collect content that was not recorded', () => this.blobs.collect(blob.key, metadata));
      return this.addVersion(actor, fileId, blob, mimeType, metadata);
    });
  }

  /** Without collecting the content on failure, for callers that do their own. */
  addVersion(actor: Actor, fileId: string, blob: StoredBlob, mimeType: string, metadata: EventMetadata): Promise<RecordedVersion> {
    const versionId = randomUUID();
    const command = { type: 'ReplaceContent' as const, actor, versionId, size: blob.size, sha256: blob.key, mimeType };
    return runWorkflow(this.logger, async (workflow) => {
      await workflow.step(() => this.blobs.reference(blob, fileId, versionId, metadata), {
        what: 'release a reference that was not used',
        run: () => this.blobs.release(blob.key, fileId, versionId, metadata),
      });
      const result = await this.pipeline.execute(fileAggregate, fileId, command, metadata);
      return { fileId, position: result.position! };
    });
  }
}
