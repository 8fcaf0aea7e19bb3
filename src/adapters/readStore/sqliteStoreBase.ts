import type { DeleteOptions, Document, Filter, FindOptions, IndexSpec, ReadStore, Update, WriteOptions } from '../../ports/readStore';
import { isPlainObject } from './documentPath';
import { parseFilter } from './filterConditions';
import { planFind } from './findPlan';
import { parseUpdate } from './parseUpdate';
import type { SqliteDocuments } from './sqliteDocuments';
import { createIndexSql, dropTableSql } from './sqliteSchema';

/**
 * documentForWrite's checks and normalisation, answered as the JSON text to store: one JSON.stringify, where
 * a round trip to an object and back would give the same text (it drops `undefined`, turns dates into
 * strings, and refuses what JSON cannot hold, just the same).
 */
function documentJsonForWrite(doc: Document, position: string | undefined): string {
  if (!isPlainObject(doc)) throw new Error('a document must be a plain object');
  if (typeof doc._id !== 'string' || doc._id === '') throw new Error('a document needs a non-empty string _id');
  return JSON.stringify(position === undefined ? doc : { ...doc, _position: position });
}

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
    const json = documentJsonForWrite(doc, options.position);
    await this.write(collection, (documents) => documents.upsert(collection, doc._id, json, options.position));
  }

  async insert(collection: string, doc: Document): Promise<boolean> {
    const json = documentJsonForWrite(doc, undefined);
    return this.write(collection, (documents) => documents.insert(collection, doc._id, json));
  }

  async patch(collection: string, id: string, update: Update, options: WriteOptions & { upsert?: boolean } = {}): Promise<boolean> {
    const parsed = parseUpdate(update, options.position);
    return this.write(collection, (documents) => documents.patch(collection, id, parsed, options.position, options.upsert === true));
  }

  async delete(collection: string, id: string, options: DeleteOptions = {}): Promise<boolean> {
    const conditions = options.where === undefined ? [] : parseFilter(options.where);
    return this.write(collection, (documents) => documents.delete(collection, id, options.position, conditions));
  }

  async ensureIndex(collection: string, index: IndexSpec): Promise<void> {
    await this.schema(collection, createIndexSql(collection, index), false);
  }

  async drop(collection: string): Promise<void> {
    await this.schema(collection, dropTableSql(collection), true);
  }
}
