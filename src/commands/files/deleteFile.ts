import type { FileState } from '../../domain/file/fileDecider';
import type { EventMetadata, Position } from '../../ports/eventStore';
import type { Logger } from '../../ports/logger';
import { fileAggregate } from '../aggregates';
import { bestEffort } from '../bestEffort';
import type { BlobReferences } from '../blobs/blobReferences';
import type { EntryNames } from '../entries/entryNames';
import type { CommandPipeline } from '../pipeline';

export interface DeletedFile {
  deletedAt: string;
  position: Position;
}

export interface DeleteFileOptions {
  reason?: 'deleted' | 'folder_deleted';
  /** Delete only while the file is still in this folder (recursive folder deletes). */
  onlyInFolder?: string | null;
}

/**
 * Deletes a file, then frees what it held: its name, and its versions' references to their content,
 * which is collected when nothing else references it. That clean-up runs after the deletion is recorded;
 * if it fails, the name stays claimed (a dead claim is taken over later) and the content stays stored.
 */
export class DeleteFile {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly names: EntryNames,
    private readonly blobs: BlobReferences,
    private readonly logger: Logger,
  ) {}

  /** Null when `onlyInFolder` no longer holds (nothing was deleted). */
  async run(actorId: string, fileId: string, metadata: EventMetadata, options: DeleteFileOptions = {}): Promise<DeletedFile | null> {
    const result = await this.pipeline.execute(
      fileAggregate,
      fileId,
      { type: 'DeleteFile', actorId, reason: options.reason ?? 'deleted', onlyInFolder: options.onlyInFolder },
      metadata,
    );
    const deleted = result.events.find((event) => event.type === 'FileDeleted');
    if (!deleted || result.position === null) return null;
    await this.freeResources(fileId, result.state, metadata);
    return { deletedAt: deleted.data.deletedAt, position: result.position };
  }

  private async freeResources(fileId: string, state: FileState, metadata: EventMetadata): Promise<void> {
    await bestEffort(
      this.logger,
      'release the name of a deleted file',
      () => this.names.release({ ownerId: state.ownerId!, parentId: state.folderId, name: state.name }, fileId, metadata),
      { fileId },
    );
    await bestEffort(this.logger, 'release the content of a deleted file', () => this.releaseContent(fileId, state, metadata), { fileId });
  }

  private async releaseContent(fileId: string, state: FileState, metadata: EventMetadata): Promise<void> {
    for (const version of state.versions) await this.blobs.release(version.sha256, fileId, version.versionId, metadata);
    for (const sha256 of new Set(state.versions.map((version) => version.sha256))) await this.blobs.collect(sha256, metadata);
  }
}
