import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DurableFileSink } from '../../../../src/adapters/blobStore/durableFileSink';

describe('DurableFileSink', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'filora-sink-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes every chunk in order, across many background syncs and writevs', async () => {
    const chunks = Array.from({ length: 300 }, (_, i) => randomBytes(1000 + i));
    const path = join(dir, 'file');
    await pipeline(Readable.from(chunks), new DurableFileSink(path, { highWaterMark: 4096, syncEveryBytes: 10_000 }));
    expect(await readFile(path)).toEqual(Buffer.concat(chunks));
  });

  it('writes an empty file for empty content', async () => {
    const path = join(dir, 'empty');
    await pipeline(Readable.from([]), new DurableFileSink(path, { highWaterMark: 4096, syncEveryBytes: 1 }));
    expect(await readFile(path)).toEqual(Buffer.alloc(0));
  });

  it('refuses to write over a file that exists, and leaves it alone', async () => {
    const path = join(dir, 'taken');
    await writeFile(path, 'first');
    const writing = pipeline(Readable.from([Buffer.from('second')]), new DurableFileSink(path, { highWaterMark: 4096, syncEveryBytes: 1 }));
    await expect(writing).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(path, 'utf8')).toBe('first');
  });

  it('fails with the source error when the source fails midway', async () => {
    async function* failing(): AsyncGenerator<Buffer> {
      yield randomBytes(50_000);
      throw new Error('source broke');
    }
    const path = join(dir, 'partial');
    await expect(pipeline(failing(), new DurableFileSink(path, { highWaterMark: 4096, syncEveryBytes: 10_000 }))).rejects.toThrow(
      'source broke',
    );
  });
});
