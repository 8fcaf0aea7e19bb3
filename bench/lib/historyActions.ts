import { createHash } from 'node:crypto';
import type { FileState, FolderState, HistoryWorld, UserState } from './historyWorld';
import { removeFrom } from './historyWorld';

/** One event as a command would record it: its stream, type and data (the domain's shapes). */
export interface EventDraft {
  stream: string;
  type: string;
  data: Record<string, unknown>;
}

const MIME_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'text/plain', 'video/mp4', 'application/zip'];
const EXTENSIONS = ['pdf', 'jpg', 'png', 'txt', 'mp4', 'zip'];
const TAGS = ['invoice', 'draft', 'final', 'photos', 'q3', 'legal', 'archive'];

/** `claim-<uuid>` derived from what is claimed, as the claims service names them (a name-based uuid). */
function claimStream(kind: string, value: string): string {
  const hex = createHash('sha1').update(`${kind}:${value}`).digest('hex');
  return `claim-${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function entryClaim(ownerId: string, folderId: string | null, name: string): string {
  return claimStream('entry', `${ownerId}:${folderId ?? 'root'}:${name.toLowerCase()}`);
}

function claimed(stream: string, kind: string, value: string, ownerId: string, at: string): EventDraft {
  return { stream, type: 'NameClaimed', data: { kind, value, ownerId, claimedAt: at } };
}

function released(stream: string, kind: string, value: string, ownerId: string): EventDraft {
  return { stream, type: 'NameReleased', data: { kind, value, ownerId } };
}

const blobStream = (sha256: string) =>
  `blob-${sha256.slice(0, 8)}-${sha256.slice(8, 12)}-5${sha256.slice(13, 16)}-a${sha256.slice(17, 20)}-${sha256.slice(20, 32)}`;

export function registerUser(world: HistoryWorld, at: string): EventDraft[] {
  const id = world.random.uuid();
  const username = `user${world.users.length}_${id.slice(0, 4)}`;
  const email = `${username}@example.com`;
  world.users.push({ id, username, folders: [], files: [], sessions: [] });
  return [
    claimed(claimStream('username', username), 'username', username, id, at),
    claimed(claimStream('email', email), 'email', email, id, at),
    {
      stream: `user-${id}`,
      type: 'UserRegistered',
      data: { userId: id, username, email, displayName: `User ${world.users.length}`, passwordHash: `$scrypt$${id}` },
    },
  ];
}

export function logIn(world: HistoryWorld, user: UserState, at: string): EventDraft[] {
  const sessionId = world.random.uuid();
  user.sessions.push(sessionId);
  const expiresAt = new Date(Date.parse(at) + 30 * 86_400_000).toISOString();
  return [
    {
      stream: `session-${sessionId}`,
      type: 'SessionStarted',
      data: { sessionId, userId: user.id, refreshTokenHash: world.random.sha256(), expiresAt, credentialsVersion: 0 },
    },
    { stream: `user-${user.id}`, type: 'UserLoggedIn', data: { userId: user.id, sessionId } },
  ];
}

export function rotateToken(world: HistoryWorld, user: UserState, at: string): EventDraft[] {
  const sessionId = world.random.pick(user.sessions);
  const expiresAt = new Date(Date.parse(at) + 30 * 86_400_000).toISOString();
  const data = { sessionId, previousHash: world.random.sha256(), refreshTokenHash: world.random.sha256(), expiresAt };
  return [{ stream: `session-${sessionId}`, type: 'RefreshTokenRotated', data }];
}

function someFolder(world: HistoryWorld, user: UserState, except?: FolderState): string | null {
  const candidates = except ? user.folders.filter((folder) => folder !== except && folder.parentId !== except.id) : user.folders;
  return candidates.length === 0 || world.random.next() < 0.2 ? null : world.random.pick(candidates).id;
}

export function createFolder(world: HistoryWorld, user: UserState, at: string): EventDraft[] {
  const folder: FolderState = {
    id: world.random.uuid(),
    ownerId: user.id,
    parentId: someFolder(world, user),
    name: `Folder ${world.random.below(1e6)}`,
  };
  user.folders.push(folder);
  const claim = entryClaim(user.id, folder.parentId, folder.name);
  return [
    claimed(claim, 'entry', folder.name, user.id, at),
    {
      stream: `folder-${folder.id}`,
      type: 'FolderCreated',
      data: { folderId: folder.id, ownerId: user.id, parentId: folder.parentId, name: folder.name },
    },
  ];
}

export function renameFolder(world: HistoryWorld, folder: FolderState, at: string): EventDraft[] {
  const previousName = folder.name;
  const oldClaim = entryClaim(folder.ownerId, folder.parentId, previousName);
  folder.name = `Renamed ${world.random.below(1e6)}`;
  const data = { folderId: folder.id, ownerId: folder.ownerId, parentId: folder.parentId, name: folder.name, previousName };
  return [
    claimed(entryClaim(folder.ownerId, folder.parentId, folder.name), 'entry', folder.name, folder.ownerId, at),
    { stream: `folder-${folder.id}`, type: 'FolderRenamed', data },
    released(oldClaim, 'entry', previousName, folder.ownerId),
  ];
}

export function moveFolder(world: HistoryWorld, user: UserState, folder: FolderState, at: string): EventDraft[] {
  const previousParentId = folder.parentId;
  const oldClaim = entryClaim(folder.ownerId, previousParentId, folder.name);
  folder.parentId = someFolder(world, user, folder);
  const data = { folderId: folder.id, ownerId: folder.ownerId, name: folder.name, parentId: folder.parentId, previousParentId };
  return [
    claimed(entryClaim(folder.ownerId, folder.parentId, folder.name), 'entry', folder.name, folder.ownerId, at),
    { stream: `folder-${folder.id}`, type: 'FolderMoved', data },
    released(oldClaim, 'entry', folder.name, folder.ownerId),
  ];
}

export function uploadFile(world: HistoryWorld, user: UserState, at: string): EventDraft[] {
  const kind = world.random.below(MIME_TYPES.length);
  const content = world.content();
  const file: FileState = {
    id: world.random.uuid(),
    ownerId: user.id,
    folderId: someFolder(world, user),
    name: `document-${world.random.below(1e7)}.${EXTENSIONS[kind]!}`,
    mimeType: MIME_TYPES[kind]!,
    versions: [content],
  };
  user.files.push(file);
  const { versionId, size, sha256 } = content;
  return [
    claimed(entryClaim(user.id, file.folderId, file.name), 'entry', file.name, user.id, at),
    { stream: blobStream(sha256), type: 'BlobReferenced', data: { sha256, size, fileId: file.id, versionId, revived: false } },
    {
      stream: `file-${file.id}`,
      type: 'FileUploaded',
      data: {
        fileId: file.id,
        ownerId: user.id,
        folderId: file.folderId,
        name: file.name,
        versionId,
        version: 1,
        size,
        sha256,
        mimeType: file.mimeType,
      },
    },
  ];
}

export function replaceContent(world: HistoryWorld, file: FileState): EventDraft[] {
  const previous = file.versions[file.versions.length - 1]!;
  const content = world.content();
  file.versions.push(content);
  const { versionId, size, sha256 } = content;
  const data = {
    fileId: file.id,
    ownerId: file.ownerId,
    versionId,
    version: file.versions.length,
    size,
    sha256,
    mimeType: file.mimeType,
    previousSize: previous.size,
    previousMimeType: file.mimeType,
  };
  return [
    { stream: blobStream(sha256), type: 'BlobReferenced', data: { sha256, size, fileId: file.id, versionId, revived: false } },
    { stream: `file-${file.id}`, type: 'FileContentReplaced', data },
  ];
}

export function renameFile(world: HistoryWorld, file: FileState, at: string): EventDraft[] {
  const previousName = file.name;
  const oldClaim = entryClaim(file.ownerId, file.folderId, previousName);
  file.name = `renamed-${world.random.below(1e7)}-${previousName}`.slice(0, 120);
  const data = { fileId: file.id, ownerId: file.ownerId, folderId: file.folderId, name: file.name, previousName };
  return [
    claimed(entryClaim(file.ownerId, file.folderId, file.name), 'entry', file.name, file.ownerId, at),
    { stream: `file-${file.id}`, type: 'FileRenamed', data },
    released(oldClaim, 'entry', previousName, file.ownerId),
  ];
}

export function moveFile(world: HistoryWorld, user: UserState, file: FileState, at: string): EventDraft[] {
  const previousFolderId = file.folderId;
  const oldClaim = entryClaim(file.ownerId, previousFolderId, file.name);
  file.folderId = someFolder(world, user);
  const data = { fileId: file.id, ownerId: file.ownerId, name: file.name, folderId: file.folderId, previousFolderId };
  return [
    claimed(entryClaim(file.ownerId, file.folderId, file.name), 'entry', file.name, file.ownerId, at),
    { stream: `file-${file.id}`, type: 'FileMoved', data },
    released(oldClaim, 'entry', file.name, file.ownerId),
  ];
}

export function tagFile(world: HistoryWorld, file: FileState): EventDraft[] {
  const tags = [...new Set([world.random.pick(TAGS), world.random.pick(TAGS)])];
  return [
    {
      stream: `file-${file.id}`,
      type: 'FileMetadataChanged',
      data: { fileId: file.id, ownerId: file.ownerId, description: 'Shared with the team', tags },
    },
  ];
}

export function downloadFile(world: HistoryWorld, file: FileState, downloadedBy: string): EventDraft[] {
  const { versionId, sha256, size } = file.versions[file.versions.length - 1]!;
  const range = world.random.next() < 0.1 ? { start: 0, end: Math.min(size, 65535) - 1 } : null;
  const data = { fileId: file.id, ownerId: file.ownerId, versionId, sha256, bytes: range ? range.end + 1 : size, range, downloadedBy };
  return [{ stream: `download-${file.id}`, type: 'FileDownloaded', data }];
}

export function deleteFile(user: UserState, file: FileState, at: string): EventDraft[] {
  removeFrom(user.files, file);
  const current = file.versions[file.versions.length - 1]!;
  const storedBytes = file.versions.reduce((total, version) => total + version.size, 0);
  const deleted: EventDraft = {
    stream: `file-${file.id}`,
    type: 'FileDeleted',
    data: {
      fileId: file.id,
      ownerId: file.ownerId,
      folderId: file.folderId,
      name: file.name,
      size: current.size,
      mimeType: file.mimeType,
      storedBytes,
      versionCount: file.versions.length,
      deletedAt: at,
      reason: 'deleted',
    },
  };
  const blobs = file.versions.map(({ sha256, versionId }) => ({
    stream: blobStream(sha256),
    type: 'BlobReleased',
    data: { sha256, fileId: file.id, versionId, releasedAt: at },
  }));
  return [deleted, released(entryClaim(file.ownerId, file.folderId, file.name), 'entry', file.name, file.ownerId), ...blobs];
}
