import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { FsBlobStore } from '../../../src/adapters/blobStore/fsBlobStore';
import { MemoryEventStore } from '../../../src/adapters/eventStore/memoryEventStore';
import { JsonLogger } from '../../../src/adapters/logger/jsonLogger';
import { fileAggregate, folderAggregate } from '../../../src/commands/aggregates';
import { NameClaims } from '../../../src/commands/claims/nameClaims';
import { EntryNames, entryClaimUsage } from '../../../src/commands/entries/entryNames';
import { BlobReferences } from '../../../src/commands/blobs/blobReferences';
import { DeleteFile } from '../../../src/commands/files/deleteFile';
import { ReplaceFileContent } from '../../../src/commands/files/replaceFileContent';
import { UploadFile } from '../../../src/commands/files/uploadFile';
import { CreateFolder } from '../../../src/commands/folders/createFolder';
import { DeleteFolder } from '../../../src/commands/folders/deleteFolder';
import { FolderTree } from '../../../src/commands/folders/folderTree';
import { UpdateFolder } from '../../../src/commands/folders/updateFolder';
import { UpdateFile } from '../../../src/commands/files/updateFile';
import { CommandPipeline } from '../../../src/commands/pipeline';

const ownerId = '11111111-1111-4111-8111-111111111111';
const metadata = { actor: ownerId };

/** A folder tree that lets a test run another write right after the first ancestry walk: the moment a racing move slips in. */
class RacingTree extends FolderTree {
  race: (() => Promise<unknown>) | null = null;

  override async lineage(owner: string, folderId: string | null) {
    const lineage = await super.lineage(owner, folderId);
    const race = this.race;
    this.race = null;
    if (race) await race();
    return lineage;
  }
}

function setup() {
  const pipeline = new CommandPipeline(new MemoryEventStore());
  const refuse = async () => false;
  const names = new EntryNames(new NameClaims(pipeline, { username: refuse, email: refuse, entry: entryClaimUsage(pipeline) }));
  const tree = new RacingTree(pipeline);
  const logger = new JsonLogger('silent');
  const create = new CreateFolder(pipeline, names, new FolderTree(pipeline), logger);
  const folder = async (name: string, parentId: string | null = null) => (await create.run(ownerId, { name, parentId }, metadata)).folderId;
  const parentOf = async (folderId: string) => (await pipeline.load(folderAggregate, folderId)).state.parentId;
  return { pipeline, names, tree, logger, folder, parentOf };
}

describe('moves checked against the event store, again after appending', () => {
  it('undoes the later of two moves that together form a cycle, with a 409', async () => {
    const { pipeline, names, tree, logger, folder, parentOf } = setup();
    const a = await folder('a');
    const b = await folder('b');
    const moves = new UpdateFolder(pipeline, names, tree, logger);
    // A's move into B checks B's ancestry (the root), then B moves into A before A's move is appended.
    tree.race = () =>
      pipeline.execute(folderAggregate, b, { type: 'UpdateFolder', actorId: ownerId, parentId: a, targetAncestors: [] }, metadata);
    await expect(moves.run(ownerId, a, { parentId: b }, metadata)).rejects.toMatchObject({ kind: 'conflict', field: 'parent_id' });
    expect(await parentOf(a)).toBeNull();
    expect(await parentOf(b)).toBe(a);
    // The undone move released the name it had claimed under B.
    expect(await names.holderOf({ ownerId, parentId: b, name: 'a' })).toBeNull();
    expect(await names.holderOf({ ownerId, parentId: null, name: 'a' })).toBe(a);
  });

  it('undoes a folder move into a folder deleted meanwhile, with a 404', async () => {
    const { pipeline, names, tree, logger, folder, parentOf } = setup();
    const target = await folder('target');
    const moving = await folder('moving');
    tree.race = () => pipeline.execute(folderAggregate, target, { type: 'DeleteFolder', actorId: ownerId, reason: 'deleted' }, metadata);
    await expect(
      new UpdateFolder(pipeline, names, tree, logger).run(ownerId, moving, { parentId: target }, metadata),
    ).rejects.toMatchObject({ kind: 'not_found' });
    expect(await parentOf(moving)).toBeNull();
  });

  it('undoes a file move into a folder deleted meanwhile, with a 404', async () => {
    const { pipeline, names, logger, folder } = setup();
    const target = await folder('target');
    const fileId = '22222222-2222-4222-8222-222222222222';
    await names.claim({ ownerId, parentId: null, name: 'f.txt' }, fileId, metadata);
    await pipeline.execute(
      fileAggregate,
      fileId,
      {
        type: 'UploadFile',
        fileId,
        ownerId,
        folderId: null,
        name: 'f.txt',
        versionId: '33333333-3333-4333-8333-333333333333',
        size: 1,
        sha256: 'a'.repeat(64),
        mimeType: 'text/plain',
      },
      metadata,
    );
    // The file move checks the target with requireFolder, then walks its lineage after appending.
    const tree = new (class extends FolderTree {
      override async requireFolder(owner: string, folderId: string | null) {
        await super.requireFolder(owner, folderId);
        await pipeline.execute(folderAggregate, target, { type: 'DeleteFolder', actorId: ownerId, reason: 'deleted' }, metadata);
      }
    })(pipeline);
    await expect(new UpdateFile(pipeline, names, tree, logger).run(ownerId, fileId, { folderId: target }, metadata)).rejects.toMatchObject({
      kind: 'not_found',
    });
    expect((await pipeline.load(fileAggregate, fileId)).state.folderId).toBeNull();
    expect(await names.holderOf({ ownerId, parentId: null, name: 'f.txt' })).toBe(fileId);
  });
});

