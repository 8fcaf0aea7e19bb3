import { Readable } from 'node:stream';
import { FsBlobStore } from '../../src/adapters/blobStore/fsBlobStore';
import { MemoryEventStore } from '../../src/adapters/eventStore/memoryEventStore';
import type { BlobReferenceOptions } from '../../src/commands/blobs/blobReferences';
import { BlobReferences } from '../../src/commands/blobs/blobReferences';
import { NameClaims } from '../../src/commands/claims/nameClaims';
import { EntryNames, entryClaimUsage } from '../../src/commands/entries/entryNames';
import { EntryPlacement } from '../../src/commands/entries/entryPlacement';
import { DeleteFile } from '../../src/commands/files/deleteFile';
import { ReplaceFileContent } from '../../src/commands/files/replaceFileContent';
import { UpdateFile } from '../../src/commands/files/updateFile';
import { UploadFile } from '../../src/commands/files/uploadFile';
import { CreateFolder } from '../../src/commands/folders/createFolder';
import type { FolderContents } from '../../src/commands/folders/deleteFolder';
import { DeleteFolder } from '../../src/commands/folders/deleteFolder';
import { FolderTree } from '../../src/commands/folders/folderTree';
import { UpdateFolder } from '../../src/commands/folders/updateFolder';
import { CommandPipeline } from '../../src/commands/pipeline';
import { ExpireShare } from '../../src/commands/shares/expireShare';
import { RevokeShare } from '../../src/commands/shares/revokeShare';
import { SharedStreams } from '../../src/commands/shares/sharedStreams';
import { ShareResources } from '../../src/commands/shares/shareResources';
import type { Actor } from '../../src/domain/access/accessPolicy';
import { ALL_SCOPES } from '../../src/domain/access/scopes';
import type { EventStore } from '../../src/ports/eventStore';
import { silentLogger } from './stores';

export const OWNER_ID = '11111111-1111-4111-8111-111111111111';
export const owner: Actor = { userId: OWNER_ID, scopes: ALL_SCOPES };
export const ownerMetadata = { actor: OWNER_ID };

export interface KitOptions {
  blobRoot: string;
  eventStore?: EventStore;
  /** Replace entry names or the folder tree with subclasses that let a test slip a racing write in. */
  names?: (claims: NameClaims) => EntryNames;
  tree?: (pipeline: CommandPipeline) => FolderTree;
  blobOptions?: BlobReferenceOptions;
  /** The clock the commands decide and check access with. */
  now?: () => Date;
}

/** The file and folder commands wired over a memory event store and a blob store in `blobRoot`, for command tests. */
export async function fileCommandKit(options: KitOptions) {
  const eventStore = options.eventStore ?? new MemoryEventStore();
  const pipeline = new CommandPipeline(eventStore, { now: options.now });
  const refuse = async () => false;
  const claims = new NameClaims(pipeline, { username: refuse, email: refuse, entry: entryClaimUsage(pipeline) });
  const names = options.names ? options.names(claims) : new EntryNames(claims);
  const tree = options.tree ? options.tree(pipeline) : new FolderTree(pipeline);
  const logger = silentLogger();
  const placement = new EntryPlacement(names, logger);
  const blobStore = await FsBlobStore.open({ root: options.blobRoot });
  const blobs = new BlobReferences(pipeline, blobStore, options.blobOptions);
  const deleteFile = new DeleteFile(pipeline, placement, blobs, tree, logger);
  const replace = new ReplaceFileContent(pipeline, blobs, tree, logger);
  const upload = new UploadFile(pipeline, names, placement, tree, blobs, replace, deleteFile, logger);
  const update = new UpdateFile(pipeline, placement, tree);
  const createFolder = new CreateFolder(pipeline, placement, tree);
  const updateFolder = new UpdateFolder(pipeline, placement, tree);
  const deleteFolder = (contents: FolderContents, maxEntries = 10_000) =>
    new DeleteFolder(pipeline, placement, deleteFile, contents, maxEntries, tree);
  const shared = new SharedStreams(pipeline, tree);
  const shareResources = new ShareResources(shared);
  const revokeShare = new RevokeShare(shared);
  const expireShare = new ExpireShare(shared);
  const store = (content: string) => blobs.store(Readable.from([Buffer.from(content)]), 1024);
  const folder = async (name: string, parentId: string | null = null) =>
    (await createFolder.run(owner, { name, parentId }, ownerMetadata)).folderId;
  const file = async (name: string, folderId: string | null = null) =>
    (await upload.record(owner, { folderId, name, mimeType: 'text/plain', overwrite: false }, await store(name), ownerMetadata)).fileId;
  return {
    eventStore,
    pipeline,
    claims,
    names,
    tree,
    placement,
    blobStore,
    blobs,
    deleteFile,
    replace,
    upload,
    update,
    createFolder,
    updateFolder,
    deleteFolder,
    shareResources,
    revokeShare,
    expireShare,
    store,
    folder,
    file,
  };
}
