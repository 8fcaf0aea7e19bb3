import { type FileHandle, open } from 'node:fs/promises';
import { Writable } from 'node:stream';

type Callback = (error?: Error | null) => void;

export interface DurableFileSinkOptions {
  /** How much may pile up behind the write in flight; it then goes out in one writev. */
  highWaterMark: number;
  /** Bytes written after which a datasync is started in the background, while the writes go on. */
  syncEveryBytes: number;
}

/**
 * Writes a new file (it must not exist) and finishes only once every byte is on disk.
 *
 * The final fsync of a file written at full speed has the whole file still to flush: for a large upload
 * that is as long as the transfer itself. So every `syncEveryBytes` a datasync runs in the background
 * while the content keeps arriving, and the final fsync has only the tail left. The background syncs are
 * for speed only; durability rests on the final fsync, which runs after them.
 */
export class DurableFileSink extends Writable {
  private handle: FileHandle | null = null;
  private unsynced = 0;
  private syncing: Promise<void> = Promise.resolve();
  private syncInFlight = false;
  private syncError: Error | null = null;

  constructor(
    private readonly path: string,
    private readonly options: DurableFileSinkOptions,
  ) {
    super({ highWaterMark: options.highWaterMark });
  }

  override _construct(callback: Callback): void {
    open(this.path, 'wx').then((handle) => {
      this.handle = handle;
      callback();
    }, callback);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: Callback): void {
    this.writeAll([chunk]).then(() => callback(), callback);
  }

  override _writev(chunks: { chunk: Buffer }[], callback: Callback): void {
    this.writeAll(chunks.map(({ chunk }) => chunk)).then(() => callback(), callback);
  }

  override _final(callback: Callback): void {
    const finish = async () => {
      await this.syncing;
      if (this.syncError) throw this.syncError;
      await this.file().sync();
    };
    finish().then(() => callback(), callback);
  }

  override _destroy(error: Error | null, callback: Callback): void {
    const handle = this.handle;
    this.handle = null;
    // A background sync may still use the handle: close it once that is over.
    const closed = this.syncing.then(() => handle?.close());
    closed.then(
      () => callback(error),
      (closeError: Error) => callback(error ?? closeError),
    );
  }

  private async writeAll(buffers: Buffer[]): Promise<void> {
    if (this.syncError) throw this.syncError;
    const total = buffers.reduce((sum, buffer) => sum + buffer.length, 0);
    const { bytesWritten } = await this.file().writev(buffers);
    // libuv retries short writes itself; anything less than everything is a failure it did not report.
    if (bytesWritten !== total) throw new Error(`short write to ${this.path}: ${bytesWritten} of ${total} bytes`);
    this.unsynced += total;
    if (this.unsynced >= this.options.syncEveryBytes && !this.syncInFlight) this.syncInBackground();
  }

  private syncInBackground(): void {
    this.unsynced = 0;
    this.syncInFlight = true;
    this.syncing = this.file()
      .datasync()
      .catch((error: Error) => void (this.syncError ??= error))
      .finally(() => (this.syncInFlight = false));
  }

  private file(): FileHandle {
    if (!this.handle) throw new Error(`${this.path} is not open`);
    return this.handle;
  }
}
