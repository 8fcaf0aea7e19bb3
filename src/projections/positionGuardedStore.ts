import type { DeleteOptions, Document, FindOptions, Filter, IndexSpec, ReadStore, Update, WriteOptions } from '../ports/readStore';

/** A read store whose writes all carry the position of the event being applied (see WriteOptions.position). */
export class PositionGuardedStore implements ReadStore {
  constructor(
    private readonly inner: ReadStore,
    private readonly position: string,
  ) {}

  private guard<T extends WriteOptions>(options?: T): T & WriteOptions {
    return { ...(options as T), position: this.position };
  }

  get<T extends Document>(collection: string, id: string) {
    return this.inner.get<T>(collection, id);
  }
  find<T extends Document>(collection: string, filter: Filter, options?: FindOptions) {
    return this.inner.find<T>(collection, filter, options);
  }
  count(collection: string, filter: Filter) {
    return this.inner.count(collection, filter);
  }
  insert(collection: string, doc: Document) {
    return this.inner.insert(collection, doc);
  }
  upsert(collection: string, doc: Document, options?: WriteOptions) {
    return this.inner.upsert(collection, doc, this.guard(options));
  }
  patch(collection: string, id: string, update: Update, options?: WriteOptions & { upsert?: boolean }) {
    return this.inner.patch(collection, id, update, this.guard(options));
  }
  delete(collection: string, id: string, options?: DeleteOptions) {
    return this.inner.delete(collection, id, this.guard(options));
  }
  ensureIndex(collection: string, index: IndexSpec) {
    return this.inner.ensureIndex(collection, index);
  }
  drop(collection: string) {
    return this.inner.drop(collection);
  }
  transaction<R>(fn: (tx: ReadStore) => Promise<R>): Promise<R> {
    return fn(this);
  }
  close() {
    return Promise.resolve();
  }
}
