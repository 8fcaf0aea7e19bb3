import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { FsBlobStore } from '../../../src/adapters/blobStore/fsBlobStore';
import { MemoryEventStore } from '../../../src/adapters/eventStore/memoryEventStore';
import { claimAggregate, fileAggregate, folderAggregate } from '../../../src/commands/aggregates';
import { BlobReferences } from '../../../src/commands/blobs/blobReferences';
import { NameClaims } from '../../../src/commands/claims/nameClaims';
import type { LoadedClaim } from '../../../src/commands/claims/nameClaims';
import type { EntryKey } from '../../../src/commands/entries/entryNames';
import { EntryNames, entryClaimUsage } from '../../../src/commands/entries/entryNames';
import { EntryPlacement } from '../../../src/commands/entries/entryPlacement';
import { DeleteFile } from '../../../src/commands/files/deleteFile';
import { ReplaceFileContent } from '../../../src/commands/files/replaceFileContent';
import { UploadFile } from '../../../src/commands/files/uploadFile';
import { FolderTree } from '../../../src/commands/folders/folderTree';
import { CommandPipeline } from '../../../src/commands/pipeline';
import type { EventMetadata } from '../../../src/ports/eventStore';
import { fileCommandKit, OWNER_ID as ownerId, owner, ownerMetadata as metadata } from '../../support/fileCommandKit';
import { silentLogger } from '../../support/stores';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'filora-review-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const target = (name: string, folderId: string | null = null, overwrite = false) => ({ folderId, name, mimeType: 'text/plain', overwrite });
const claimKey = (name: string, parentId: string | null = null): EntryKey => ({ ownerId, parentId, name });
const noChildren = { children: async () => ({ folders: [], files: [] }), subtreeSize: async () => 0 };

/** Entry names that let a test run another write right after a claim. */
class RacingNames extends EntryNames {
  afterClaim: ((entry: EntryKey) => Promise<unknown>) | null = null;

  override async claim(entry: EntryKey, holderId: string, meta: EventMetadata, loaded?: LoadedClaim): Promise<LoadedClaim> {
    const claimed = await super.claim(entry, holderId, meta, loaded);
    const race = this.afterClaim;
    if (race) await race(entry);
    return claimed;
  }
}

/** An event store that runs another write just before the next append to a stream of a category. */
class RacingEventStore extends MemoryEventStore {
  private race: { category: string; run: () => Promise<unknown> } | null = null;

  beforeNextAppend(category: string, run: () => Promise<unknown>): void {
    this.race = { category, run };
  }

  override async append(...args: Parameters<MemoryEventStore['append']>) {
    const race = this.race;
    if (race && args[0].startsWith(`${race.category}-`)) {
      this.race = null;
      await race.run();
    }
    return super.append(...args);
  }
}

async function racingKit() {
  let names: RacingNames | undefined;
  let tree: FolderTree | undefined;
  const eventStore = new RacingEventStore();
  const kit = await fileCommandKit({
    blobRoot: root,
    eventStore,
    names: (claims) => (names = new RacingNames(claims)),
    tree: (pipeline) => (tree = new FolderTree(pipeline)),
  });
  const holder = async (key: EntryKey) =>
    (await kit.pipeline.load(claimAggregate, NameClaims.claimId('entry', `${key.ownerId}/${key.parentId ?? 'root'}/${key.name}`))).state
      .holderId;
  return { ...kit, eventStore, names: names!, tree: tree!, holder };
}

