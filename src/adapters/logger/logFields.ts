import type { LogFields } from '../../ports/logger';

/** Deepest nesting converted; anything below is logged as JSON.stringify would have it. */
const MAX_DEPTH = 8;

/** An Error as its name, message and stack (JSON.stringify would give `{}`); a bigint as its decimal string. */
function plain(value: unknown, depth: number): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object' || value === null || depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => plain(item, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return plainFields(value as LogFields, depth + 1);
}

/** The fields with every value JSON can carry as intended; fields holding only primitives come back as they are. */
export function plainFields(fields: LogFields, depth = 0): LogFields {
  let converted: LogFields | null = null;
  for (const key in fields) {
    const value = fields[key];
    if (typeof value !== 'object' && typeof value !== 'bigint') continue;
    const replaced = plain(value, depth);
    if (replaced === value) continue;
    converted ??= { ...fields };
    converted[key] = replaced;
  }
  return converted ?? fields;
}
