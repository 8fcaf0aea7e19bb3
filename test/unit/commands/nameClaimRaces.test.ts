import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { FsBlobStore } from '../../../src/adapters/blobStore/fsBlobStore';
import { MemoryEventStore } from '../../../src/adapters/eventStore/memoryEventStore';
import { fileAggregate, folderAggregate } from '../../../src/commands/aggregates';
import { BlobReferences } from '../../../src/commands/blobs/blobReferences';
import { NameClaims } from '../../../src/commands/claims/nameClaims';
import type { EntryKey } from '../../../src/commands/entries/entryNames';
import { EntryNames, entryClaimUsage } from '../../../src/commands/entries/entryNames';
import { DeleteFile } from '../../../src/commands/files/deleteFile';
import { ReplaceFileContent } from '../../../src/commands/files/replaceFileContent';
import { UpdateFile } from '../../../src/commands/files/updateFile';
import { UploadFile } from '../../../src/commands/files/uploadFile';
import { CreateFolder } from '../../../src/commands/folders/createFolder';
import { FolderTree } from '../../../src/commands/folders/folderTree';
import { UpdateFolder } from '../../../src/commands/folders/updateFolder';
import { CommandPipeline } from '../../../src/commands/pipeline';
import type { EventMetadata } from '../../../src/ports/eventStore';
import { silentLogger } from '../../support/stores';

const ownerId = '11111111-1111-4111-8111-111111111111';
const fileId = '22222222-2222-4222-8222-222222222222';
const otherId = '33333333-3333-4333-8333-333333333333';
const metadata = { actor: ownerId };
const key = (name: string): EntryKey => ({ ownerId, parentId: null, name });

/** Entry names that let a test run another write at the moment a release or a holder lookup starts. */
class RacingNames extends EntryNames {
  beforeClaim: (() => Promise<unknown>) | null = null;
  beforeRelease: (() => Promise<unknown>) | null = null;

  override async claim(entry: EntryKey, holderId: string, meta: EventMetadata): Promise<void> {
    const race = this.beforeClaim;
    this.beforeClaim = null;
    if (race) await race();
    return super.claim(entry, holderId, meta);
  }
  afterHolderOf: (() => Promise<unknown>) | null = null;

  override async release(entry: EntryKey, holderId: string, meta: EventMetadata): Promise<void> {
    const race = this.beforeRelease;
    this.beforeRelease = null;
    if (race) await race();
    return super.release(entry, holderId, meta);
  }

  override async holderOf(entry: EntryKey): Promise<string | null> {
    const holder = await super.holderOf(entry);
    const race = this.afterHolderOf;
    this.afterHolderOf = null;
    if (race) await race();
    return holder;
  }
}

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'filora-claims-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function setup() {
  const pipeline = new CommandPipeline(new MemoryEventStore());
  const refuse = async () => false;
  const names = new RacingNames(new NameClaims(pipeline, { username: refuse, email: refuse, entry: entryClaimUsage(pipeline) }));
  const logger = silentLogger();
  const folders = new FolderTree(pipeline);
  const blobs = new BlobReferences(pipeline, await FsBlobStore.open({ root }), { collectionWaitMs: 200 });
  const replace = new ReplaceFileContent(pipeline, blobs, logger);
  const upload = new UploadFile(pipeline, names, folders, blobs, replace, new DeleteFile(pipeline, names, blobs, logger), logger);
  const update = new UpdateFile(pipeline, names, folders, logger);
  const store = (content: string) => blobs.store(Readable.from([Buffer.from(content)]), 1024);
  return { pipeline, names, upload, update, store };
}

describe('entry names under concurrent writes of the same holder', () => {
  it('keeps the name of a file renamed back to it while the rename away was releasing it', async () => {
    const { names, upload, update, store } = await setup();
    const { fileId: file } = await upload.record(
      { ownerId, folderId: null, name: 'a.txt', mimeType: 'text/plain', overwrite: false },
      await store('a'),
      metadata,
    );
    // Rename a -> b has been recorded; before it releases "a", a second request renames the file back to "a".
    names.beforeRelease = () => update.run(ownerId, file, { name: 'a.txt' }, metadata);
    await update.run(ownerId, file, { name: 'b.txt' }, metadata);
    expect(await names.holderOf(key('a.txt'))).toBe(file);
    await expect(
      upload.record({ ownerId, folderId: null, name: 'a.txt', mimeType: 'text/plain', overwrite: false }, await store('dup'), metadata),
    ).rejects.toMatchObject({ kind: 'conflict', field: 'name' });
  });
  it('refuses a rename computed before a concurrent move of the same file, so no name is left unclaimed', async () => {
    const { pipeline, names, upload, update, store } = await setup();
    const folder = (
      await new CreateFolder(pipeline, names, new FolderTree(pipeline), silentLogger()).run(
        ownerId,
        { name: 'q', parentId: null },
        metadata,
      )
    ).folderId;
    const { fileId: file } = await upload.record(
      { ownerId, folderId: null, name: 'a.txt', mimeType: 'text/plain', overwrite: false },
      await store('a'),
      metadata,
    );
    // The rename read the file at the root; before it claims root/b.txt, another request moves the file into q.
    names.beforeClaim = () => update.run(ownerId, file, { folderId: folder }, metadata);
    await expect(update.run(ownerId, file, { name: 'b.txt' }, metadata)).rejects.toMatchObject({ kind: 'conflict' });
    const { state } = await pipeline.load(fileAggregate, file);
    expect(await names.holderOf({ ownerId, parentId: state.folderId, name: state.name })).toBe(file);
    expect(await names.holderOf(key('b.txt'))).toBeNull();
  });

  it('refuses a folder rename computed before a concurrent move of the same folder', async () => {
    const { pipeline, names } = await setup();
    const create = new CreateFolder(pipeline, names, new FolderTree(pipeline), silentLogger());
    const target = (await create.run(ownerId, { name: 'target', parentId: null }, metadata)).folderId;
    const moving = (await create.run(ownerId, { name: 'docs', parentId: null }, metadata)).folderId;
    const updates = new UpdateFolder(pipeline, names, new FolderTree(pipeline), silentLogger());
    names.beforeClaim = () => updates.run(ownerId, moving, { parentId: target }, metadata);
    await expect(updates.run(ownerId, moving, { name: 'papers' }, metadata)).rejects.toMatchObject({ kind: 'conflict' });
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
      { ownerId, folderId: null, name: 'shared.txt', mimeType: 'text/plain', overwrite: true },
      await store('second'),
      metadata,
    );
    expect(outcome).toMatchObject({ fileId, created: false });
    expect((await pipeline.load(fileAggregate, fileId)).state.versions).toHaveLength(2);
  });
});
