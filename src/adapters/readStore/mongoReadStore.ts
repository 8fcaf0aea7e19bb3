import { MongoClient } from 'mongodb';
import type { ClientSession, Collection, Db, Document as MongoDocument } from 'mongodb';
import type { DeleteOptions, Document, Filter, FindOptions, IndexSpec, ReadStore, Update, WriteOptions } from '../../ports/readStore';
import { documentForWrite } from './documentPath';
import { parseFilter } from './filterConditions';
import { planFind } from './findPlan';
import { asDuplicateKeyError, isDuplicateKeyError } from './mongoErrors';
import { allOf, mongoFilter, mongoKeyset, mongoSort, mongoUpdate, positionGuardFilter } from './mongoQuery';
import { parseUpdate } from './parseUpdate';
import { acceptsPosition } from './positionGuard';
import { checkCollectionName, indexKeys, indexName } from './readStoreNames';

/**
 * The distributed ReadStore: one MongoDB collection per collection, documents stored as given.
 * Filters, updates and index names go through the same parsing as the SQLite adapter (see filterConditions.ts).
 *
 * Transactions: where the deployment has them (replica set or mongos), `transaction(fn)` runs fn in a session
 * with `withTransaction`, which may run fn again on a transient error. A standalone server (or a stand-in
 * without transactions) runs fn without one, so its writes are not atomic together. Projections stay correct
 * either way because they rely on the `position` guard of each write, not on the transaction.
 */
export class MongoReadStore implements ReadStore {
  private readonly db: Db;
  private ownsClient = false;
  /** Set on the store handed to a transaction's fn: every operation runs in this session. */
  private session: ClientSession | undefined;
  private transactionSupport: Promise<boolean> | undefined;

  constructor(
    private readonly client: MongoClient,
    private readonly dbName: string,
  ) {
    this.db = client.db(dbName);
  }

  /** A store on a database whose client someone else owns (the composition root). */
  static async open(db: Db): Promise<MongoReadStore> {
    const store = new MongoReadStore(db.client, db.databaseName);
    await store.supportsTransactions();
    return store;
  }

  /** Connects a client that the store owns and closes with it. */
  static async connect(url: string, dbName: string): Promise<MongoReadStore> {
    const client = new MongoClient(url);
    await client.connect();
    const store = new MongoReadStore(client, dbName);
    store.ownsClient = true;
    return store;
  }

  /** Whether `transaction` is atomic here; asked of the server once. */
  supportsTransactions(): Promise<boolean> {
    this.transactionSupport ??= this.db
      .admin()
      .command({ hello: 1 })
      .then(
        (reply) =>
          (typeof reply.setName === 'string' || reply.msg === 'isdbgrid') && typeof reply.logicalSessionTimeoutMinutes === 'number',
      )
      .catch((error: unknown) => {
        this.transactionSupport = undefined;
        throw error;
      });
    return this.transactionSupport;
  }

  async get<T extends Document>(collection: string, id: string): Promise<T | null> {
    const doc = await this.collection(collection).findOne({ _id: id }, this.sessionOptions());
    return doc === null ? null : fromMongo<T>(doc);
  }

  async find<T extends Document>(collection: string, filter: Filter, options?: FindOptions): Promise<T[]> {
    const conditions = parseFilter(filter);
    const plan = planFind(options);
    const query = allOf(plan.keyset === undefined ? [mongoFilter(conditions)] : [mongoFilter(conditions), mongoKeyset(plan.keyset)]);
    const cursor = this.collection(collection).find(query, {
      ...this.sessionOptions(),
      sort: mongoSort(plan.sort),
      ...(plan.limit === undefined ? {} : { limit: plan.limit }),
    });
    return (await cursor.toArray()).map((doc) => fromMongo<T>(doc));
  }

  async count(collection: string, filter: Filter): Promise<number> {
    return this.collection(collection).countDocuments(mongoFilter(parseFilter(filter)), this.sessionOptions());
  }

  async upsert(collection: string, doc: Document, options: WriteOptions = {}): Promise<void> {
    const stored = documentForWrite(doc, options.position);
    await this.guardedWrite(collection, stored._id, options.position, undefined, async (filter) => {
      await this.collection(collection).replaceOne(filter, stored, { ...this.sessionOptions(), upsert: true });
    });
  }

  async insert(collection: string, doc: Document): Promise<boolean> {
    try {
      await this.collection(collection).insertOne(documentForWrite(doc, undefined), this.sessionOptions());
      return true;
    } catch (error) {
      // An E11000 on `_id` means the document exists, which is the answer, not a failure. When the message names
      // no index (FerretDB's do not), the store is asked whether that document exists.
      const refusal = asDuplicateKeyError(collection, error);
      if (!isDuplicateKeyError(error)) throw refusal;
      if (refusal === error || (await this.get(collection, doc._id)) !== null) return false;
      throw refusal;
    }
  }

