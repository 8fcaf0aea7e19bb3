import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileAggregate, folderAggregate } from '../../../src/commands/aggregates';
import type { LoadedStream } from '../../../src/commands/pipeline';
import { FolderTree } from '../../../src/commands/folders/folderTree';
import type { Actor } from '../../../src/domain/access/accessPolicy';
import type { FolderState } from '../../../src/domain/folder/folderDecider';
import { fileCommandKit, OWNER_ID as ownerId, owner, ownerMetadata as metadata } from '../../support/fileCommandKit';

/** A folder tree that lets a test run another write right after the first ancestry walk: the moment a racing move slips in. */
class RacingTree extends FolderTree {
  race: (() => Promise<unknown>) | null = null;

  override async lineage(folderId: string | null, first?: LoadedStream<FolderState>) {
    const lineage = await super.lineage(folderId, first);
    await this.runRace();
    return lineage;
  }

  override async requireWritable(actor: Actor, folderId: string | null) {
    const folder = await super.requireWritable(actor, folderId);
    await this.runRace();
    return folder;
  }

  private async runRace() {
    const race = this.race;
    this.race = null;
    if (race) await race();
  }
}

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'filora-races-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function setup() {
  let tree: RacingTree | undefined;
  const kit = await fileCommandKit({ blobRoot: root, tree: (pipeline) => (tree = new RacingTree(pipeline)) });
  const parentOf = async (folderId: string) => (await kit.pipeline.load(folderAggregate, folderId)).state.parentId;
  const deleteNow = (folderId: string) => () =>
    kit.pipeline.execute(folderAggregate, folderId, { type: 'DeleteFolder', actor: owner, reason: 'deleted' }, metadata);
  return { ...kit, tree: tree!, parentOf, deleteNow };
}

describe('moves checked against the event store, again after appending', () => {
  it('undoes the later of two moves that together form a cycle, with a 409', async () => {
    const { pipeline, names, tree, folder, parentOf, updateFolder } = await setup();
    const a = await folder('a');
    const b = await folder('b');
    // A's move into B checks B's ancestry (the root), then B moves into A before A's move is appended.
    tree.race = () =>
      pipeline.execute(folderAggregate, b, { type: 'UpdateFolder', actor: owner, parentId: a, targetAncestors: [] }, metadata);
    await expect(updateFolder.run(owner, a, { parentId: b }, metadata)).rejects.toMatchObject({ kind: 'conflict', field: 'parent_id' });
    expect(await parentOf(a)).toBeNull();
    expect(await parentOf(b)).toBe(a);
    // The undone move released the name it had claimed under B.
    expect(await names.holderOf({ ownerId, parentId: b, name: 'a' })).toBeNull();
    expect(await names.holderOf({ ownerId, parentId: null, name: 'a' })).toBe(a);
  });

  it('undoes a folder move into a folder deleted meanwhile, with a 404', async () => {
    const { tree, folder, parentOf, deleteNow, updateFolder } = await setup();
    const target = await folder('target');
    const moving = await folder('moving');
    tree.race = deleteNow(target);
    await expect(updateFolder.run(owner, moving, { parentId: target }, metadata)).rejects.toMatchObject({ kind: 'not_found' });
    expect(await parentOf(moving)).toBeNull();
  });

  it('undoes a file move into a folder deleted meanwhile, with a 404', async () => {
    const { pipeline, names, tree, folder, file, deleteNow, update } = await setup();
    const target = await folder('target');
    const fileId = await file('f.txt');
    // The file move checks the target, then the target is deleted before the move is appended.
    tree.race = deleteNow(target);
    await expect(update.run(owner, fileId, { folderId: target }, metadata)).rejects.toMatchObject({ kind: 'not_found' });
    expect((await pipeline.load(fileAggregate, fileId)).state.folderId).toBeNull();
    expect(await names.holderOf({ ownerId, parentId: null, name: 'f.txt' })).toBe(fileId);
    expect(await names.holderOf({ ownerId, parentId: target, name: 'f.txt' })).toBeNull();
  });
});

describe('writes into a folder that is being deleted', () => {
  it('undoes an upload that landed in a folder deleted after it was checked, leaving no file, name or content', async () => {
    const { names, tree, folder, deleteNow, upload, store, blobStore } = await setup();
    const target = await folder('target');
    tree.race = deleteNow(target);
    const blob = await store('late');
    const into = { folderId: target, name: 'late.txt', mimeType: 'text/plain', overwrite: false };
    await expect(upload.record(owner, into, blob, metadata)).rejects.toMatchObject({ kind: 'not_found' });
    expect(await names.holderOf({ ownerId, parentId: target, name: 'late.txt' })).toBeNull();
    expect(await blobStore.stat(blob.key)).toBeNull();
  });

  it('deletes, after recording the folder deletion, what the first listing missed', async () => {
    const { pipeline, folder, file, deleteFolder } = await setup();
    const target = await folder('target');
    const fileId = await file('missed.txt', target);
    // The read models had not caught up with the file when the folder was first listed.
    const listings = [
      { folders: [], files: [] },
      { folders: [], files: [fileId] },
    ];
    const contents = { children: async () => listings.shift() ?? { folders: [], files: [] }, subtreeSize: async () => 0 };
    await deleteFolder(contents).run(owner, target, false, metadata);
    expect((await pipeline.load(fileAggregate, fileId)).state.deleted).toBe(true);
    expect(listings).toEqual([]);
  });

  it('refuses a recursive delete of more entries than the bound, deleting nothing', async () => {
    const { pipeline, folder, deleteFolder } = await setup();
    const target = await folder('target');
    const contents = {
      children: async () => ({ folders: [], files: [] }),
      subtreeSize: async (_o: string, _f: string, cap: number) => cap + 1,
    };
    await expect(deleteFolder(contents, 3).run(owner, target, true, metadata)).rejects.toMatchObject({
      kind: 'conflict',
      field: 'recursive',
    });
    expect((await pipeline.load(folderAggregate, target)).state.deleted).toBe(false);
  });
});
