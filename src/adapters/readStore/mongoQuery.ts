import type { Document as MongoDocument, Sort } from 'mongodb';
import { isPlainObject } from './documentPath';
import type { Condition, FieldCondition } from './filterConditions';
import type { KeysetBranch, KeyValue, SortKey } from './findPlan';
import type { ParsedUpdate } from './parseUpdate';

/**
 * Compiles parsed filter conditions to a MongoDB query with the semantics documented in filterConditions.ts.
 * MongoDB would also match the elements of array fields; each condition rules that out explicitly, so both
 * adapters answer alike.
 */
export function mongoFilter(conditions: FieldCondition[]): MongoDocument {
  return allOf(conditions.map(({ path, condition }) => conditionClause(path, condition)));
}

function conditionClause(path: string, condition: Condition): MongoDocument {
  switch (condition.op) {
    case 'eq':
      return scalarOnly(path, { $eq: condition.value });
    case 'ne':
      return orArray(path, { $ne: condition.value });
    case 'in':
      return scalarOnly(path, { $in: condition.values });
    case 'nin':
      return orArray(path, { $nin: condition.values });
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return scalarOnly(path, { [`$${condition.op}`]: condition.value });
    case 'exists':
      return { [path]: { $exists: condition.value } };
    case 'prefix':
      return scalarOnly(path, { $regex: `^${escapeRegExp(condition.value)}`, $options: 'i' });
    case 'contains':
      return scalarOnly(path, { $regex: escapeRegExp(condition.value), $options: 'i' });
  }
}

/** `_id` is always a string, so it needs no array guard (and keeps its index bounds simple). */
function scalarOnly(path: string, operators: MongoDocument): MongoDocument {
  return { [path]: path === '_id' ? operators : { ...operators, $not: { $type: 'array' } } };
}

function orArray(path: string, operators: MongoDocument): MongoDocument {
  return path === '_id' ? { [path]: operators } : { $or: [{ [path]: operators }, { [path]: { $type: 'array' } }] };
}

/** `$prefix` / `$contains` take literal text. */
export function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

export function mongoSort(sort: SortKey[]): Sort {
  return sort.map(({ path, direction }) => [path, direction] as const);
}

/** The keyset condition of the plan; null stands for null or missing, which sort first ascending. */
export function mongoKeyset(branches: KeysetBranch[]): MongoDocument {
  return {
    $or: branches.map(({ equal, beyond }) =>
      allOf([...equal.map(({ key, value }) => ({ [key.path]: { $eq: value } })), beyondClause(beyond)]),
    ),
  };
}

function beyondClause({ key, value }: KeyValue): MongoDocument {
  if (value === null) return { [key.path]: { $ne: null } };
  if (key.direction === 1) return { [key.path]: { $gt: value } };
  return { $or: [{ [key.path]: { $lt: value } }, { [key.path]: { $eq: null } }] };
}

export function allOf(clauses: MongoDocument[]): MongoDocument {
  if (clauses.length === 0) return {};
  if (clauses.length === 1) return clauses[0] as MongoDocument;
  return { $and: clauses };
}

/** Matches a document the position guard lets a write through (see positionGuard.ts). */
export function positionGuardFilter(id: string, position: string): MongoDocument {
  return { _id: id, $or: [{ _position: { $exists: false } }, { _position: { $lt: position } }] };
}

/**
 * The native form of a parsed update. `$pull` must remove elements equal to its value. MongoDB compares a
 * scalar or array value by exact equality, but reads a plain object as a query on each element, so an object
 * goes inside `$in` to be compared whole. (`$in` is not used for the rest: it would also pull an array element
 * that merely contains the value.)
 */
export function mongoUpdate(update: ParsedUpdate): MongoDocument {
  const native: MongoDocument = {};
  if (Object.keys(update.$set).length > 0) native.$set = update.$set;
  if (update.$unset.length > 0) native.$unset = Object.fromEntries(update.$unset.map((path) => [path, '']));
  if (Object.keys(update.$inc).length > 0) native.$inc = update.$inc;
  if (Object.keys(update.$push).length > 0) native.$push = update.$push;
  if (Object.keys(update.$pull).length > 0) {
    native.$pull = Object.fromEntries(
      Object.entries(update.$pull).map(([path, value]) => [path, isPlainObject(value) ? { $in: [value] } : value]),
    );
  }
  // An update without operators still has to find (or, upserting, create) its document.
  return Object.keys(native).length === 0 ? { $set: {} } : native;
}
