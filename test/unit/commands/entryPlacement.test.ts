import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { folderAggregate } from '../../../src/commands/aggregates';
import { commandSpec } from '../../support/commandSpec';
import { owner, ownerMetadata as metadata } from '../../support/fileCommandKit';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'filora-placement-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const upload = (name: string, folderId: string | null = null) => ({ folderId, name, mimeType: 'text/plain', overwrite: false });

/** What each multi-stream command appends, in order, and what it reads: every stream once per attempt, except the verify step. */
describe('commands that span streams', () => {
  it('uploads at the root: claim, reference, create; reads the claim once (in the precheck) and the blob stream once', async () => {
    const spec = await commandSpec({ blobRoot: root });
    const blob = await spec.given((kit) => kit.store('hello'));
    await spec.when(async ({ upload: uploads }) => {
      const plan = await uploads.precheck(owner, upload('a.txt'));
      return uploads.record(owner, upload('a.txt'), blob, metadata, plan);
    });
    spec.thenAppended([
      ['claim', 'NameClaimed'],
      ['blob', 'BlobReferenced'],
      ['file', 'FileUploaded'],
    ]);
    spec.thenRead({ claim: 1, blob: 1 });
  });

  it('uploads into a folder: checks the folder before the content streams and again before recording, and verifies it after', async () => {
    const spec = await commandSpec({ blobRoot: root });
    const [folderId, blob] = await spec.given(async (kit) => [await kit.folder('docs'), await kit.store('hello')] as const);
    await spec.when(async ({ upload: uploads }) => {
      const plan = await uploads.precheck(owner, upload('a.txt', folderId));
      return uploads.record(owner, upload('a.txt', folderId), blob, metadata, plan);
    });
    spec.thenAppended([
      ['claim', 'NameClaimed'],
      ['blob', 'BlobReferenced'],
      ['file', 'FileUploaded'],
    ]);
    spec.thenRead({ folder: 3, claim: 1, blob: 1 });
  });

  it('renames: claims the new name, renames, releases the old name as it was read before', async () => {
    const spec = await commandSpec({ blobRoot: root });
    const fileId = await spec.given((kit) => kit.file('a.txt'));
    await spec.when((kit) => kit.update.run(owner, fileId, { name: 'b.txt' }, metadata));
    spec.thenAppended([
      ['claim', 'NameClaimed'],
      ['file', 'FileRenamed'],
      ['claim', 'NameReleased'],
    ]);
    spec.thenRead({ file: 1, claim: 2 });
  });

  it('moves a file into a folder: checks the target, moves, verifies the target, releases the old name', async () => {
    const spec = await commandSpec({ blobRoot: root });
    const [fileId, folderId] = await spec.given(async (kit) => [await kit.file('a.txt'), await kit.folder('docs')] as const);
    await spec.when((kit) => kit.update.run(owner, fileId, { folderId }, metadata));
    spec.thenAppended([
      ['claim', 'NameClaimed'],
      ['file', 'FileMoved'],
      ['claim', 'NameReleased'],
    ]);
    spec.thenRead({ file: 1, folder: 2, claim: 2 });
  });

  it('changes only the description without touching any claim', async () => {
    const spec = await commandSpec({ blobRoot: root });
    const fileId = await spec.given((kit) => kit.file('a.txt'));
    await spec.when((kit) => kit.update.run(owner, fileId, { description: 'notes' }, metadata));
    spec.thenAppended([['file', 'FileMetadataChanged']]);
    spec.thenRead({ file: 1 });
  });

  it('creates a folder at the root without reading its new stream', async () => {
    const spec = await commandSpec({ blobRoot: root });
    await spec.when((kit) => kit.createFolder.run(owner, { name: 'docs', parentId: null }, metadata));
    spec.thenAppended([
      ['claim', 'NameClaimed'],
      ['folder', 'FolderCreated'],
    ]);
    spec.thenRead({ claim: 1 });
  });

  it('deletes a file: records the deletion, then frees its name and its content', async () => {
    const spec = await commandSpec({ blobRoot: root });
    const fileId = await spec.given((kit) => kit.file('a.txt'));
    await spec.when((kit) => kit.deleteFile.run(owner, fileId, metadata));
    spec.thenAppended([
      ['file', 'FileDeleted'],
      ['claim', 'NameReleased'],
      ['blob', 'BlobReleased'],
      ['blob', 'BlobCollectionStarted'],
      ['blob', 'BlobCollected'],
    ]);
  });

  it('refuses a rename to a name another entry holds, appending nothing', async () => {
    const spec = await commandSpec({ blobRoot: root });
    const fileId = await spec.given(async (kit) => {
      await kit.folder('b.txt');
      return kit.file('a.txt');
    });
    await spec.when((kit) => kit.update.run(owner, fileId, { name: 'B.TXT' }, metadata));
    spec.thenFails('conflict');
  });

  it('refuses an upload into a deleted folder in the precheck, before any content is stored', async () => {
    const spec = await commandSpec({ blobRoot: root });
    const folderId = await spec.given(async (kit) => {
      const id = await kit.folder('gone');
      await kit
        .deleteFolder({ children: async () => ({ folders: [], files: [] }), subtreeSize: async () => 0 })
        .run(owner, id, false, metadata);
      return id;
    });
    await spec.when((kit) => kit.upload.precheck(owner, upload('a.txt', folderId)));
    spec.thenFails('not_found');
  });

  it('undoes a folder created under a parent deleted meanwhile, and gives its name back', async () => {
    const spec = await commandSpec({ blobRoot: root });
    const parentId = await spec.given((kit) => kit.folder('parent'));
    await spec.when(async (kit) => {
      // The parent goes between the check and the verify: the new folder's append lands after the deletion.
      const verify = kit.tree.verifyParentLive.bind(kit.tree);
      kit.tree.verifyParentLive = async (id) => {
        await kit.pipeline.execute(folderAggregate, parentId, { type: 'DeleteFolder', actor: owner, reason: 'deleted' }, metadata);
        return verify(id);
      };
      return kit.createFolder.run(owner, { name: 'child', parentId }, metadata);
    });
    spec.thenFails('not_found', [
      ['claim', 'NameClaimed'],
      ['folder', 'FolderCreated'],
      ['folder', 'FolderDeleted'],
      ['folder', 'FolderDeleted'],
      ['claim', 'NameReleased'],
    ]);
  });
});
