import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { BlobTooLargeError } from '../../ports/errors';
import type { StoredBlob } from '../../ports/blobStore';

/**
 * Passes bytes through unchanged while hashing (SHA-256) and counting them.
 * Fails with BlobTooLargeError as soon as more than maxBytes have arrived, so a pipeline built
 * around it stops before the excess is written anywhere.
 */
export class HashingSizeLimiter extends Transform {
  private readonly hash = createHash('sha256');
  private size = 0;
  private digest: string | undefined;

  constructor(private readonly maxBytes = Number.POSITIVE_INFINITY) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      callback(new BlobTooLargeError(this.maxBytes));
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    this.digest = this.hash.digest('hex');
    callback();
  }

  /** The key and size of everything that passed; only available once the stream has ended. */
  get blob(): StoredBlob {
    if (this.digest === undefined) throw new Error('HashingSizeLimiter: the stream has not ended yet');
    return { key: this.digest, size: this.size };
  }
}
