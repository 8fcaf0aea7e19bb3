import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Actor } from '../../domain/access/accessPolicy';
import { ALL_SCOPES } from '../../domain/access/scopes';
import { conflict, DomainError } from '../../domain/shared/domainError';
import type { StoredBlob } from '../../ports/blobStore';
import type { EventMetadata, Position } from '../../ports/eventStore';
import type { Logger } from '../../ports/logger';
import { fileAggregate } from '../aggregates';
import type { BlobReferences } from '../blobs/blobReferences';
import type { LoadedClaim } from '../claims/nameClaims';
import type { EntryKey, EntryNames } from '../entries/entryNames';
import { sameEntryKey } from '../entries/entryNames';
import type { EntryPlacement } from '../entries/entryPlacement';
import type { FolderTree } from '../folders/folderTree';
import type { CommandPipeline } from '../pipeline';
import { runWorkflow } from '../workflow/workflow';
import type { DeleteFile } from './deleteFile';
import type { ReplaceFileContent } from './replaceFileContent';

export interface UploadTarget {
  folderId: string | null;
  name: string;
  mimeType: string;
  /** A file already holding the name gets the content as a new version instead of a 409. */
  overwrite: boolean;
}

/** What the precheck read, so that recording the upload does not read it again. */
export interface UploadPlan {
  /** Where the file goes; its `ownerId` is the folder's owner, whose quota it counts against. */
  key: EntryKey;
  claim: LoadedClaim;
}

export interface UploadOutcome {
  fileId: string;
  /** False when the upload became a new version of an existing file. */
  created: boolean;
  position: Position;
}

/** A new file belongs to the folder's owner, also when a grantee with write puts it there; the grantee stays the events' actor. */
const keyOf = (ownerId: string, target: UploadTarget): EntryKey => ({ ownerId, parentId: target.folderId, name: target.name });
/** Undoing an upload that landed in a folder deleted meanwhile is the owner's deletion, whoever uploaded. */
const ownerActing = (ownerId: string): Actor => ({ userId: ownerId, scopes: ALL_SCOPES });
const isNameTaken = (error: unknown) => error instanceof DomainError && error.kind === 'conflict' && error.field === 'name';
/** How long an overwrite waits for a name claimed by an upload that has not created its file yet. */
const PENDING_CLAIM_WAIT_MS = 2000;
const POLL_MS = 20;

/**
 * Turns content already streamed into the blob store into a file: claims the name in the folder,
 * references the content, appends FileUploaded, checks the folder is still there. Anything that fails
 * on the way is undone, and content nothing references is collected, so a refused upload leaves no
 * file, no claim and no blob.
 */
export class UploadFile {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly names: EntryNames,
    private readonly placement: EntryPlacement,
    private readonly folders: FolderTree,
    private readonly blobs: BlobReferences,
    private readonly versions: ReplaceFileContent,
    private readonly deleteFile: DeleteFile,
    private readonly logger: Logger,
  ) {}

  /** Fails fast, before any content is stored: the folder must take entries from the actor, and the name be free (or overwritable). */
  async precheck(actor: Actor, target: UploadTarget): Promise<UploadPlan> {
    const key = keyOf(await this.folders.ownerOfEntriesIn(actor, target.folderId), target);
    const claim = await this.names.inspect(key);
    const holder = await this.names.holderOf(key, claim);
    if (holder !== null && !(target.overwrite && (await this.isFile(holder)))) {
      throw conflict('a file or folder with this name already exists in this folder', 'name');
    }
    return { key, claim };
  }

  record(actor: Actor, target: UploadTarget, blob: StoredBlob, metadata: EventMetadata, plan?: UploadPlan): Promise<UploadOutcome> {
    return runWorkflow(this.logger, async (workflow) => {
      workflow.onFailure('collect content that was not recorded', () => this.blobs.collect(blob.key, metadata));
      // Checked again: the folder may have gone while the content streamed, and a refused upload must not append at all.
      const key = keyOf(await this.folders.ownerOfEntriesIn(actor, target.folderId), target);
      const planned = plan && sameEntryKey(plan.key, key) ? plan : undefined;
      return this.createOrOverwrite(actor, key, target, blob, metadata, planned?.claim);
    });
  }

  /**
   * With `overwrite`, a name held by a file gets the content as its next version. A claim whose holder
   * is not live yet is usually a concurrent upload of the same name that has not appended its
   * FileUploaded: wait for it to settle rather than answer an overwrite with a 409.
   */
  private async createOrOverwrite(
    actor: Actor,
    key: EntryKey,
    target: UploadTarget,
    blob: StoredBlob,
    metadata: EventMetadata,
    claim?: LoadedClaim,
  ) {
    const deadline = Date.now() + PENDING_CLAIM_WAIT_MS;
    for (let seen = claim; ; seen = undefined) {
      try {
        return await this.create(actor, key, target, blob, metadata, seen);
      } catch (error) {
        if (!target.overwrite || !isNameTaken(error)) throw error;
        const holder = await this.names.holderOf(key);
        if (holder !== null) {
          if (!(await this.isFile(holder))) throw error;
          const { position } = await this.versions.addVersion(actor, holder, blob, target.mimeType, metadata);
          return { fileId: holder, created: false, position };
        }
        if (Date.now() >= deadline) throw error;
        await sleep(POLL_MS);
      }
    }
  }

  private async create(
    actor: Actor,
    key: EntryKey,
    target: UploadTarget,
    blob: StoredBlob,
    metadata: EventMetadata,
    claim?: LoadedClaim,
  ): Promise<UploadOutcome> {
    const fileId = randomUUID();
    const position = await this.placement.place(
      {
        holderId: fileId,
        from: null,
        to: key,
        toClaim: claim,
        apply: () => this.append(key.ownerId, fileId, target, blob, metadata),
        undo: () => this.deleteFile.run(ownerActing(key.ownerId), fileId, metadata, { reason: 'folder_deleted' }),
        verify: () => this.folders.verifyParentLive(target.folderId),
      },
      metadata,
    );
    return { fileId, created: true, position };
  }

  private append(ownerId: string, fileId: string, target: UploadTarget, blob: StoredBlob, metadata: EventMetadata): Promise<Position> {
    const versionId = randomUUID();
    const { folderId, name, mimeType } = target;
    const command = {
      type: 'UploadFile' as const,
      fileId,
      ownerId,
      folderId,
      name,
      mimeType,
      versionId,
      size: blob.size,
      sha256: blob.key,
    };
    return runWorkflow(this.logger, async (workflow) => {
      await workflow.step(() => this.blobs.reference(blob, fileId, versionId, metadata), {
        what: 'release a reference that was not used',
        run: () => this.blobs.release(blob.key, fileId, versionId, metadata),
      });
      const result = await this.pipeline.create(fileAggregate, fileId, command, metadata);
      return result.position!;
    });
  }

  private async isFile(entryId: string): Promise<boolean> {
    return (await this.pipeline.load(fileAggregate, entryId)).exists;
  }
}
