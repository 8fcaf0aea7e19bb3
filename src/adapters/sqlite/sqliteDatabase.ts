import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AsyncMutex } from '../../shared/asyncMutex';
import { WalSync } from './walSync';

/**
 * `full`: acknowledged only once on disk. `rebuildable`: data that can be derived again from what is
 * durable (read models with their checkpoints): acknowledged at commit, so a power loss may lose the last
 * such transactions, whole, never corrupt them; the next durable commit's sync covers them too.
 */
export type Durability = 'full' | 'rebuildable';

const WAL_AUTOCHECKPOINT_PAGES = 10_000;

export interface SqliteOptions {
  /** File path, or ':memory:' (tests). A memory database uses a single connection. */
  path: string;
  /**
   * FULL survives power loss: a durable write is acknowledged only after the write-ahead log is on disk.
   * NORMAL survives process crashes only (tests, scratch data).
   */
  synchronous?: 'FULL' | 'NORMAL';
  busyTimeoutMs?: number;
}

/**
 * The one SQLite file that the embedded profile keeps events, read models and the message log in.
 *
 * better-sqlite3 is synchronous, so two connections of one process must never wait on each other's
 * write lock: the waiting one would block the event loop the holder needs. All writes therefore go
 * through `write`, which serialises them on one writer connection inside BEGIN IMMEDIATE. Reads use a
 * second connection and see only committed data (WAL snapshot isolation).
 *
 * Durability with FULL is SQLite's own (every commit's WAL frames on disk before it is acknowledged), but
 * the fsync is not taken inside COMMIT: better-sqlite3 would block the event loop for its whole length.
 * The writer commits with synchronous=NORMAL and a durable `write` resolves only after WalSync has
 * fdatasync'ed the log on libuv's thread pool; commits made while one sync runs share the next.
 */
export class SqliteDatabase {
  readonly writer: Database.Database;
  readonly reader: Database.Database;
  private readonly writeLock = new AsyncMutex();
  private readonly synchronous: 'FULL' | 'NORMAL';
  private readonly control: Record<'begin' | 'commit' | 'rollback', Database.Statement>;
  /** Null when nothing needs syncing: a memory database, or synchronous=NORMAL. */
  private readonly walSync: WalSync | null;
  private closed = false;

  constructor(options: SqliteOptions) {
    const inMemory = options.path === ':memory:';
    this.synchronous = options.synchronous ?? 'FULL';
    if (!inMemory) mkdirSync(dirname(options.path), { recursive: true });
    this.writer = new Database(options.path);
    this.configure(this.writer, options);
    this.walSync = !inMemory && this.synchronous === 'FULL' ? new WalSync(`${options.path}-wal`) : null;
    // SQLite copies the log into the database every 1000 pages by default, fsyncing both, on the writer's
    // thread: read-model batches hit that constantly. A larger log is checkpointed ten times less often.
    this.writer.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    if (this.walSync) this.writer.pragma('synchronous = NORMAL');
    this.control = {
      begin: this.writer.prepare('BEGIN IMMEDIATE'),
      commit: this.writer.prepare('COMMIT'),
      rollback: this.writer.prepare('ROLLBACK'),
    };
    this.reader = inMemory ? this.writer : new Database(options.path);
    if (!inMemory) this.configure(this.reader, options);
  }

  private configure(db: Database.Database, options: SqliteOptions): void {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    db.pragma('foreign_keys = ON');
  }

  /**
   * Runs fn in one immediate transaction on the writer connection; commits if it resolves, rolls back if
   * it throws. A `full` write resolves once its commit is on disk; the lock is released before that wait.
   */
  async write<R>(fn: (db: Database.Database) => Promise<R> | R, durability: Durability = 'full'): Promise<R> {
    const result = await this.writeLock.run(() => {
      if (this.closed) throw new Error('sqlite database is closed');
      return this.transaction(fn);
    });
    if (durability === 'full') await this.flushCommitted();
    return result;
  }

  /**
   * Resolves once everything committed to the file before the call is on disk, whichever connection or
   * process committed it (an fdatasync of the log covers every frame in it). Readers call it before they
   * answer rows that another commit's sync may not have covered yet.
   */
  flushCommitted(): Promise<void> {
    return this.walSync?.sync() ?? Promise.resolve();
  }

  private async transaction<R>(fn: (db: Database.Database) => Promise<R> | R): Promise<R> {
    this.control.begin.run();
    try {
      const result = await fn(this.writer);
      this.control.commit.run();
      return result;
    } catch (error) {
      if (this.writer.inTransaction) this.control.rollback.run();
      throw error;
    }
  }

  /** Runs DDL once, outside any caller's transaction. */
  migrate(sql: string): Promise<void> {
    return this.writeLock.run(() => {
      this.writer.exec(sql);
    });
  }

  async close(): Promise<void> {
    await this.writeLock.run(() => {
      if (this.closed) return;
      this.closed = true;
      if (this.reader !== this.writer) this.reader.close();
      this.writer.close();
    });
    await this.walSync?.close();
  }
}
