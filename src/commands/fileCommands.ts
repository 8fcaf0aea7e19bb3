import type { BlobStore } from '../ports/blobStore';
import type { EventStore } from '../ports/eventStore';
import type { Logger } from '../ports/logger';
import type { BlobReferenceOptions } from './blobs/blobReferences';
import { BlobReferences } from './blobs/blobReferences';
import type { NameClaims } from './claims/nameClaims';
import { EntryNames } from './entries/entryNames';
import { DeleteFile } from './files/deleteFile';
import { RecordDownload } from './files/recordDownload';
import { ReplaceFileContent } from './files/replaceFileContent';
import { UpdateFile } from './files/updateFile';
import { UploadFile } from './files/uploadFile';
import { CreateFolder } from './folders/createFolder';
import { DeleteFolder } from './folders/deleteFolder';
import { FolderTree } from './folders/folderTree';
import { UpdateFolder } from './folders/updateFolder';
import type { CommandPipeline } from './pipeline';

/** The commands on files, folders and their content, wired together once. */
export interface FileCommands {
  blobs: BlobReferences;
  uploadFile: UploadFile;
  replaceFileContent: ReplaceFileContent;
  updateFile: UpdateFile;
  deleteFile: DeleteFile;
  recordDownload: RecordDownload;
  createFolder: CreateFolder;
  updateFolder: UpdateFolder;
  deleteFolder: DeleteFolder;
}

export function createFileCommands(
  pipeline: CommandPipeline,
  eventStore: EventStore,
  blobStore: BlobStore,
  claims: NameClaims,
  logger: Logger,
  blobOptions: BlobReferenceOptions = {},
): FileCommands {
  const names = new EntryNames(claims);
  const folders = new FolderTree(pipeline);
  const blobs = new BlobReferences(pipeline, blobStore, blobOptions);
  const deleteFile = new DeleteFile(pipeline, names, blobs, logger);
  const replaceFileContent = new ReplaceFileContent(pipeline, blobs, logger);
  return {
    blobs,
    uploadFile: new UploadFile(pipeline, names, folders, blobs, replaceFileContent, deleteFile, logger),
    replaceFileContent,
    updateFile: new UpdateFile(pipeline, names, folders, logger),
    deleteFile,
    recordDownload: new RecordDownload(eventStore),
    createFolder: new CreateFolder(pipeline, names, folders, logger),
    updateFolder: new UpdateFolder(pipeline, names, folders, logger),
    deleteFolder: new DeleteFolder(pipeline, names, deleteFile, logger),
  };
}
