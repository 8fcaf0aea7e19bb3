import { createHash } from 'node:crypto';
import type { CommandPipeline } from '../../commands/pipeline';
import type { FileCommands } from '../../commands/fileCommands';
import type { Actor } from '../../domain/access/accessPolicy';
import type { FileState } from '../../domain/file/fileDecider';
import type { FileMatch, IncomingCommand, MappedFile } from '../../domain/incoming/incomingCommand';
import { DomainError, notFound } from '../../domain/shared/domainError';
import type { EventMetadata, Position } from '../../ports/eventStore';
import { DEFAULT_MIME_TYPE } from '../../api/files/fileSchemas';
import { decodeJsonContent, storeWithinAllowance, uploadJsonContent } from '../../api/files/jsonUpload';
import type { IncomingCommandRunner, IncomingPlan, IncomingRunResult } from '../incomingPorts';
import { withContentRefusal } from './contentRefusal';
import type { FoundFile } from './fileFinder';
import { FileFinder } from './fileFinder';
import { checkedChanges, checkedContent, checkedFolder, checkedMatch, checkedUpload, hasChanges } from './mappedValues';

type UpsertCommand = Extract<IncomingCommand, { action: 'upsert_file' }>;

const isNameTaken = (error: unknown) => error instanceof DomainError && error.kind === 'conflict' && error.field === 'name';

const CREATE_PLAN: IncomingPlan = { branch: 'create', targetId: null };

/** What an upsert that matches nothing creates: the mapped name (by name, the one looked up) in the mapped folder, else in `createIn`. */
function upsertCreation(command: UpsertCommand, match: FileMatch): { name: string | undefined; folderId: string | null } {
  const { file, createIn } = command;
  return {
    name: file.name ?? (match.by === 'name' ? match.name : undefined),
    folderId: file.folderId === undefined ? createIn : file.folderId,
  };
}

/** The content a file has now: new content equal to it (bytes and type) makes no new version. */
function isCurrentContent(state: FileState, bytes: Buffer, mimeType: string): boolean {
  const current = state.versions[state.versions.length - 1];
  return current !== undefined && current.mimeType === mimeType && current.sha256 === createHash('sha256').update(bytes).digest('hex');
}

/**
 * Runs an incoming webhook's mapped command as the hook's owner, through the same file commands, access
 * policy, quota and events as the REST API: create_folder as POST /folders, create_file as a JSON POST /files,
 * updates as PATCH /files/{id} plus a new version. Refusals are the REST API's (404, 403, 409, 413); mapped
 * values the REST API would refuse are 422.
 */
export class IncomingRunner implements IncomingCommandRunner {
  private readonly finder: FileFinder;

  constructor(
    private readonly files: FileCommands,
    pipeline: CommandPipeline,
  ) {
    this.finder = new FileFinder(files, pipeline);
  }

  async run(owner: Actor, command: IncomingCommand, metadata: EventMetadata): Promise<IncomingRunResult> {
    switch (command.action) {
      case 'create_folder': {
        const { folderId, position } = await this.files.createFolder.run(owner, checkedFolder(command.folder), metadata);
        return { status: 201, resource: 'folder', id: folderId, position };
      }
      case 'create_file':
        return this.createFile(owner, command.file, command.file.name, command.file.folderId, metadata);
      case 'update_file':
        return this.update(owner, await this.requireFile(owner, command.match), command.file, metadata);
      case 'upsert_file':
        return this.upsert(owner, command, metadata);
    }
  }

  /**
   * Reads only: which branch the command takes and the file an update would change. It meets the refusals a
   * run would meet before storing anything (422 values, 404/403 file or folder, 409 name taken); the quota
   * is met only by a run.
   */
  async plan(owner: Actor, command: IncomingCommand): Promise<IncomingPlan> {
    switch (command.action) {
      case 'create_folder': {
        const { name, parentId } = checkedFolder(command.folder);
        await this.requireRoomFor(owner, name, parentId);
        return CREATE_PLAN;
      }
      case 'create_file': {
        const upload = checkedUpload(command.file, command.file.name, command.file.folderId);
        await this.requireRoomFor(owner, upload.name, upload.folder_id);
        return CREATE_PLAN;
      }
      case 'update_file':
        return { branch: 'update', targetId: (await this.requireFile(owner, command.match)).id };
      case 'upsert_file': {
        const match = checkedMatch(command.match);
        const found = await this.finder.findWritable(owner, match);
        if (found !== null) return { branch: 'update', targetId: found.id };
        const { name, folderId } = upsertCreation(command, match);
        const upload = checkedUpload(command.file, name, folderId);
        await this.requireRoomFor(owner, upload.name, upload.folder_id);
        return CREATE_PLAN;
      }
    }
  }

