import type { Document } from '../../ports/readStore';
import { isPlainObject } from './documentPath';
import type { ParsedUpdate } from './parseUpdate';

/**
 * Applies a parsed update to a copy of a document with MongoDB's semantics for the supported operators,
 * for stores that have no native update operators. Throws where MongoDB would refuse the update.
 */
export function applyUpdate<T extends Document>(doc: T, update: ParsedUpdate): T {
  const result = structuredClone(doc);
  for (const [path, value] of Object.entries(update.$set)) {
    const { parent, field } = locate(result, path, true);
    parent[field] = structuredClone(value);
  }
  for (const path of update.$unset) {
    const { parent, field } = locate(result, path, false);
    delete parent[field];
  }
  for (const [path, amount] of Object.entries(update.$inc)) {
    const { parent, field } = locate(result, path, true);
    const current = parent[field] === undefined ? 0 : parent[field];
    if (typeof current !== 'number') throw new Error(`cannot apply $inc to the non-numeric field ${path}`);
    parent[field] = current + amount;
  }
  for (const [path, value] of Object.entries(update.$push)) {
    const { parent, field } = locate(result, path, true);
    const current = parent[field] === undefined ? [] : parent[field];
    if (!Array.isArray(current)) throw new Error(`cannot apply $push to the non-array field ${path}`);
    parent[field] = [...(current as unknown[]), structuredClone(value)];
  }
  for (const [path, value] of Object.entries(update.$pull)) {
    const { parent, field } = locate(result, path, false);
    const current = parent[field];
    if (current === undefined) continue;
    if (!Array.isArray(current)) throw new Error(`cannot apply $pull to the non-array field ${path}`);
    parent[field] = (current as unknown[]).filter((element) => !deepEqual(element, value));
  }
  return result;
}

/**
 * Finds the object holding a path's last field. With `create`, missing objects on the way are created;
 * without, a missing step yields a detached object so the operation is a no-op (as MongoDB's $unset/$pull).
 */
function locate(doc: Record<string, unknown>, path: string, create: boolean): { parent: Record<string, unknown>; field: string } {
  const segments = path.split('.');
  const field = segments.pop() as string;
  let parent = doc;
  for (const segment of segments) {
    const next = parent[segment];
    if (next === undefined) {
      if (!create) return { parent: {}, field };
      parent[segment] = {};
    } else if (!isPlainObject(next)) {
      if (!create) return { parent: {}, field };
      throw new Error(`cannot create field ${path}: ${segment} is not an object`);
    }
    parent = parent[segment] as Record<string, unknown>;
  }
  return { parent, field };
}

/** Structural equality of JSON values (object key order does not matter). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((element, index) => deepEqual(element, b[index]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]));
  }
  return false;
}
