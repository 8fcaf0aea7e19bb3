import type { AccessAction, Actor } from '../access/accessPolicy';
import { requireAccess, resourceOf } from '../access/accessPolicy';
import type { Decider } from '../shared/decider';
import { conflict, DomainError } from '../shared/domainError';
import type { FileDownloaded, FileEvent } from './fileEvents';

export interface FileVersion {
  versionId: string;
  version: number;
  sha256: string;
  size: number;
  mimeType: string;
}

export interface FileState {
  exists: boolean;
  deleted: boolean;
  fileId: string | null;
  ownerId: string | null;
  folderId: string | null;
  name: string;
  description: string | null;
  tags: readonly string[];
  /** Oldest first; the last one is the current content. */
  versions: readonly FileVersion[];
}

export interface NewContent {
  versionId: string;
  size: number;
  sha256: string;
  mimeType: string;
}

export type FileCommand =
  | ({ type: 'UploadFile'; fileId: string; ownerId: string; folderId: string | null; name: string } & NewContent)
  | ({ type: 'ReplaceContent'; actor: Actor } & NewContent)
  | {
      type: 'UpdateFile';
      actor: Actor;
      name?: string;
      folderId?: string | null;
      description?: string | null;
      tags?: readonly string[];
      /** Where the handler saw the file when it claimed the new name: a move or rename meanwhile refuses the update. */
      expectedPlace?: { folderId: string | null; name: string };
    }
  | { type: 'DeleteFile'; actor: Actor; reason: 'deleted' | 'folder_deleted'; onlyInFolder?: string | null };

type LiveFile = FileState & { fileId: string; ownerId: string; versions: readonly [FileVersion, ...FileVersion[]] };

const initialState: FileState = {
  exists: false,
  deleted: false,
  fileId: null,
  ownerId: null,
  folderId: null,
  name: '',
  description: null,
  tags: [],
  versions: [],
};

function evolve(state: FileState, event: FileEvent): FileState {
  switch (event.type) {
    case 'FileUploaded': {
      const { fileId, ownerId, folderId, name, versionId, version, size, sha256, mimeType } = event.data;
      return { ...initialState, exists: true, fileId, ownerId, folderId, name, versions: [{ versionId, version, sha256, size, mimeType }] };
    }
    case 'FileContentReplaced': {
      const { versionId, version, size, sha256, mimeType } = event.data;
      return { ...state, versions: [...state.versions, { versionId, version, sha256, size, mimeType }] };
    }
    case 'FileRenamed':
      return { ...state, name: event.data.name };
    case 'FileMoved':
      return { ...state, folderId: event.data.folderId };
    case 'FileMetadataChanged':
      return { ...state, description: event.data.description, tags: event.data.tags };
    case 'FileDeleted':
      return { ...state, deleted: true };
    case 'FileDownloaded':
      return state;
  }
}

const currentVersion = (state: LiveFile): FileVersion => state.versions[state.versions.length - 1]!;

const ACTION_OF: Record<Exclude<FileCommand['type'], 'UploadFile'>, AccessAction> = {
  ReplaceContent: 'write',
  UpdateFile: 'write',
  DeleteFile: 'delete',
};

function requireLive(state: FileState, actor: Actor, action: AccessAction): asserts state is LiveFile {
  requireAccess(actor, action, resourceOf(state), 'file');
  if (state.fileId === null || state.versions.length === 0) throw new Error('a live file stream holds no version');
}

const sameTags = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((tag, index) => tag === b[index]);

function update(command: Extract<FileCommand, { type: 'UpdateFile' }>, state: LiveFile): FileEvent[] {
  const { fileId, ownerId } = state;
  // The name claimed for this update is keyed by the place it was computed from; applied elsewhere it would go unclaimed.
  if (command.expectedPlace && (command.expectedPlace.folderId !== state.folderId || command.expectedPlace.name !== state.name)) {
    throw conflict('the file was moved or renamed meanwhile; try again');
  }
  const events: FileEvent[] = [];
  const folderId = command.folderId === undefined ? state.folderId : command.folderId;
  if (folderId !== state.folderId) {
    events.push({ type: 'FileMoved', data: { fileId, ownerId, name: state.name, folderId, previousFolderId: state.folderId } });
  }
  if (command.name !== undefined && command.name !== state.name) {
    events.push({ type: 'FileRenamed', data: { fileId, ownerId, folderId, name: command.name, previousName: state.name } });
  }
  const description = command.description === undefined ? state.description : command.description;
  const tags = command.tags ?? state.tags;
  if (description !== state.description || !sameTags(tags, state.tags)) {
    events.push({ type: 'FileMetadataChanged', data: { fileId, ownerId, description, tags: [...tags] } });
  }
  return events;
}

function remove(command: Extract<FileCommand, { type: 'DeleteFile' }>, state: LiveFile, now: Date): FileEvent[] {
  // A recursive folder delete skips a file that moved elsewhere since it was listed.
  if (command.onlyInFolder !== undefined && command.onlyInFolder !== state.folderId) return [];
  const { fileId, ownerId, folderId, name } = state;
  const { size, mimeType } = currentVersion(state);
  const storedBytes = state.versions.reduce((total, version) => total + version.size, 0);
  return [
    {
      type: 'FileDeleted',
      data: {
        fileId,
        ownerId,
        folderId,
        name,
        size,
        mimeType,
        storedBytes,
        versionCount: state.versions.length,
        deletedAt: now.toISOString(),
        reason: command.reason,
      },
    },
  ];
}

export const fileDecider: Decider<FileCommand, FileEvent, FileState> = {
  initialState,
  evolve,
  decide(command, state, { now }) {
    if (command.type === 'UploadFile') {
      if (state.exists) throw conflict('file already exists');
      const { fileId, ownerId, folderId, name, versionId, size, sha256, mimeType } = command;
      return [{ type: 'FileUploaded', data: { fileId, ownerId, folderId, name, versionId, version: 1, size, sha256, mimeType } }];
    }
    requireLive(state, command.actor, ACTION_OF[command.type]);
    switch (command.type) {
      case 'ReplaceContent': {
        const previous = currentVersion(state);
        const { versionId, size, sha256, mimeType } = command;
        return [
          {
            type: 'FileContentReplaced',
            data: {
              fileId: state.fileId,
              ownerId: state.ownerId,
              versionId,
              version: previous.version + 1,
              size,
              sha256,
              mimeType,
              previousSize: previous.size,
              previousMimeType: previous.mimeType,
            },
          },
        ];
      }
      case 'UpdateFile':
        return update(command, state);
      case 'DeleteFile':
        return remove(command, state, now);
    }
    throw new DomainError('invalid', 'unknown command');
  },
};

/**
 * A download is a fact, not a decision: the caller has already checked access on a read model. It is
 * appended without loading the stream, so popular files do not make every download slower.
 */
export function fileDownloaded(data: FileDownloaded['data']): FileDownloaded {
  return { type: 'FileDownloaded', data };
}
