import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { BlobStore, ByteRange } from '../../src/ports/blobStore';
import { BlobNotFoundError, BlobTooLargeError, InvalidRangeError } from '../../src/ports/errors';

/** What a runner gives the suite: the store plus a way to look behind it that the port does not offer. */
export interface BlobStoreHarness {
  store: BlobStore;
  /** Everything the adapter holds that is not a complete blob (temporary files, orphan chunks). */
  leftovers(): Promise<string[]>;
  /** How many blobs are stored under a key. */
  storedBlobCount(): Promise<number>;
  dispose(): Promise<void>;
}

const HELLO = 'hello world';
const HELLO_SHA256 = 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9';
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const KiB = 1024;
const MiB = 1024 * KiB;
/** GridFS's default chunk size; ranges around it cross chunk boundaries. */
const GRIDFS_CHUNK = 255 * KiB;

/** A byte sequence that is cheap to regenerate at any offset, so large contents are never held whole. */
function patternByte(offset: number): number {
  return (offset * 31 + (offset >>> 9)) & 0xff;
}

function* patternChunks(start: number, end: number, chunkSize = 64 * KiB): Generator<Buffer> {
  for (let from = start; from < end; from += chunkSize) {
    const chunk = Buffer.allocUnsafe(Math.min(chunkSize, end - from));
    for (let i = 0; i < chunk.length; i += 1) chunk[i] = patternByte(from + i);
    yield chunk;
  }
}

function patternSource(size: number): Readable {
  return Readable.from(patternChunks(0, size), { objectMode: false });
}

function patternBytes(start: number, endExclusive: number): Buffer {
  return Buffer.concat([...patternChunks(start, endExclusive)]);
}

function patternSha256(size: number): string {
  const hash = createHash('sha256');
  for (const chunk of patternChunks(0, size)) hash.update(chunk);
  return hash.digest('hex');
}

/** Emits `bytesBeforeFailure` bytes, then fails as a dropped client connection would. */
function failingSource(bytesBeforeFailure: number, failure: Error): Readable {
  async function* produce(): AsyncGenerator<Buffer> {
    yield* patternChunks(0, bytesBeforeFailure);
    throw failure;
  }
  return Readable.from(produce(), { objectMode: false });
}