/** The upload commands over a pipeline whose clock the test moves. */
async function clockedUploadKit() {
  let now = new Date('2030-01-01T00:00:00Z').getTime();
  const eventStore = new MemoryEventStore();
  const pipeline = new CommandPipeline(eventStore, { now: () => new Date(now) });
  const refuse = async () => false;
  const claims = new NameClaims(pipeline, { username: refuse, email: refuse, entry: entryClaimUsage(pipeline) });
  const names = new EntryNames(claims);
  const logger = silentLogger();
  const placement = new EntryPlacement(names, logger);
  const tree = new FolderTree(pipeline);
  const blobStore = await FsBlobStore.open({ root });
  const blobs = new BlobReferences(pipeline, blobStore);
  const deleteFile = new DeleteFile(pipeline, placement, blobs, tree, logger);
  const replace = new ReplaceFileContent(pipeline, blobs, tree, logger);
  const upload = new UploadFile(pipeline, names, placement, tree, blobs, replace, deleteFile, logger);
  const store = (content: string) => blobs.store(Readable.from([Buffer.from(content)]), 1024);
  return {
    pipeline,
    upload,
    store,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('name claims under concurrent writes', () => {
  it('a slow upload does not take over the name of a file created while it was streaming (precheck claim is stale)', async () => {
    const kit = await clockedUploadKit();
    // The slow upload's precheck: the name is free.
    const plan = await kit.upload.precheck(owner, target('a.txt'));
    // While its content streams, another upload of the same name completes.
    kit.advance(1_000);
    const first = await kit.upload.record(owner, target('a.txt'), await kit.store('first'), metadata);
    // The slow upload finishes two minutes later (a large file).
    kit.advance(120_000);
    const second = kit.upload.record(owner, target('a.txt'), await kit.store('second'), metadata, plan);
    await expect(second).rejects.toMatchObject({ kind: 'conflict', field: 'name' });
    // Both files live, both named a.txt at the root, otherwise.
    expect((await kit.pipeline.load(fileAggregate, first.fileId)).state.deleted).toBe(false);
  });

  it('a slow upload with overwrite=true adds a version to the file created meanwhile instead of creating a second a.txt', async () => {
    const kit = await clockedUploadKit();
    const plan = await kit.upload.precheck(owner, target('a.txt', null, true));
    kit.advance(1_000);
    const first = await kit.upload.record(owner, target('a.txt'), await kit.store('first'), metadata);
    kit.advance(120_000);
    const second = await kit.upload.record(owner, target('a.txt', null, true), await kit.store('second'), metadata, plan);
    expect(second).toMatchObject({ fileId: first.fileId, created: false });
  });

  it('deleting a file renamed concurrently frees the name it had when it was deleted', async () => {
    const kit = await racingKit();
    const fileId = await kit.file('a.txt');
    // The rename lands after the delete loaded the file and before it appends.
    kit.eventStore.beforeNextAppend('file', () => kit.update.run(owner, fileId, { name: 'b.txt' }, metadata));
    await kit.deleteFile.run(owner, fileId, metadata);
    expect((await kit.pipeline.load(fileAggregate, fileId)).state).toMatchObject({ deleted: true, name: 'b.txt' });
    // b.txt is held by a deleted file: a new b.txt is refused with a 409 (until the claim is 60 s old).
    expect(await kit.holder(claimKey('b.txt'))).toBeNull();
    await expect(kit.file('b.txt')).resolves.toEqual(expect.any(String));
  });

  it('deleting a folder renamed concurrently frees the name it had when it was deleted', async () => {
    const kit = await racingKit();
    const folderId = await kit.folder('docs');
    kit.eventStore.beforeNextAppend('folder', () => kit.updateFolder.run(owner, folderId, { name: 'papers' }, metadata));
    await kit.deleteFolder(noChildren).run(owner, folderId, false, metadata);
    expect((await kit.pipeline.load(folderAggregate, folderId)).state).toMatchObject({ deleted: true, name: 'papers' });
    expect(await kit.holder(claimKey('papers'))).toBeNull();
    await expect(kit.folder('papers')).resolves.toEqual(expect.any(String));
  });

  it('a failed rename does not release a name its entry was moved back to by another request’s undo', async () => {
    const kit = await racingKit();
    const fileId = await kit.file('a.txt');
    const folderId = await kit.folder('docs');
    let r2: Promise<unknown> | null = null;
    let r2Claimed!: () => void;
    const r2HasClaimed = new Promise<void>((resolve) => (r2Claimed = resolve));
    let r1Done!: () => void;
    const r1Finished = new Promise<void>((resolve) => (r1Done = resolve));
    // R1 moves the file into docs; docs is deleted before R1 verifies, so R1 moves the file back to the root.
    const verify = kit.tree.verifyParentLive.bind(kit.tree);
    kit.tree.verifyParentLive = async (id) => {
      if (id !== folderId) return verify(id);
      kit.tree.verifyParentLive = verify;
      await kit.pipeline.execute(folderAggregate, folderId, { type: 'DeleteFolder', actor: owner, reason: 'deleted' }, metadata);
      // R2, reading the file in docs, moves it back to the root: it re-claims root/a.txt, then waits for R1's undo.
      kit.names.afterClaim = async (entry) => {
        if (entry.parentId !== null) return;
        kit.names.afterClaim = null;
        r2Claimed();
        await r1Finished;
      };
      r2 = kit.update.run(owner, fileId, { folderId: null }, metadata).catch((error: unknown) => error);
      await r2HasClaimed;
      return verify(id);
    };
    await expect(kit.update.run(owner, fileId, { folderId }, metadata)).rejects.toMatchObject({ kind: 'not_found' });
    r1Done();
    // R2's move finds the file already back at the root (expectedPlace conflict) and compensates its claim.
    await r2;
    expect((await kit.pipeline.load(fileAggregate, fileId)).state).toMatchObject({ deleted: false, folderId: null, name: 'a.txt' });
    expect(await kit.holder(claimKey('a.txt'))).toBe(fileId);
    await expect(kit.file('a.txt')).rejects.toMatchObject({ kind: 'conflict' });
  });
});
