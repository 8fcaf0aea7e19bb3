import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { GridFSBucketWriteStream } from 'mongodb';

type Callback = (error?: Error | null) => void;

/**
 * Forwards bytes to a GridFS upload stream, one write at a time.
 *
 * Destroying a GridFSBucketWriteStream does not stop a chunk insert that is already on the wire, so
 * chunks could land after the caller cleaned up. This sink is what the pipeline destroys instead;
 * `settled()` then tells when the upload has nothing in flight and cleanup is final.
 */
export class GridFsUploadSink extends Writable {
  private inFlight: Promise<void> = Promise.resolve();

  constructor(private readonly upload: GridFSBucketWriteStream) {
    super();
    // Failures reach us through the write callback or finished(); the event itself needs a listener.
    upload.on('error', () => undefined);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: Callback): void {
    this.track(
      new Promise((resolve, reject) => {
        this.upload.write(chunk, (error) => (error ? reject(error) : resolve()));
      }),
      callback,
    );
  }

  override _final(callback: Callback): void {
    this.upload.end();
    this.track(finished(this.upload), callback);
  }

  override _destroy(error: Error | null, callback: Callback): void {
    // Leave the upload alone while a write is in flight; settled() waits for it.
    void this.inFlight.then(() => this.upload.destroy());
    callback(error);
  }

  /** Resolves once no write or final insert of the upload is still running. */
  settled(): Promise<void> {
    return this.inFlight;
  }

  private track(operation: Promise<void>, callback: Callback): void {
    this.inFlight = operation.then(
      () => callback(),
      (error: Error) => callback(error),
    );
  }
}
