import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { FsBlobStore } from '../../../src/adapters/blobStore/fsBlobStore';
import { MemoryEventStore } from '../../../src/adapters/eventStore/memoryEventStore';
import { blobAggregate } from '../../../src/commands/aggregates';
import { BlobReferences, blobStreamId, BlobUnavailableError } from '../../../src/commands/blobs/blobReferences';
import { CommandPipeline } from '../../../src/commands/pipeline';

const fileA = '11111111-1111-4111-8111-111111111111';
const fileB = '22222222-2222-4222-8222-222222222222';
const version = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const metadata = {};

let root: string;
let blobStore: FsBlobStore;
let pipeline: CommandPipeline;
let blobs: BlobReferences;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'filora-refs-'));
  blobStore = await FsBlobStore.open({ root });
  pipeline = new CommandPipeline(new MemoryEventStore());
  blobs = new BlobReferences(pipeline, blobStore, { collectionWaitMs: 200 });
});
afterEach(() => rm(root, { recursive: true, force: true }));

const store = (content: string) => blobs.store(Readable.from([Buffer.from(content)]), 1024);
const phase = async (sha256: string) => (await pipeline.load(blobAggregate, blobStreamId(sha256))).state;

describe('blob references and collection', () => {
  it('deletes content only once its last reference is released', async () => {
    const blob = await store('shared');
    await blobs.reference(blob, fileA, version(1), metadata);
    await blobs.reference(blob, fileB, version(2), metadata);
    await blobs.release(blob.key, fileA, version(1), metadata);
    expect(await blobs.collect(blob.key, metadata)).toBe(false);
    expect(await blobStore.stat(blob.key)).not.toBeNull();
    await blobs.release(blob.key, fileB, version(2), metadata);
    expect(await blobs.collect(blob.key, metadata)).toBe(true);
    expect(await blobStore.stat(blob.key)).toBeNull();
    expect((await phase(blob.key)).phase).toBe('collected');
  });

  it('keeps content released less than the grace period ago', async () => {
    const blob = await store('recent');
    await blobs.reference(blob, fileA, version(1), metadata);
    await blobs.release(blob.key, fileA, version(1), metadata);
    expect(await blobs.collect(blob.key, metadata, 60_000)).toBe(false);
    expect(await blobStore.stat(blob.key)).not.toBeNull();
  });

  it('revives collected content that an upload stored again', async () => {
    const blob = await store('again');
    expect(await blobs.collect(blob.key, metadata)).toBe(true);
    expect(await blobStore.stat(blob.key)).toBeNull();
    const again = await store('again');
    await blobs.reference(again, fileA, version(1), metadata);
    expect((await phase(blob.key)).holders).toEqual([`${fileA}:${version(1)}`]);
  });

  it('refuses a reference whose content a collection deleted after the upload stored it, and releases it', async () => {
    const blob = await store('raced');
    // The upload stored (found) the content, then a collector deleted it before the upload referenced it.
    expect(await blobs.collect(blob.key, metadata)).toBe(true);
    await expect(blobs.reference(blob, fileA, version(1), metadata)).rejects.toBeInstanceOf(BlobUnavailableError);
    expect((await phase(blob.key)).holders).toEqual([]);
  });

  it('makes a reference wait while a collection runs, and refuses it if the content is gone afterwards', async () => {
    const blob = await store('waiting');
    await pipeline.execute(
      blobAggregate,
      blobStreamId(blob.key),
      { type: 'StartCollection', sha256: blob.key, graceMs: 0, takeOverAfterMs: 3_600_000 },
      metadata,
    );
    const referencing = blobs.reference(blob, fileA, version(1), metadata);
    await blobStore.delete(blob.key);
    await pipeline.execute(blobAggregate, blobStreamId(blob.key), { type: 'FinishCollection', sha256: blob.key }, metadata);
    await expect(referencing).rejects.toBeInstanceOf(BlobUnavailableError);
  });

  it('gives up waiting on a collection that does not finish', async () => {
    const blob = await store('stuck');
    await pipeline.execute(
      blobAggregate,
      blobStreamId(blob.key),
      { type: 'StartCollection', sha256: blob.key, graceMs: 0, takeOverAfterMs: 3_600_000 },
      metadata,
    );
    await expect(blobs.reference(blob, fileA, version(1), metadata)).rejects.toBeInstanceOf(BlobUnavailableError);
    // A second collector does not delete while the first one is within its time.
    expect(await blobs.collect(blob.key, metadata)).toBe(false);
    expect(await blobStore.stat(blob.key)).not.toBeNull();
  });
});
