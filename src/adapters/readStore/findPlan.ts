import type { FindOptions, Scalar, SortDirection } from '../../ports/readStore';
import { getPath } from './documentPath';
import { checkFieldPath } from './readStoreNames';

export interface SortKey {
  path: string;
  direction: SortDirection;
}

export interface KeyValue {
  key: SortKey;
  /** The `after` document's value for this key; a missing field is null (both sort first ascending). */
  value: Scalar;
}

/** One disjunct of the keyset condition: every `equal` key ties with `after` and `beyond` sorts after it. */
export interface KeysetBranch {
  equal: KeyValue[];
  beyond: KeyValue;
}

export interface FindPlan {
  sort: SortKey[];
  limit?: number;
  /** Documents strictly after `options.after` satisfy at least one branch. */
  keyset?: KeysetBranch[];
}

/** Sort keys end with `_id` (ascending unless the caller sorted by it), which makes the order total. */
export function planFind(options: FindOptions = {}): FindPlan {
  const sort = sortKeys(options.sort ?? []);
  const plan: FindPlan = { sort };
  if (options.limit !== undefined) {
    if (!Number.isSafeInteger(options.limit) || options.limit < 1)
      throw new Error(`limit must be a positive integer, got ${String(options.limit)}`);
    plan.limit = options.limit;
  }
  if (options.after !== undefined) {
    if (typeof options.after._id !== 'string') throw new Error('after must be a document with its _id');
    plan.keyset = keysetBranches(sort, options.after);
  }
  return plan;
}

function sortKeys(requested: NonNullable<FindOptions['sort']>): SortKey[] {
  const keys: SortKey[] = [];
  for (const [path, direction] of requested) {
    checkFieldPath(path);
    if (direction !== 1 && direction !== -1) throw new Error(`invalid sort direction ${String(direction)} for ${path}`);
    if (keys.some((key) => key.path === path)) throw new Error(`sort names ${path} twice`);
    keys.push({ path, direction });
    if (path === '_id') return keys;
  }
  keys.push({ path: '_id', direction: 1 });
  return keys;
}

/**
 * The lexicographic "after" condition: (k1 beyond x1) OR (k1 = x1 AND k2 beyond x2) OR ...
 * Missing and null sort first, so nothing is beyond null in a descending key: that branch is left out.
 */
function keysetBranches(sort: SortKey[], after: object): KeysetBranch[] {
  const values = sort.map((key): KeyValue => ({ key, value: sortValue(after, key.path) }));
  const branches: KeysetBranch[] = [];
  values.forEach((beyond, index) => {
    if (beyond.key.direction === -1 && beyond.value === null) return;
    branches.push({ equal: values.slice(0, index), beyond });
  });
  return branches;
}

function sortValue(after: object, path: string): Scalar {
  const value = getPath(after, path);
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return value;
  throw new Error(`keyset pagination needs a scalar sort value, but after.${path} is not one`);
}
