import { mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { FsBlobStore } from '../../src/adapters/blobStore/fsBlobStore';
import { describeBlobStoreContract } from './blobStore.contract';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

describeBlobStoreContract('fs', async () => {
  const root = await mkdtemp(join(tmpdir(), 'filora-blobs-'));
  const store = await FsBlobStore.open({ root });
  return {
    store,
    leftovers: () => filesUnder(join(root, 'tmp')),
    storedBlobCount: async () => (await filesUnder(root)).filter((path) => !path.startsWith('tmp')).length,
    dispose: async () => {
      await store.close();
      await rm(root, { recursive: true, force: true });
    },
  };
});

describe('FsBlobStore on disk', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'filora-blobs-'));
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('keeps a blob at <root>/<aa>/<bb>/<sha256>', async () => {
    const store = await FsBlobStore.open({ root });
    const { key } = await store.put(Readable.from([Buffer.from('hello world')]));
    expect(await filesUnder(root)).toEqual([join('b9', '4d', key)]);
  });

  it('open() removes stale temporary files and keeps recent ones', async () => {
    await FsBlobStore.open({ root });
    const stale = join(root, 'tmp', 'crashed-upload');
    const recent = join(root, 'tmp', 'upload-in-progress');
    await writeFile(stale, 'partial');
    await writeFile(recent, 'partial');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(stale, twoHoursAgo, twoHoursAgo);

    await FsBlobStore.open({ root, staleTempAfterMs: 60 * 60 * 1000 });

    await expect(stat(stale)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(stat(recent)).resolves.toBeDefined();
  });
});
