import type { Actor } from '../../domain/access/accessPolicy';
import { requireAccess, resourceOf } from '../../domain/access/accessPolicy';
import type { FileState } from '../../domain/file/fileDecider';
import type { EventMetadata, Position } from '../../ports/eventStore';
import type { Logger } from '../../ports/logger';
import { fileAggregate } from '../aggregates';
import type { BlobReferences } from '../blobs/blobReferences';
import { fileEntryKey } from '../entries/entryNames';
import type { EntryPlacement } from '../entries/entryPlacement';
import type { FolderTree } from '../folders/folderTree';
import type { CommandPipeline } from '../pipeline';
import { runWorkflow } from '../workflow/workflow';

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
    private readonly placement: EntryPlacement,
    private readonly blobs: BlobReferences,
    private readonly folders: FolderTree,
    private readonly logger: Logger,
  ) {}

  /** Null when `onlyInFolder` no longer holds (nothing was deleted). */
  async run(actor: Actor, fileId: string, metadata: EventMetadata, options: DeleteFileOptions = {}): Promise<DeletedFile | null> {
    const loaded = await this.pipeline.load(fileAggregate, fileId);
    // A grantee sees the file, so is refused with 403 rather than 404: deleting is the owner's.
    const inherited = await this.folders.inheritedGrants(actor, loaded.state.ownerId, loaded.state.folderId);
    requireAccess(actor, 'delete', resourceOf(loaded.state, inherited), 'file', this.pipeline.currentTime());
    const command = {
      type: 'DeleteFile' as const,
      actor,
      inherited,
      reason: options.reason ?? 'deleted',
      onlyInFolder: options.onlyInFolder,
    };
    return runWorkflow(this.logger, async (workflow) => {
      const apply = () => this.pipeline.execute(fileAggregate, fileId, command, metadata, { loaded });
      // Released under the name it had when deleted, which a concurrent rename may have changed since it was loaded.
      const result = await this.placement.remove(fileId, apply, fileEntryKey, metadata);
      const deleted = result.events.find((event) => event.type === 'FileDeleted');
      if (!deleted || result.position === null) return null;
      workflow.onSuccess('release the content of a deleted file', () => this.releaseContent(fileId, result.state, metadata));
      return { deletedAt: deleted.data.deletedAt, position: result.position };
    });
  }

  private async releaseContent(fileId: string, state: FileState, metadata: EventMetadata): Promise<void> {
    for (const version of state.versions) await this.blobs.release(version.sha256, fileId, version.versionId, metadata);
    for (const sha256 of new Set(state.versions.map((version) => version.sha256))) await this.blobs.collect(sha256, metadata);
  }
}