describe('writes into a folder that is being deleted', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'filora-races-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  async function fileSetup(tree: FolderTree, pipeline: CommandPipeline, names: EntryNames, logger: JsonLogger) {
    const blobStore = await FsBlobStore.open({ root });
    const blobs = new BlobReferences(pipeline, blobStore);
    const deleteFile = new DeleteFile(pipeline, names, blobs, logger);
    const upload = new UploadFile(pipeline, names, tree, blobs, new ReplaceFileContent(pipeline, blobs, logger), deleteFile, logger);
    return { blobStore, blobs, deleteFile, upload };
  }

  it('undoes an upload that landed in a folder deleted after it was checked, leaving no file, name or content', async () => {
    const { pipeline, names, logger, folder } = setup();
    const target = await folder('target');
    const tree = new (class extends FolderTree {
      override async requireFolder(owner: string, folderId: string | null) {
        await super.requireFolder(owner, folderId);
        await pipeline.execute(folderAggregate, target, { type: 'DeleteFolder', actorId: ownerId, reason: 'deleted' }, metadata);
      }
    })(pipeline);
    const { blobStore, blobs, upload } = await fileSetup(tree, pipeline, names, logger);
    const blob = await blobs.store(Readable.from([Buffer.from('late')]), 1024);
    const into = { ownerId, folderId: target, name: 'late.txt', mimeType: 'text/plain', overwrite: false };
    await expect(upload.record(into, blob, metadata)).rejects.toMatchObject({ kind: 'not_found' });
    expect(await names.holderOf({ ownerId, parentId: target, name: 'late.txt' })).toBeNull();
    expect(await blobStore.stat(blob.key)).toBeNull();
  });

  it('deletes, after recording the folder deletion, what the first listing missed', async () => {
    const { pipeline, names, logger, folder } = setup();
    const target = await folder('target');
    const { upload, deleteFile, blobs } = await fileSetup(new FolderTree(pipeline), pipeline, names, logger);
    const blob = await blobs.store(Readable.from([Buffer.from('missed')]), 1024);
    const { fileId } = await upload.record(
      { ownerId, folderId: target, name: 'missed.txt', mimeType: 'text/plain', overwrite: false },
      blob,
      metadata,
    );
    // The read models had not caught up with the file when the folder was first listed.
    const listings = [
      { folders: [], files: [] },
      { folders: [], files: [fileId] },
    ];
    const contents = { children: async () => listings.shift() ?? { folders: [], files: [] } };
    await new DeleteFolder(pipeline, names, deleteFile, logger).run(ownerId, target, false, contents, metadata);
    const file = await pipeline.load(fileAggregate, fileId);
    expect(file.state.deleted).toBe(true);
    expect(listings).toEqual([]);
  });
});