function textSource(...parts: string[]): Readable {
  return Readable.from(
    parts.map((part) => Buffer.from(part)),
    { objectMode: false },
  );
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function streamSha256(stream: Readable): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

export function describeBlobStoreContract(adapterName: string, createHarness: () => Promise<BlobStoreHarness>): void {
  describe(`BlobStore contract: ${adapterName}`, () => {
    let harness: BlobStoreHarness;
    let store: BlobStore;

    beforeEach(async () => {
      harness = await createHarness();
      store = harness.store;
    });

    afterEach(async () => {
      await harness.dispose();
    });

    it('put returns the sha256 and size of known content', async () => {
      await expect(store.put(textSource('hello', ' ', 'world'))).resolves.toEqual({ key: HELLO_SHA256, size: 11 });
    });

    it('put of empty content returns the sha256 of nothing, and get returns no bytes', async () => {
      const blob = await store.put(textSource());
      expect(blob).toEqual({ key: EMPTY_SHA256, size: 0 });
      expect((await readAll(await store.get(blob.key))).length).toBe(0);
      await expect(store.stat(blob.key)).resolves.toEqual({ size: 0 });
    });

    it('get returns exactly the bytes that were put, and stat their size', async () => {
      const size = 300 * KiB;
      const { key } = await store.put(patternSource(size));
      expect((await readAll(await store.get(key))).equals(patternBytes(0, size))).toBe(true);
      await expect(store.stat(key)).resolves.toEqual({ size });
    });

    it.each<[string, ByteRange, string]>([
      ['first byte', { start: 0, end: 0 }, 'h'],
      ['middle', { start: 3, end: 7 }, 'lo wo'],
      ['last byte', { start: 10, end: 10 }, 'd'],
      ['whole', { start: 0, end: 10 }, HELLO],
    ])('ranged get (%s) returns the inclusive range', async (_name, range, expected) => {
      const { key } = await store.put(textSource(HELLO));
      expect((await readAll(await store.get(key, range))).toString()).toBe(expected);
    });

    it('ranged get across internal chunk boundaries returns the right bytes', async () => {
      const size = 3 * GRIDFS_CHUNK + 100;
      const { key } = await store.put(patternSource(size));
      const range = { start: GRIDFS_CHUNK - 3, end: 2 * GRIDFS_CHUNK + 3 };
      const bytes = await readAll(await store.get(key, range));
      expect(bytes.equals(patternBytes(range.start, range.end + 1))).toBe(true);
    });

    it.each<[string, ByteRange]>([
      ['starting at the size', { start: 11, end: 11 }],
      ['ending past the last byte', { start: 0, end: 11 }],
      ['ending before it starts', { start: 5, end: 4 }],
      ['starting before zero', { start: -1, end: 3 }],
      ['with a fractional offset', { start: 0.5, end: 3 }],
    ])('rejects a range %s with InvalidRangeError', async (_name, range) => {
      const { key } = await store.put(textSource(HELLO));
      await expect(store.get(key, range)).rejects.toBeInstanceOf(InvalidRangeError);
    });

    it('rejects any range on an empty blob with InvalidRangeError', async () => {
      const { key } = await store.put(textSource());
      await expect(store.get(key, { start: 0, end: 0 })).rejects.toBeInstanceOf(InvalidRangeError);
    });

    it('get of an unknown key rejects with BlobNotFoundError and stat answers null', async () => {
      const unknown = 'ab'.repeat(32);
      await expect(store.get(unknown)).rejects.toBeInstanceOf(BlobNotFoundError);
      await expect(store.stat(unknown)).resolves.toBeNull();
    });

    it.each(['../../../../etc/passwd', `${HELLO_SHA256.slice(0, 62)}/..`, HELLO_SHA256.toUpperCase(), ''])(
      'treats the malformed key %p as unknown',
      async (key) => {
        await store.put(textSource(HELLO));
        await expect(store.get(key)).rejects.toBeInstanceOf(BlobNotFoundError);
        await expect(store.stat(key)).resolves.toBeNull();
        await expect(store.delete(key)).resolves.toBeUndefined();
        await expect(store.stat(HELLO_SHA256)).resolves.toEqual({ size: 11 });
      },
    );

    it('stores the same content once under the same key', async () => {
      const first = await store.put(textSource(HELLO));
      const second = await store.put(textSource('hel', 'lo world'));
      expect(second).toEqual(first);
      expect(await harness.storedBlobCount()).toBe(1);
      expect(await harness.leftovers()).toEqual([]);
    });

    it('keeps one copy when the same content is put concurrently', async () => {
      const size = GRIDFS_CHUNK + 1;
      const blobs = await Promise.all([store.put(patternSource(size)), store.put(patternSource(size))]);
      expect(blobs[1]).toEqual(blobs[0]);
      expect(await harness.storedBlobCount()).toBe(1);
      expect(await harness.leftovers()).toEqual([]);
      expect((await readAll(await store.get(blobs[0].key))).equals(patternBytes(0, size))).toBe(true);
    });

    it('accepts content of exactly maxBytes', async () => {
      await expect(store.put(textSource(HELLO), { maxBytes: 11 })).resolves.toEqual({ key: HELLO_SHA256, size: 11 });
    });

    it('rejects content past maxBytes with BlobTooLargeError and leaves nothing behind', async () => {
      const put = store.put(patternSource(MiB), { maxBytes: GRIDFS_CHUNK + 10 * KiB });
      await expect(put).rejects.toBeInstanceOf(BlobTooLargeError);
      expect(await harness.leftovers()).toEqual([]);
      expect(await harness.storedBlobCount()).toBe(0);
    });

    it('rejects with the source error when the source fails midway and leaves nothing behind', async () => {
      const failure = new Error('client went away');
      await expect(store.put(failingSource(2 * GRIDFS_CHUNK + 5, failure))).rejects.toBe(failure);
      expect(await harness.leftovers()).toEqual([]);
      expect(await harness.storedBlobCount()).toBe(0);
    });

    it('round-trips 8 MiB of streamed content with the right hash', async () => {
      const size = 8 * MiB;
      const blob = await store.put(patternSource(size));
      expect(blob).toEqual({ key: patternSha256(size), size });
      await expect(streamSha256(await store.get(blob.key))).resolves.toEqual({ sha256: blob.key, size });
    });

    it('delete removes the blob: stat answers null and get rejects', async () => {
      const { key } = await store.put(textSource(HELLO));
      await store.delete(key);
      await expect(store.stat(key)).resolves.toBeNull();
      await expect(store.get(key)).rejects.toBeInstanceOf(BlobNotFoundError);
      expect(await harness.storedBlobCount()).toBe(0);
      expect(await harness.leftovers()).toEqual([]);
    });

    it('delete of an unknown key is a no-op that leaves other blobs alone', async () => {
      const { key } = await store.put(textSource(HELLO));
      await expect(store.delete('cd'.repeat(32))).resolves.toBeUndefined();
      await expect(store.stat(key)).resolves.toEqual({ size: 11 });
    });
  });
}
