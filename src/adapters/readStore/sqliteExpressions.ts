import type { Scalar } from '../../ports/readStore';

export type SqlValue = string | number | null;

/** Placeholders in the order they appear in the SQL text, with their values. */
export class SqlParams {
  readonly values: SqlValue[] = [];

  add(value: Scalar): string {
    this.values.push(typeof value === 'boolean' ? Number(value) : value);
    return '?';
  }
}

/** SQL expressions for a field: its JSON type name (NULL when missing) and its SQL value. */
export interface Operand {
  type: string;
  value: string;
}

/**
 * The expression text must be identical to the one `ensureIndex` uses for SQLite to pick the index, so the
 * JSON path is inlined (paths are validated identifiers) and `_id` uses its column.
 */
export function operand(path: string): Operand {
  if (path === '_id') return { type: `'text'`, value: '_id' };
  return { type: `json_type(doc, '$.${path}')`, value: `json_extract(doc, '$.${path}')` };
}

/** json_type names per JS scalar type; json_extract gives true/false as 1/0, so booleans need the type check. */
export function typeCheck(value: string | number | boolean): string {
  if (typeof value === 'string') return `= 'text'`;
  if (typeof value === 'number') return `IN ('integer', 'real')`;
  return value ? `= 'true'` : `= 'false'`;
}

/** A deterministic SQL function for case-insensitive text matching, registered on each connection. */
export const FOLD_FUNCTION = 'filora_fold';

/** Lower case, with the final sigma folded too so that Σ, σ and ς match as in MongoDB's caseless regex. */
export function foldCase(text: string): string {
  return text.toLowerCase().replace(/ς/g, 'σ');
}
