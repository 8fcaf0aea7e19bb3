import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access/accessPolicy';
import { requireAccess, resourceOf } from '../../domain/access/accessPolicy';
import type { StoredBlob } from '../../ports/blobStore';
import type { EventMetadata, Position } from '../../ports/eventStore';
import type { Logger } from '../../ports/logger';
import { fileAggregate } from '../aggregates';
import type { BlobReferences } from '../blobs/blobReferences';
import type { FolderTree } from '../folders/folderTree';
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
    private readonly folders: FolderTree,
    private readonly logger: Logger,
  ) {}

  /**
   * Answers 404 or 403 before any content is stored when the actor may not write the file; otherwise the
   * file's owner, whose quota the new version counts against.
   */
  async precheck(actor: Actor, fileId: string): Promise<string> {
    const { state } = await this.pipeline.load(fileAggregate, fileId);
    const inherited = await this.folders.inheritedGrants(actor, state.ownerId, state.folderId);
    requireAccess(actor, 'write', resourceOf(state, inherited), 'file', this.pipeline.currentTime());
    return state.ownerId!;
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
    return runWorkflow(this.logger, async (workflow) => {
      const { state } = await this.pipeline.load(fileAggregate, fileId);
      const inherited = await this.folders.inheritedGrants(actor, state.ownerId, state.folderId);
      const command = { type: 'ReplaceContent' as const, actor, inherited, versionId, size: blob.size, sha256: blob.key, mimeType };
      await workflow.step(() => this.blobs.reference(blob, fileId, versionId, metadata), {
        what: 'release a reference that was not used',
        run: () => this.blobs.release(blob.key, fileId, versionId, metadata),
      });
      const result = await this.pipeline.execute(fileAggregate, fileId, command, metadata);
      return { fileId, position: result.position! };
    });
  }
}
