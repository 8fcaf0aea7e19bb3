/** Reads a dotted path from a JSON document; undefined when any step is missing or not an object. */
export function getPath(doc: unknown, path: string): unknown {
  let current: unknown = doc;
  for (const segment of path.split('.')) {
    if (!isPlainObject(current)) return undefined;
    current = current[segment];
  }
  return current;
}

/** An object literal (or JSON object), from any realm: not an array, a Date, a class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Object.prototype.toString.call(value) !== '[object Object]') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

/** Documents are JSON: a round trip drops `undefined`, turns dates into strings, and refuses what JSON cannot hold. */
export function toJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Validates a document for writing, normalises it to JSON and stamps the guard's `_position` if given. */
export function documentForWrite<T extends { _id: string }>(doc: T, position?: string): T {
  if (!isPlainObject(doc)) throw new Error('a document must be a plain object');
  if (typeof doc._id !== 'string' || doc._id === '') throw new Error('a document needs a non-empty string _id');
  return toJson(position === undefined ? doc : { ...doc, _position: position });
}
