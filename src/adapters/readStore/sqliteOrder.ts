import type { KeysetBranch, KeyValue, SortKey } from './findPlan';
import type { SqlParams } from './sqliteExpressions';
import { operand } from './sqliteExpressions';

/** ORDER BY for the plan's keys. SQLite sorts NULL (missing or null) first ascending and last descending, as MongoDB. */
export function orderSql(sort: SortKey[]): string {
  return sort.map(({ path, direction }) => `${operand(path).value} ${direction === 1 ? 'ASC' : 'DESC'}`).join(', ');
}

/**
 * The keyset condition, comparing the same expressions ORDER BY sorts on. The disjunction alone would make
 * SQLite scan the index from the start of the range; a bound on the first key, implied by it, lets the
 * scan start at the `after` document, so a page deep in a large collection costs what the first one does.
 */
export function keysetSql(branches: KeysetBranch[], params: SqlParams): string {
  // Parameters are positional: the bound, written first, takes its parameter first.
  const bound = leadingBound(branches, params);
  const disjunction = `(${branches.map((branch) => branchSql(branch, params)).join(' OR ')})`;
  return bound ? `(${bound} AND ${disjunction})` : disjunction;
}

function leadingBound([first]: KeysetBranch[], params: SqlParams): string | null {
  if (!first || first.equal.length > 0 || first.beyond.value === null) return null;
  const { key, value } = first.beyond;
  const field = operand(key.path).value;
  return key.direction === 1 ? `${field} >= ${params.add(value)}` : `(${field} <= ${params.add(value)} OR ${field} IS NULL)`;
}

function branchSql({ equal, beyond }: KeysetBranch, params: SqlParams): string {
  const terms = equal.map(({ key, value }) => `${operand(key.path).value} IS ${params.add(value)}`);
  terms.push(beyondSql(beyond, params));
  return `(${terms.join(' AND ')})`;
}

function beyondSql({ key, value }: KeyValue, params: SqlParams): string {
  const field = operand(key.path).value;
  if (value === null) return `${field} IS NOT NULL`; // ascending: anything sorts after null
  if (key.direction === 1) return `${field} > ${params.add(value)}`;
  return `(${field} < ${params.add(value)} OR ${field} IS NULL)`;
}
