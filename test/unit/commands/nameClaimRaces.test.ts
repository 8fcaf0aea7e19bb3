import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileAggregate, folderAggregate } from '../../../src/commands/aggregates';
import type { LoadedClaim } from '../../../src/commands/claims/nameClaims';
import type { EntryKey } from '../../../src/commands/entries/entryNames';
import { EntryNames } from '../../../src/commands/entries/entryNames';
import type { EventMetadata } from '../../../src/ports/eventStore';
import { fileCommandKit, OWNER_ID as ownerId, owner, ownerMetadata as metadata } from '../../support/fileCommandKit';

const fileId = '22222222-2222-4222-8222-222222222222';
const otherId = '33333333-3333-4333-8333-333333333333';
const key = (name: string): EntryKey => ({ ownerId, parentId: null, name });

/** Entry names that let a test run another write at the moment a claim, a release or a holder lookup starts. */
class RacingNames extends EntryNames {
  beforeClaim: (() => Promise<unknown>) | null = null;
  beforeRelease: (() => Promise<unknown>) | null = null;
  afterHolderOf: (() => Promise<unknown>) | null = null;

  override async claim(entry: EntryKey, holderId: string, meta: EventMetadata, loaded?: LoadedClaim): Promise<LoadedClaim> {
    await take(this, 'beforeClaim');
    return super.claim(entry, holderId, meta, loaded);
  }

  override async releaseAsSeen(entry: EntryKey, holderId: string, seen: LoadedClaim, meta: EventMetadata): Promise<boolean> {
    await take(this, 'beforeRelease');
    return super.releaseAsSeen(entry, holderId, seen, meta);
  }

  override async holderOf(entry: EntryKey, loaded?: LoadedClaim): Promise<string | null> {
    const holder = await super.holderOf(entry, loaded);
    await take(this, 'afterHolderOf');
    return holder;
  }
}

async function take(names: RacingNames, hook: 'beforeClaim' | 'beforeRelease' | 'afterHolderOf') {
  const race = names[hook];
  names[hook] = null;
  if (race) await race();
}

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'filora-claims-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function setup() {
  let names: RacingNames | undefined;
  const kit = await fileCommandKit({
    blobRoot: root,
    names: (claims) => (names = new RacingNames(claims)),
    blobOptions: { collectionWaitMs: 200 },
  });
  return { ...kit, names: names! };
}

describe('entry names under concurrent writes of the same holder', () => {
  it('keeps the name of a file renamed back to it while the rename away was releasing it', async () => {
    const { names, upload, update, store } = await setup();
    const { fileId: file } = await upload.record(
      owner,
      { folderId: null, name: 'a.txt', mimeType: 'text/plain', overwrite: false },
      await store('a'),
      metadata,
    );
    // Rename a -> b has been recorded; before it releases "a", a second request renames the file back to "a".
    names.beforeRelease = () => update.run(owner, file, { name: 'a.txt' }, metadata);
    await update.run(owner, file, { name: 'b.txt' }, metadata);
    expect(await names.holderOf(key('a.txt'))).toBe(file);
    await expect(
      upload.record(owner, { folderId: null, name: 'a.txt', mimeType: 'text/plain', overwrite: false }, await store('dup'), metadata),
    ).rejects.toMatchObject({ kind: 'conflict', field: 'name' });
  });
  it('refuses a rename computed before a concurrent move of the same file, so no name is left unclaimed', async () => {
    const { pipeline, names, upload, update, store, createFolder } = await setup();
    const folder = (await createFolder.run(owner, { name: 'q', parentId: null }, metadata)).folderId;
    const { fileId: file } = await upload.record(
      owner,
      { folderId: null, name: 'a.txt', mimeType: 'text/plain', overwrite: false },
      await store('a'),
      metadata,
    );
    // The rename read the file at the root; before it claims root/b.txt, another request moves the file into q.
    names.beforeClaim = () => update.run(owner, file, { folderId: folder }, metadata);
    await expect(update.run(owner, file, { name: 'b.txt' }, metadata)).rejects.toMatchObject({ kind: 'conflict' });
    const { state } = await pipeline.load(fileAggregate, file);
    expect(await names.holderOf({ ownerId, parentId: state.folderId, name: state.name })).toBe(file);
    expect(await names.holderOf(key('b.txt'))).toBeNull();
  });

  it('refuses a folder rename computed before a concurrent move of the same folder', async () => {
    const { pipeline, names, createFolder: create, updateFolder: updates } = await setup();
    const target = (await create.run(owner, { name: 'target', parentId: null }, metadata)).folderId;
    const moving = (await create.run(owner, { name: 'docs', parentId: null }, metadata)).folderId;
    names.beforeClaim = () => updates.run(owner, moving, { parentId: target }, metadata);
    await expect(updates.run(owner, moving, { name: 'papers' }, metadata)).rejects.toMatchObject({ kind: 'conflict' });
    const { state } = await pipeline.load(folderAggregate, moving);
    expect(await names.holderOf({ ownerId, parentId: state.parentId, name: state.name })).toBe(moving);
  });
});

describe('concurrent overwrite uploads of one new name', () => {
  it('makes the later upload a new version of the file the earlier one is still creating, not a 409', async () => {
    const { pipeline, names, upload, store } = await setup();
    // The earlier upload has claimed the name and is about to append FileUploaded.
    await names.claim(key('shared.txt'), fileId, metadata);
    const first = await store('first');
    names.afterHolderOf = () =>
      pipeline.execute(
        fileAggregate,
        fileId,
        {
          type: 'UploadFile',
          fileId,
          ownerId,
          folderId: null,
          name: 'shared.txt',
          versionId: otherId,
          size: first.size,
          sha256: first.key,
          mimeType: 'text/plain',
        },
        metadata,
      );
    const outcome = await upload.record(
      owner,
      { folderId: null, name: 'shared.txt', mimeType: 'text/plain', overwrite: true },
      await store('second'),
      metadata,
    );
    expect(outcome).toMatchObject({ fileId, created: false });
    expect((await pipeline.load(fileAggregate, fileId)).state.versions).toHaveLength(2);
  });
});
