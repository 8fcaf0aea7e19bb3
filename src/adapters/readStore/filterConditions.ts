import type { Filter, Scalar } from '../../ports/readStore';
import { isPlainObject } from './documentPath';
import { checkFieldPath } from './readStoreNames';

export type RangeOperator = 'gt' | 'gte' | 'lt' | 'lte';

export type Condition =
  | { op: 'eq' | 'ne'; value: Scalar }
  | { op: 'in' | 'nin'; values: Scalar[] }
  | { op: RangeOperator; value: string | number }
  | { op: 'exists'; value: boolean }
  | { op: 'prefix' | 'contains'; value: string };

export interface FieldCondition {
  path: string;
  condition: Condition;
}

/**
 * Validates a filter against the documented subset and flattens it into conditions that are ANDed together.
 * Every adapter compiles these conditions, never the raw filter, so an operator outside the subset cannot
 * reach a database.
 *
 * Semantics both adapters implement: a condition compares scalar values of one type (strings with strings,
 * numbers with numbers, booleans with booleans); `null` equals a missing field. An array or object field is a
 * value of its own kind: it equals no scalar, is in no range and matches no text operator, so it satisfies
 * `$ne` / `$nin`, and `$exists` sees it. (MongoDB would match array elements; its adapter rules that out.)
 */
export function parseFilter(filter: Filter): FieldCondition[] {
  if (!isPlainObject(filter)) throw new Error('a filter must be a plain object');
  const conditions: FieldCondition[] = [];
  for (const [path, spec] of Object.entries(filter)) {
    if (path.startsWith('$')) throw new Error(`unsupported filter operator ${path}`);
    checkFieldPath(path);
    if (isPlainObject(spec)) {
      const operators = Object.entries(spec);
      if (operators.length === 0) throw new Error(`filter on ${path} has no operator`);
      for (const [operator, operand] of operators) conditions.push({ path, condition: parseOperator(path, operator, operand) });
    } else {
      conditions.push({ path, condition: { op: 'eq', value: scalar(path, '$eq', spec) } });
    }
  }
  return conditions;
}

function parseOperator(path: string, operator: string, operand: unknown): Condition {
  switch (operator) {
    case '$eq':
    case '$ne':
      return { op: operator === '$eq' ? 'eq' : 'ne', value: scalar(path, operator, operand) };
    case '$in':
    case '$nin':
      if (!Array.isArray(operand)) throw invalidOperand(path, operator, 'an array of scalars');
      return { op: operator === '$in' ? 'in' : 'nin', values: operand.map((value: unknown) => scalar(path, operator, value)) };
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte':
      if (typeof operand !== 'string' && !isFiniteNumber(operand)) throw invalidOperand(path, operator, 'a string or a number');
      return { op: operator.slice(1) as RangeOperator, value: operand };
    case '$exists':
      if (typeof operand !== 'boolean') throw invalidOperand(path, operator, 'a boolean');
      return { op: 'exists', value: operand };
    case '$prefix':
    case '$contains':
      if (typeof operand !== 'string') throw invalidOperand(path, operator, 'a string');
      return { op: operator === '$prefix' ? 'prefix' : 'contains', value: operand };
    default:
      throw new Error(`unsupported filter operator ${operator} on ${path}`);
  }
}

function scalar(path: string, operator: string, value: unknown): Scalar {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || isFiniteNumber(value)) return value;
  throw invalidOperand(path, operator, 'a string, a finite number, a boolean or null');
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function invalidOperand(path: string, operator: string, expected: string): Error {
  return new Error(`filter ${operator} on ${path} needs ${expected}`);
}
