import type { Update } from '../../ports/readStore';
import { isPlainObject, toJson } from './documentPath';
import { checkFieldPath } from './readStoreNames';

/** A validated update with JSON values; every operator is present (possibly empty). */
export interface ParsedUpdate {
  $set: Record<string, unknown>;
  $unset: string[];
  $inc: Record<string, number>;
  $push: Record<string, unknown>;
  $pull: Record<string, unknown>;
}

const OPERATORS = new Set(['$set', '$unset', '$inc', '$push', '$pull']);

/**
 * Validates an update the way MongoDB would (known operators, no `_id`, no two paths where one contains the
 * other) and normalises its values to JSON. `position` stamps `_position`, as the write guard requires.
 */
export function parseUpdate(update: Update, position?: string): ParsedUpdate {
  if (!isPlainObject(update as unknown)) throw new Error('an update must be a plain object');
  for (const operator of Object.keys(update)) {
    if (!OPERATORS.has(operator)) throw new Error(`unsupported update operator ${operator}`);
  }
  const parsed: ParsedUpdate = {
    $set: operand(update, '$set'),
    $unset: unsetPaths(update.$unset),
    $inc: increments(update.$inc),
    $push: operand(update, '$push'),
    $pull: operand(update, '$pull'),
  };
  if (position !== undefined) parsed.$set._position = position;
  checkPaths([
    ...Object.keys(parsed.$set),
    ...parsed.$unset,
    ...Object.keys(parsed.$inc),
    ...Object.keys(parsed.$push),
    ...Object.keys(parsed.$pull),
  ]);
  return parsed;
}

function operand(update: Update, operator: '$set' | '$push' | '$pull'): Record<string, unknown> {
  const values = update[operator];
  if (values === undefined) return {};
  if (!isPlainObject(values)) throw new Error(`${operator} needs an object of paths`);
  return toJson(values);
}

function unsetPaths(paths: Update['$unset']): string[] {
  if (paths === undefined) return [];
  if (!Array.isArray(paths) || !paths.every((path) => typeof path === 'string')) throw new Error('$unset needs an array of paths');
  return [...paths];
}

function increments(values: Update['$inc']): Record<string, number> {
  if (values === undefined) return {};
  if (!isPlainObject(values)) throw new Error('$inc needs an object of paths');
  for (const [path, amount] of Object.entries(values)) {
    if (typeof amount !== 'number' || !Number.isFinite(amount)) throw new Error(`$inc on ${path} needs a finite number`);
  }
  return { ...values };
}

function checkPaths(paths: string[]): void {
  const sorted = paths.map(checkFieldPath).sort();
  for (const [index, path] of sorted.entries()) {
    if (path === '_id' || path.startsWith('_id.')) throw new Error('an update cannot change _id');
    const next = sorted[index + 1];
    if (next !== undefined && (next === path || next.startsWith(`${path}.`))) {
      throw new Error(`update paths ${path} and ${next} conflict`);
    }
  }
}
