import type { SqliteDatabase } from '../sqlite/sqliteDatabase';
import type { ReadStore } from '../../ports/readStore';
import { SqliteDocuments } from './sqliteDocuments';
import { FOLD_FUNCTION, foldCase } from './sqliteExpressions';
import { asDuplicateKeyError, createTableSql } from './sqliteSchema';
import { SqliteStoreBase } from './sqliteStoreBase';
import { SqliteTransactionStore } from './sqliteTransactionStore';

/**
 * The embedded ReadStore: one table per collection in the shared SQLite file, `_id TEXT PRIMARY KEY, doc TEXT`
 * (JSON), queried with json_extract. Reads use the reader connection and see committed data; writes go
 * through `db.write`. See filterConditions.ts for the filter semantics shared with the MongoDB adapter.
 *
 * `transaction(fn)` holds the write lock while fn runs: inside fn, write through the `tx` it is given, since a
 * write through this store would wait for the transaction to end.
 */
export class SqliteReadStore extends SqliteStoreBase {
  private readonly reader: SqliteDocuments;
  private readonly writer: SqliteDocuments;
  /** Collections whose table is known to exist, so it is created once, lazily. */
  private readonly tables = new Set<string>();

  constructor(private readonly db: SqliteDatabase) {
    super();
    for (const connection of new Set([db.reader, db.writer])) {
      connection.function(FOLD_FUNCTION, { deterministic: true }, (value: unknown) =>
        typeof value === 'string' ? foldCase(value) : value,
      );
    }
    this.reader = new SqliteDocuments(db.reader);
    this.writer = new SqliteDocuments(db.writer);
  }

  /** The asynchronous factory the composition root uses for every adapter. */
  static async open(db: SqliteDatabase): Promise<SqliteReadStore> {
    return new SqliteReadStore(db);
  }

  /** Read models are derived from the events, with their checkpoints in the same transaction: they commit without an fsync of their own. */
  async transaction<R>(fn: (tx: ReadStore) => Promise<R>): Promise<R> {
    const tx = new SqliteTransactionStore(this.writer, (sql) => this.db.writer.exec(sql), this.tables);
    try {
      const result = await this.db.write(() => fn(tx), 'rebuildable');
      for (const collection of tx.createdTables) this.tables.add(collection);
      return result;
    } finally {
      tx.finish();
    }
  }

  async close(): Promise<void> {
    // The SqliteDatabase belongs to whoever created it.
  }

  /** Reads never create tables: that would wait for the write lock, and a read must not wait for writers. */
  protected async read<R>(collection: string, operation: (documents: SqliteDocuments) => R, empty: R): Promise<R> {
    if (!this.tables.has(collection)) {
      if (!this.reader.hasTable(collection)) return empty;
      this.tables.add(collection);
    }
    return operation(this.reader);
  }

  protected async write<R>(collection: string, operation: (documents: SqliteDocuments) => R): Promise<R> {
    await this.ensureTable(collection);
    return this.db.write(() => operation(this.writer), 'rebuildable');
  }

  protected async schema(collection: string, sql: string, dropped: boolean): Promise<void> {
    if (dropped) this.tables.delete(collection);
    try {
      await this.db.migrate(dropped ? sql : `${createTableSql(collection)};\n${sql}`);
    } catch (error) {
      throw asDuplicateKeyError(collection, error);
    }
    if (!dropped) this.tables.add(collection);
  }

  private async ensureTable(collection: string): Promise<void> {
    if (this.tables.has(collection)) return;
    await this.db.migrate(createTableSql(collection));
    this.tables.add(collection);
  }
}
