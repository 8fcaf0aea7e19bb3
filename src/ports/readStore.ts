/**
 * The read-model port: named collections of JSON documents keyed by `_id`.
 *
 * The filter language is a deliberate subset of MongoDB's, implemented identically by every adapter:
 * - `{field: value}` equality (same as `$eq`); dotted paths reach nested fields;
 * - `$eq $ne $in $nin $gt $gte $lt $lte $exists`;
 * - `$prefix` / `$contains`: case-insensitive text match on a string field;
 * - top-level fields are combined with AND.
 * Comparison follows MongoDB for values of one type (numbers, strings, booleans); `null` equals a missing field.
 */
export type Scalar = string | number | boolean | null;

export interface Document {
  _id: string;
  [field: string]: unknown;
}

export interface FieldConditions {
  $eq?: Scalar;
  $ne?: Scalar;
  $in?: readonly Scalar[];
  $nin?: readonly Scalar[];
  $gt?: string | number;
  $gte?: string | number;
  $lt?: string | number;
  $lte?: string | number;
  $exists?: boolean;
  $prefix?: string;
  $contains?: string;
}

export type Filter = Record<string, Scalar | FieldConditions>;

export type SortDirection = 1 | -1;

export interface FindOptions {
  /** Sort keys in order; `_id` ascending is always appended as the final tie-breaker. */
  sort?: ReadonlyArray<readonly [field: string, direction: SortDirection]>;
  limit?: number;
  /**
   * Keyset pagination: the last document of the previous page (its sort fields and `_id`).
   * Results start strictly after it in the sort order.
   */
  after?: Document;
}

export interface Update {
  $set?: Record<string, unknown>;
  $unset?: readonly string[];
  $inc?: Record<string, number>;
  /** Appends a value to an array field (creating it). */
  $push?: Record<string, unknown>;
  /** Removes every element equal to the value from an array field. */
  $pull?: Record<string, unknown>;
}

export interface WriteOptions {
  /**
   * Idempotency guard for projections: the write happens only if the stored document's `_position`
   * is missing or lower than this position, and stamps `_position`. Replaying an event is then a no-op.
   */
  position?: string;
}

export interface DeleteOptions extends WriteOptions {
  /**
   * Deletes the document only if it matches this filter, checked in the same atomic step as the delete: a
   * write that changes the document first (a counter that moved its expiry on) keeps it.
   */
  where?: Filter;
}

export interface IndexSpec {
  fields: ReadonlyArray<readonly [field: string, direction: SortDirection]>;
  unique?: boolean;
  name?: string;
}

export interface ReadStore {
  get<T extends Document>(collection: string, id: string): Promise<T | null>;
  find<T extends Document>(collection: string, filter: Filter, options?: FindOptions): Promise<T[]>;
  count(collection: string, filter: Filter): Promise<number>;
  /** Creates the document only if none has its `_id`, in one atomic step; returns whether it was created (a lock: one of racing inserts wins). */
  insert(collection: string, doc: Document): Promise<boolean>;
  /** Replaces the whole document (creating it if absent). */
  upsert(collection: string, doc: Document, options?: WriteOptions): Promise<void>;
  /** Applies the update to one document; with `upsert: true` a missing document is created from `{_id}`. Returns whether a document was written. */
  patch(collection: string, id: string, update: Update, options?: WriteOptions & { upsert?: boolean }): Promise<boolean>;
  /** Returns whether a document was deleted. */
  delete(collection: string, id: string, options?: DeleteOptions): Promise<boolean>;
  ensureIndex(collection: string, index: IndexSpec): Promise<void>;
  /** Removes a collection and its documents (used by rebuilds). */
  drop(collection: string): Promise<void>;
  /** Runs fn as one unit: SQLite commits it atomically; MongoDB uses a transaction where the deployment has one. */
  transaction<R>(fn: (tx: ReadStore) => Promise<R>): Promise<R>;
  close(): Promise<void>;
}
