import type { Actor, Grant } from '../access/accessPolicy';
import type { EntryCommandKind } from '../access/entryAccess';
import { requireEntryAccess } from '../access/entryAccess';
import type { Grantee, ShareCommand, ShareGrant } from '../share/shareDecisions';
import { decideExpire, decideRevoke, decideShare, evolveGrants, shareEventMapping } from '../share/shareDecisions';
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
  /** When it was deleted (the FileDeleted event's time), null while it lives. */
  deletedAt: string | null;
  fileId: string | null;
  ownerId: string | null;
  folderId: string | null;
  name: string;
  description: string | null;
  tags: readonly string[];
  /** Oldest first; the last one is the current content. */
  versions: readonly FileVersion[];
  /** Shares of this file itself, one per grantee, expired ones included until their ShareExpired. */
  grants: readonly ShareGrant[];
}

export interface NewContent {
  versionId: string;
  size: number;
  sha256: string;
  mimeType: string;
}

/**
 * `inherited` are the grants of the folders above the file, which the handler read from their streams
 * (only for an actor who is not the owner).
 */
export type FileCommand =
  | ({ type: 'UploadFile'; fileId: string; ownerId: string; folderId: string | null; name: string } & NewContent)
  | ({ type: 'ReplaceContent'; actor: Actor; inherited?: readonly Grant[] } & NewContent)
  | {
      type: 'UpdateFile';
      actor: Actor;
      inherited?: readonly Grant[];
      name?: string;
      folderId?: string | null;
      description?: string | null;
      tags?: readonly string[];
      /** Where the handler saw the file when it claimed the new name: a move or rename meanwhile refuses the update. */
      expectedPlace?: { folderId: string | null; name: string };
    }
  | { type: 'DeleteFile'; actor: Actor; inherited?: readonly Grant[]; reason: 'deleted' | 'folder_deleted'; onlyInFolder?: string | null }
  | { type: 'ShareFile'; actor: Actor; inherited?: readonly Grant[]; grantees: readonly Grantee[] }
  | ShareCommand;

type LiveFile = FileState & { fileId: string; ownerId: string; versions: readonly [FileVersion, ...FileVersion[]] };

const initialState: FileState = {
  exists: false,
  deleted: false,
  deletedAt: null,
  fileId: null,
  ownerId: null,
  folderId: null,
  name: '',
  description: null,
  tags: [],
  versions: [],
  grants: [],
};

const shareEvents = shareEventMapping<FileEvent>(
  { shared: 'FileShared', changed: 'SharePermissionChanged', revoked: 'ShareRevoked', expired: 'ShareExpired' },
  'fileId',
);

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
      return { ...state, deleted: true, deletedAt: event.data.deletedAt };
    case 'FileDownloaded':
      return state;
    case 'FileShared':
    case 'SharePermissionChanged':
    case 'ShareRevoked':
    case 'ShareExpired':
      return { ...state, grants: evolveGrants(state.grants, shareEvents.toChange(event)!) };
  }
}

const currentVersion = (state: LiveFile): FileVersion => state.versions[state.versions.length - 1]!;

type ActorCommand = Exclude<FileCommand, { type: 'UploadFile' | 'ExpireShare' }>;

const COMMAND_KINDS: Record<ActorCommand['type'], EntryCommandKind> = {
  ReplaceContent: 'write',
  UpdateFile: 'update',
  DeleteFile: 'delete',
  ShareFile: 'share',
  RevokeShare: 'share',
};

function requireLive(state: FileState, command: ActorCommand, now: Date): asserts state is LiveFile {
  const movesTo = command.type === 'UpdateFile' ? command.folderId : undefined;
  requireEntryAccess(command, { noun: 'file', state, kind: COMMAND_KINDS[command.type], place: state.folderId, movesTo }, now);
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
  decide(command, state, context) {
    const { now } = context;
    if (command.type === 'UploadFile') {
      if (state.exists) throw conflict('file already exists');
      const { fileId, ownerId, folderId, name, versionId, size, sha256, mimeType } = command;
      return [{ type: 'FileUploaded', data: { fileId, ownerId, folderId, name, versionId, version: 1, size, sha256, mimeType } }];
    }
    if (command.type === 'ExpireShare') {
      if (!state.exists || state.deleted) return [];
      return decideExpire(state.ownerId!, state.grants, command.principalId, command.expiresAt, now).map((change) =>
        shareEvents.toEvent(state.fileId!, change),
      );
    }
    requireLive(state, command, now);
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
      case 'ShareFile':
        return decideShare(state.ownerId, state.grants, command.grantees, context).map((change) =>
          shareEvents.toEvent(state.fileId, change),
        );
      case 'RevokeShare':
        return decideRevoke(state.ownerId, state.grants, command.principalId, now).map((change) =>
          shareEvents.toEvent(state.fileId, change),
        );
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
