import type { IndexSpec } from '../../ports/readStore';

const COLLECTION_NAME = /^[a-z][a-z0-9_]{0,62}$/;
const PATH_SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const INDEX_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/** Collection names become SQL identifiers and MongoDB namespaces, so only a safe alphabet is allowed. */
export function checkCollectionName(name: string): string {
  if (!COLLECTION_NAME.test(name)) {
    throw new Error(`invalid collection name ${JSON.stringify(name)}: use [a-z][a-z0-9_]*, at most 63 characters`);
  }
  return name;
}

/**
 * Field paths are dotted identifiers (`owner.id`). Numeric segments (array indexes), `$` and quoting are
 * refused: they mean different things to MongoDB and to SQLite's JSON paths, and paths are inlined into SQL.
 */
export function checkFieldPath(path: string): string {
  if (!path.split('.').every((segment) => PATH_SEGMENT.test(segment))) {
    throw new Error(`invalid field path ${JSON.stringify(path)}: use dotted identifiers like "owner.id"`);
  }
  return path;
}

/** The name both adapters give an index, so DuplicateKeyError reports the same name everywhere. */
export function indexName(spec: IndexSpec): string {
  if (spec.fields.length === 0) throw new Error('an index needs at least one field');
  for (const [field, direction] of spec.fields) {
    checkFieldPath(field);
    if (direction !== 1 && direction !== -1) throw new Error(`invalid index direction ${String(direction)} for ${field}`);
  }
  const name = spec.name ?? spec.fields.map(([field, direction]) => `${field}_${direction}`).join('_');
  if (!INDEX_NAME.test(name)) throw new Error(`invalid index name ${JSON.stringify(name)}: use [A-Za-z0-9_.-]`);
  return name;
}

/**
 * The keys an index is built on: a non-unique index ends with `_id`, the tie-breaker every sort ends with,
 * so the index can serve the whole order. (A unique index must not: `_id` would make every key unique.)
 */
export function indexKeys(spec: IndexSpec): IndexSpec['fields'] {
  if (spec.unique === true || spec.fields.some(([field]) => field === '_id')) return spec.fields;
  return [...spec.fields, ['_id', 1]];
}
