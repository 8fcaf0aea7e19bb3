import type { Actor } from '../../domain/access/accessPolicy';
import { requireAccess, resourceOf } from '../../domain/access/accessPolicy';
import type { FolderState } from '../../domain/folder/folderDecider';
import { conflict, DomainError, notFound } from '../../domain/shared/domainError';
import type { EventMetadata, Position } from '../../ports/eventStore';
import { folderAggregate } from '../aggregates';
import { folderEntryKey } from '../entries/entryNames';
import type { EntryPlacement } from '../entries/entryPlacement';
import type { DeleteFile } from '../files/deleteFile';
import type { CommandPipeline, LoadedStream } from '../pipeline';
import type { FolderTree } from './folderTree';

export interface FolderChildren {
  folders: string[];
  files: string[];
}

/** The entries inside a folder, as of every event appended so far (implementations wait for their read models). */
export interface FolderContents {
  children(ownerId: string, folderId: string): Promise<FolderChildren>;
  /** Files and folders below the folder, counted exactly up to `cap`; any answer above `cap` means "more". */
  subtreeSize(ownerId: string, folderId: string, cap: number): Promise<number>;
}

export interface DeletedFolder {
  deletedAt: string;
  position: Position;
  deletedFiles: number;
  deletedFolders: number;
}

interface Tally {
  files: number;
  folders: number;
  position: Position | null;
}

/**
 * Deletes a folder; with `recursive`, its subtree too (at most `maxRecursiveEntries` entries), children
 * first, each as its own FileDeleted or FolderDeleted event. Without it, a folder that has children is
 * refused with a 409.
 *
 * An entry created in (or moved into) the folder while it is being deleted is handled from both sides:
 * after recording its own deletion the folder lists its children again and deletes what it finds, and a
 * create or move that lands after the deletion undoes itself (EntryPlacement's verify step).
 */
export class DeleteFolder {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly placement: EntryPlacement,
    private readonly deleteFile: DeleteFile,
    private readonly contents: FolderContents,
    private readonly maxRecursiveEntries: number,
    private readonly folders: FolderTree,
  ) {}

  async run(actor: Actor, folderId: string, recursive: boolean, metadata: EventMetadata): Promise<DeletedFolder> {
    const loaded = await this.pipeline.load(folderAggregate, folderId);
    // A grantee sees the folder, so is refused with 403 rather than 404: deleting is the owner's.
    const inherited = await this.folders.inheritedGrants(actor, loaded.state.ownerId, loaded.state.parentId);
    requireAccess(actor, 'delete', resourceOf(loaded.state, inherited), 'folder', this.pipeline.currentTime());
    const ownerId = loaded.state.ownerId!;
    if (recursive && (await this.contents.subtreeSize(ownerId, folderId, this.maxRecursiveEntries)) > this.maxRecursiveEntries) {
      throw conflict(`the folder holds more than ${this.maxRecursiveEntries} entries; delete its subfolders first`, 'recursive');
    }
    const children = await this.contents.children(ownerId, folderId);
    if (!recursive && children.files.length + children.folders.length > 0) {
      throw conflict('the folder is not empty; delete it with recursive=true', 'recursive');
    }
    const tally: Tally = { files: 0, folders: 0, position: null };
    const deletedAt = await this.deleteTree(actor, folderId, loaded, undefined, children, tally, metadata);
    if (deletedAt === null || tally.position === null) throw notFound('folder not found');
    return { deletedAt, position: tally.position, deletedFiles: tally.files, deletedFolders: tally.folders - 1 };
  }

  /** Deletes the children, then the folder (if it is still under `parentId`), then whatever arrived meanwhile. */
  private async deleteTree(
    actor: Actor,
    folderId: string,
    loaded: LoadedStream<FolderState>,
    parentId: string | null | undefined,
    children: FolderChildren,
    tally: Tally,
    metadata: EventMetadata,
  ): Promise<string | null> {
    await this.deleteChildren(actor, folderId, children, tally, metadata);
    const reason = parentId === undefined ? 'deleted' : 'parent_deleted';
    const command = { type: 'DeleteFolder' as const, actor, reason, onlyIfParent: parentId } as const;
    // Loaded before the children went: its revision is stale only if something moved or renamed the folder meanwhile.
    const apply = () => this.pipeline.execute(folderAggregate, folderId, command, metadata, { loaded });
    // Released under the name it had when deleted, which a concurrent rename may have changed since it was loaded.
    const result = await this.placement.remove(folderId, apply, folderEntryKey, metadata);
    const deleted = result.events.find((event) => event.type === 'FolderDeleted');
    if (!deleted) return null;
    tally.folders++;
    tally.position = result.position;
    await this.deleteChildren(actor, folderId, await this.contents.children(result.state.ownerId!, folderId), tally, metadata);
    return deleted.data.deletedAt;
  }

  private async deleteChildren(
    actor: Actor,
    folderId: string,
    children: FolderChildren,
    tally: Tally,
    metadata: EventMetadata,
  ): Promise<void> {
    for (const childId of children.folders) {
      const child = await this.pipeline.load(folderAggregate, childId);
      // Listed from a read model: skip a child that has gone or moved elsewhere since.
      if (!child.exists || child.state.deleted || child.state.parentId !== folderId) continue;
      const grandchildren = await this.contents.children(child.state.ownerId!, childId);
      await this.deleteTree(actor, childId, child, folderId, grandchildren, tally, metadata);
    }
    for (const fileId of children.files) {
      const deleted = await this.deleteFile
        .run(actor, fileId, metadata, { reason: 'folder_deleted', onlyInFolder: folderId })
        .catch((error: unknown) => {
          if (error instanceof DomainError && error.kind === 'not_found') return null;
          throw error;
        });
      if (deleted) {
        tally.files++;
        tally.position = deleted.position;
      }
    }
  }
}