  async patch(collection: string, id: string, update: Update, options: WriteOptions & { upsert?: boolean } = {}): Promise<boolean> {
    const native = mongoUpdate(parseUpdate(update, options.position));
    return this.guardedWrite(collection, id, options.position, false, async (filter) => {
      const result = await this.collection(collection).updateOne(filter, native, {
        ...this.sessionOptions(),
        upsert: options.upsert === true,
      });
      return result.matchedCount + result.upsertedCount > 0;
    });
  }

  async delete(collection: string, id: string, options: DeleteOptions = {}): Promise<boolean> {
    const conditions = options.where === undefined ? [] : parseFilter(options.where);
    return this.guardedWrite(collection, id, options.position, false, async (filter) => {
      // One deleteOne with both filters: MongoDB matches and deletes the document atomically.
      const query = conditions.length === 0 ? filter : allOf([filter, mongoFilter(conditions)]);
      const result = await this.collection(collection).deleteOne(query, this.sessionOptions());
      return result.deletedCount > 0;
    });
  }

  /**
   * Index and collection DDL run outside any transaction (MongoDB refuses most DDL inside one).
   * A unique index skips documents missing one of its fields, as SQLite's unique index skips NULLs.
   */
  async ensureIndex(collection: string, index: IndexSpec): Promise<void> {
    const name = indexName(index);
    const keys = Object.fromEntries(indexKeys(index).map(([field, direction]) => [field, direction]));
    const uniqueness =
      index.unique === true
        ? { unique: true, partialFilterExpression: Object.fromEntries(index.fields.map(([field]) => [field, { $exists: true }])) }
        : {};
    try {
      await this.collection(collection).createIndex(keys, { name, ...uniqueness });
    } catch (error) {
      throw asDuplicateKeyError(collection, error);
    }
  }

  async drop(collection: string): Promise<void> {
    await this.db.dropCollection(checkCollectionName(collection));
  }

  async transaction<R>(fn: (tx: ReadStore) => Promise<R>): Promise<R> {
    if (this.session !== undefined || !(await this.supportsTransactions())) return fn(this);
    const session = this.client.startSession();
    try {
      return await session.withTransaction(() => fn(this.within(session)));
    } finally {
      await session.endSession();
    }
  }

  async close(): Promise<void> {
    if (this.session !== undefined) throw new Error('close the read store, not a transaction');
    if (this.ownsClient) await this.client.close();
  }

  /**
   * Runs a write whose filter carries the position guard, so guard and write are one atomic operation.
   * An upsert whose guard matches nothing tries to insert, and gets E11000 when the document exists with a
   * position at or above ours: a replay, so a no-op. Whether an E11000 is that case is decided by reading the
   * stored position, not by which index the error names: the guard is the question, and only MongoDB's message
   * names the index. A position at or above ours means the write is stale whichever index refused it. Otherwise
   * the write is retried once, in case the document was only just inserted by someone else and our position is
   * in fact newer; a second E11000 is a real conflict on a unique index.
   */
  private async guardedWrite<R>(
    collection: string,
    id: string,
    position: string | undefined,
    skipped: R,
    write: (filter: MongoDocument) => Promise<R>,
  ): Promise<R> {
    try {
      if (position === undefined) return await write({ _id: id });
      if (this.session !== undefined) {
        // In a transaction any failed write aborts it, so read the guard first; the transaction's snapshot and
        // write-conflict detection keep that reading valid until commit.
        return (await this.storedAccepts(collection, id, position)) ? await write(positionGuardFilter(id, position)) : skipped;
      }
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await write(positionGuardFilter(id, position));
        } catch (error) {
          if (!isDuplicateKeyError(error)) throw error;
          if (!(await this.storedAccepts(collection, id, position))) return skipped;
          if (attempt === 2) throw error;
        }
      }
    } catch (error) {
      throw asDuplicateKeyError(collection, error);
    }
  }

  private async storedAccepts(collection: string, id: string, position: string): Promise<boolean> {
    const stored = await this.collection(collection).findOne({ _id: id }, { ...this.sessionOptions(), projection: { _position: 1 } });
    return stored === null || acceptsPosition(stored._position, position);
  }

  private within(session: ClientSession): MongoReadStore {
    const tx = new MongoReadStore(this.client, this.dbName);
    tx.session = session;
    tx.transactionSupport = this.transactionSupport;
    return tx;
  }

  private collection(name: string): Collection<StoredDocument> {
    return this.db.collection(checkCollectionName(name));
  }

  private sessionOptions(): { session?: ClientSession } {
    return this.session === undefined ? {} : { session: this.session };
  }
}

interface StoredDocument {
  _id: string;
  [field: string]: unknown;
}

function fromMongo<T extends Document>(doc: MongoDocument): T {
  return { ...doc, _id: String(doc._id) } as T;
}
