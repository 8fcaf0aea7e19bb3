import type { BlobStore } from '../ports/blobStore';
import type { EventStore } from '../ports/eventStore';
import type { Logger } from '../ports/logger';
import type { BlobReferenceOptions } from './blobs/blobReferences';
import { BlobReferences } from './blobs/blobReferences';
import type { NameClaims } from './claims/nameClaims';
import { EntryNames } from './entries/entryNames';
import { EntryPlacement } from './entries/entryPlacement';
import { DeleteFile } from './files/deleteFile';
import { RecordDownload } from './files/recordDownload';
import { ReplaceFileContent } from './files/replaceFileContent';
import type { StoredBytes, UploadAllowanceLimits } from './files/uploadAllowance';
import { UploadAllowance } from './files/uploadAllowance';
import { UpdateFile } from './files/updateFile';
import { UploadFile } from './files/uploadFile';
import { CreateFolder } from './folders/createFolder';
import type { FolderContents } from './folders/deleteFolder';
import { DeleteFolder } from './folders/deleteFolder';
import { FolderTree } from './folders/folderTree';
import { UpdateFolder } from './folders/updateFolder';
import type { CommandPipeline } from './pipeline';
import { ExpireShare } from './shares/expireShare';
import { RevokeShare } from './shares/revokeShare';
import { SharedStreams } from './shares/sharedStreams';
import { ShareResources } from './shares/shareResources';

/** The commands on files, folders and their content, wired together once. */
export interface FileCommands {
  blobs: BlobReferences;
  /** Who holds a name in a folder, as the write side's claims have it (not a lagging read model). */
  entryNames: EntryNames;
  /** The folder tree as the event store has it: which folders an actor may put entries into. */
  folderTree: FolderTree;
  uploadAllowance: UploadAllowance;
  uploadFile: UploadFile;
  replaceFileContent: ReplaceFileContent;
  updateFile: UpdateFile;
  deleteFile: DeleteFile;
  recordDownload: RecordDownload;
  createFolder: CreateFolder;
  updateFolder: UpdateFolder;
  deleteFolder: DeleteFolder;
  shareResources: ShareResources;
  revokeShare: RevokeShare;
  expireShare: ExpireShare;
}

/** What the file commands need from outside the write side: the read models' answers, and the limits. */
export interface FileCommandsSetup {
  folderContents: FolderContents;
  storedBytes: StoredBytes;
  upload: UploadAllowanceLimits;
  maxRecursiveDeleteEntries: number;
  blobOptions?: BlobReferenceOptions;
}

export function createFileCommands(
  pipeline: CommandPipeline,
  eventStore: EventStore,
  blobStore: BlobStore,
  claims: NameClaims,
  logger: Logger,
  setup: FileCommandsSetup,
): FileCommands {
  const names = new EntryNames(claims);
  const placement = new EntryPlacement(names, logger);
  const folders = new FolderTree(pipeline);
  const blobs = new BlobReferences(pipeline, blobStore, setup.blobOptions);
  const deleteFile = new DeleteFile(pipeline, placement, blobs, folders, logger);
  const replaceFileContent = new ReplaceFileContent(pipeline, blobs, folders, logger);
  const shared = new SharedStreams(pipeline, folders);
  return {
    blobs,
    entryNames: names,
    folderTree: folders,
    uploadAllowance: new UploadAllowance(setup.storedBytes, setup.upload),
    uploadFile: new UploadFile(pipeline, names, placement, folders, blobs, replaceFileContent, deleteFile, logger),
    replaceFileContent,
    updateFile: new UpdateFile(pipeline, placement, folders),
    deleteFile,
    recordDownload: new RecordDownload(eventStore),
    createFolder: new CreateFolder(pipeline, placement, folders),
    updateFolder: new UpdateFolder(pipeline, placement, folders),
    shareResources: new ShareResources(shared),
    revokeShare: new RevokeShare(shared),
    expireShare: new ExpireShare(shared),
    deleteFolder: new DeleteFolder(pipeline, placement, deleteFile, setup.folderContents, setup.maxRecursiveDeleteEntries, folders),
  };
}
