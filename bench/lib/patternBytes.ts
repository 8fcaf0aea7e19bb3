import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { MIB } from './measure';

const BLOCK = randomBytes(MIB);

/**
 * `total` bytes of incompressible content, made without holding them: each 1 MiB chunk is a copy of one
 * random block stamped with the seed and its index, so no two chunks (and no two seeds) are alike.
 */
export function* patternChunks(total: number, seed: number, onProgress?: (done: number) => void): Generator<Buffer> {
  let done = 0;
  for (let index = 0; done < total; index++) {
    const size = Math.min(MIB, total - done);
    const chunk = Buffer.allocUnsafe(size);
    BLOCK.copy(chunk, 0, 0, size);
    if (size >= 16) {
      chunk.writeDoubleLE(seed, 0);
      chunk.writeDoubleLE(index, 8);
    }
    done += size;
    onProgress?.(done);
    yield chunk;
  }
}

export function patternStream(total: number, seed: number, onProgress?: (done: number) => void): Readable {
  return Readable.from(patternChunks(total, seed, onProgress), { objectMode: false });
}
