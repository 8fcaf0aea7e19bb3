import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

/**
 * Makes the write-ahead log durable off the event loop: `sync()` resolves once everything committed to
 * the WAL before the call is on disk. A sync already running may have started before the caller's
 * commit, so callers that arrive meanwhile share the one queued after it: one fdatasync serves every
 * commit made while the previous one ran (group commit).
 */
export class WalSync {
  private file: Promise<FileHandle> | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(private readonly walPath: string) {}

  sync(): Promise<void> {
    if (this.queued) return this.queued;
    if (!this.running) return this.start();
    const after = () => {
      this.queued = null;
      return this.start();
    };
    this.queued = this.running.then(after, after);
    return this.queued;
  }

  async close(): Promise<void> {
    await this.running?.catch(() => undefined);
    await this.queued?.catch(() => undefined);
    const file = this.file;
    this.file = null;
    if (file) await (await file).close();
  }

  private start(): Promise<void> {
    const run = this.datasync().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  protected async datasync(): Promise<void> {
    // Opened once the log exists (after the first commit), and kept: SQLite reuses the file from its start.
    this.file ??= open(this.walPath, 'r');
    try {
      await (await this.file).datasync();
    } catch (error) {
      this.file = null;
      throw error;
    }
  }
}
