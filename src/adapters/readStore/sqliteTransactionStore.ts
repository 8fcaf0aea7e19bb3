import type { ReadStore } from '../../ports/readStore';
import type { SqliteDocuments } from './sqliteDocuments';
import { asDuplicateKeyError, createTableSql } from './sqliteSchema';
import { SqliteStoreBase } from './sqliteStoreBase';

/**
 * The ReadStore handed to `transaction(fn)`: it runs everything directly on the writer connection, which is
 * already inside the store's BEGIN IMMEDIATE, so it never re-enters `db.write` and its reads see its writes.
 */
export class SqliteTransactionStore extends SqliteStoreBase {
  /** Tables this transaction created; the store learns of them only once it commits. */
  readonly createdTables = new Set<string>();
  private finished = false;

  constructor(
    private readonly writer: SqliteDocuments,
    private readonly runSql: (sql: string) => void,
    private readonly knownTables: Set<string>,
  ) {
    super();
  }

  finish(): void {
    this.finished = true;
  }

  protected read<R>(collection: string, operation: (documents: SqliteDocuments) => R): Promise<R> {
    // Creating the table here is harmless: it is rolled back with the transaction if need be.
    return this.run(collection, operation);
  }

  protected write<R>(collection: string, operation: (documents: SqliteDocuments) => R): Promise<R> {
    return this.run(collection, operation);
  }

  protected async schema(collection: string, sql: string, dropped: boolean): Promise<void> {
    await this.run(collection, () => {
      try {
        this.runSql(sql);
      } catch (error) {
        throw asDuplicateKeyError(collection, error);
      }
    });
    if (dropped) {
      this.knownTables.delete(collection);
      this.createdTables.delete(collection);
    }
  }

  /** A nested transaction joins this one. */
  transaction<R>(fn: (tx: ReadStore) => Promise<R>): Promise<R> {
    return fn(this);
  }

  close(): Promise<void> {
    return Promise.reject(new Error('close the read store, not a transaction'));
  }

  private async run<R>(collection: string, operation: (documents: SqliteDocuments) => R): Promise<R> {
    if (this.finished) throw new Error('this read-store transaction has already finished');
    if (!this.knownTables.has(collection) && !this.createdTables.has(collection)) {
      this.runSql(createTableSql(collection));
      this.createdTables.add(collection);
    }
    return operation(this.writer);
  }
}
