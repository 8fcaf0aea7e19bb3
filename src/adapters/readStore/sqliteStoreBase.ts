import type { Document, Filter, FindOptions, IndexSpec, ReadStore, Update, WriteOptions } from '../../ports/readStore';
import { documentForWrite } from './documentPath';
import { parseFilter } from './filterConditions';
import { planFind } from './findPlan';
import { parseUpdate } from './parseUpdate';
import type { SqliteDocuments } from './sqliteDocuments';
import { createIndexSql, dropTableSql } from './sqliteSchema';

/**
 * The ReadStore methods once, over the three ways a SQLite store reaches its connections: `read` and `write`
 * run statements, `schema` runs DDL. The store and its transactions differ only in those.
 * Arguments are validated before any lock is taken.
 */
export abstract class SqliteStoreBase implements ReadStore {
  /** Runs a read; `empty` is the answer when the collection has no table yet. */
  protected abstract read<R>(collection: string, operation: (documents: SqliteDocuments) => R, empty: R): Promise<R>;
  protected abstract write<R>(collection: string, operation: (documents: SqliteDocuments) => R): Promise<R>;
  /** Runs DDL for the collection; `dropped` tells whether it removes the table. */
  protected abstract schema(collection: string, sql: string, dropped: boolean): Promise<void>;
  abstract transaction<R>(fn: (tx: ReadStore) => Promise<R>): Promise<R>;
  abstract close(): Promise<void>;

  async get<T extends Document>(collection: string, id: string): Promise<T | null> {
    return this.read(collection, (documents) => documents.get(collection, id) as T | null, null);
  }

  async find<T extends Document>(collection: string, filter: Filter, options?: FindOptions): Promise<T[]> {
    const conditions = parseFilter(filter);
    const plan = planFind(options);
    return this.read(collection, (documents) => documents.find(collection, conditions, plan) as T[], []);
  }

  async count(collection: string, filter: Filter): Promise<number> {
    const conditions = parseFilter(filter);
    return this.read(collection, (documents) => documents.count(collection, conditions), 0);
  }

  async upsert(collection: string, doc: Document, options: WriteOptions = {}): Promise<void> {
    const stored = documentForWrite(doc, options.position);
    await this.write(collection, (documents) => documents.upsert(collection, stored, options.position));
  }

  async patch(collection: string, id: string, update: Update, options: WriteOptions & { upsert?: boolean } = {}): Promise<boolean> {
    const parsed = parseUpdate(update, options.position);
    return this.write(collection, (documents) => documents.patch(collection, id, parsed, options.position, options.upsert === true));
  }

  async delete(collection: string, id: string, options: WriteOptions = {}): Promise<boolean> {
    return this.write(collection, (documents) => documents.delete(collection, id, options.position));
  }

  async ensureIndex(collection: string, index: IndexSpec): Promise<void> {
    await this.schema(collection, createIndexSql(collection, index), false);
  }

  async drop(collection: string): Promise<void> {
    await this.schema(collection, dropTableSql(collection), true);
  }
}