  /** The folder takes entries from the owner and the name is free: an upload's precheck, which files and folders share. */
  private async requireRoomFor(owner: Actor, name: string, folderId: string | null): Promise<void> {
    await this.files.uploadFile.precheck(owner, { folderId, name, mimeType: DEFAULT_MIME_TYPE, overwrite: false });
  }

  private async requireFile(owner: Actor, match: FileMatch): Promise<FoundFile> {
    const found = await this.finder.findWritable(owner, checkedMatch(match));
    if (found === null) throw notFound('file not found');
    return found;
  }

  /**
   * Creates when nothing matches (see upsertCreation). Two calls racing to create one name: the one that
   * loses the name finds the winner's file and updates it, as if it had come second.
   */
  private async upsert(owner: Actor, command: UpsertCommand, metadata: EventMetadata): Promise<IncomingRunResult> {
    const { file } = command;
    const match = checkedMatch(command.match);
    const found = await this.finder.findWritable(owner, match);
    if (found !== null) return this.update(owner, found, file, metadata);
    const { name, folderId } = upsertCreation(command, match);
    try {
      return await this.createFile(owner, file, name, folderId, metadata);
    } catch (error) {
      const winner = match.by === 'name' && isNameTaken(error) ? await this.finder.findWritable(owner, match) : null;
      if (winner === null) throw error;
      return this.update(owner, winner, file, metadata);
    }
  }

  /** The JSON upload of the REST API, then the description and tags it does not take. */
  private async createFile(
    owner: Actor,
    file: MappedFile,
    name: string | undefined,
    folderId: string | null,
    metadata: EventMetadata,
  ): Promise<IncomingRunResult> {
    const upload = checkedUpload(file, name, folderId);
    const { description, tags } = checkedChanges({ description: file.description, tags: file.tags });
    const created = await withContentRefusal(() => uploadJsonContent(this.files, owner, upload, metadata));
    let position: Position = created.position;
    if (description !== undefined || tags !== undefined) {
      position = (await this.files.updateFile.run(owner, created.fileId, { description, tags }, metadata)).position ?? position;
    }
    return { status: 201, resource: 'file', id: created.fileId, position };
  }

  /**
   * Rename, move and metadata as PATCH /files/{id}, then new content as its next version. The content is
   * stored first, within the owner's quota, so a call over it changes nothing; content equal to the
   * current version adds none.
   */
  private async update(owner: Actor, found: FoundFile, file: MappedFile, metadata: EventMetadata): Promise<IncomingRunResult> {
    const changes = checkedChanges(file);
    const content =
      file.content === undefined ? null : checkedContent({ ...file, content: file.content }, changes.name ?? found.state.name);
    const decoded = content && (await decodeJsonContent(content.content, content.encoding, content.mime_type, content.name));
    const fresh = decoded && !isCurrentContent(found.state, decoded.bytes, decoded.mimeType) ? decoded : null;
    const blob = fresh && (await withContentRefusal(() => storeWithinAllowance(this.files, found.ownerId, fresh.bytes)));
    let position: Position | null = null;
    try {
      if (hasChanges(changes)) position = (await this.files.updateFile.run(owner, found.id, changes, metadata)).position;
    } catch (error) {
      if (blob) await this.files.blobs.collect(blob.key, metadata).catch(() => false);
      throw error;
    }
    if (blob && fresh) position = (await this.files.replaceFileContent.run(owner, found.id, blob, fresh.mimeType, metadata)).position;
    return { status: 200, resource: 'file', id: found.id, position };
  }
}
