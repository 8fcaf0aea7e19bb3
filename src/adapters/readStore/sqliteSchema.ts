import type { IndexSpec } from '../../ports/readStore';
import { DuplicateKeyError } from '../../ports/errors';
import { operand } from './sqliteExpressions';
import { checkCollectionName, indexKeys, indexName } from './readStoreNames';

/** Read-model tables share the SQLite file with events and the message log, hence the prefix. */
export function tableName(collection: string): string {
  return `rs_${checkCollectionName(collection)}`;
}

/** The table name quoted for SQL text. */
export function tableRef(collection: string): string {
  return `"${tableName(collection)}"`;
}

export function createTableSql(collection: string): string {
  return `CREATE TABLE IF NOT EXISTS ${tableRef(collection)} (_id TEXT PRIMARY KEY, doc TEXT NOT NULL)`;
}

export function dropTableSql(collection: string): string {
  return `DROP TABLE IF EXISTS ${tableRef(collection)}`;
}

/** An expression index over the same json_extract expressions that filters and ORDER BY use. */
export function createIndexSql(collection: string, spec: IndexSpec): string {
  const name = indexName(spec);
  const columns = indexKeys(spec).map(([path, direction]) => `${operand(path).value} ${direction === 1 ? 'ASC' : 'DESC'}`);
  const unique = spec.unique === true ? 'UNIQUE ' : '';
  return `CREATE ${unique}INDEX IF NOT EXISTS "${indexPrefix(collection)}${name}" ON ${tableRef(collection)} (${columns.join(', ')})`;
}

/** Turns a unique-index violation into the port's DuplicateKeyError; other errors pass through unchanged. */
export function asDuplicateKeyError(collection: string, error: unknown): unknown {
  // Matched by shape, not instanceof: the native addon keeps the SqliteError class of the first module
  // registry that loaded it, which is not this one's in a jest worker running several test files.
  const { code, message } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; message?: unknown };
  if (code !== 'SQLITE_CONSTRAINT_UNIQUE' || typeof message !== 'string') return error;
  const index = /index '([^']+)'/.exec(message)?.[1] ?? '';
  return new DuplicateKeyError(collection, index.startsWith(indexPrefix(collection)) ? index.slice(indexPrefix(collection).length) : index);
}

function indexPrefix(collection: string): string {
  return `rs_${collection}__`;
}
