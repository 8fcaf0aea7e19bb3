import type { Scalar } from '../../ports/readStore';
import type { Condition, FieldCondition } from './filterConditions';
import type { Operand, SqlParams } from './sqliteExpressions';
import { FOLD_FUNCTION, foldCase, operand, typeCheck } from './sqliteExpressions';

const RANGE_SQL = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/** Compiles parsed filter conditions to a WHERE expression over a `doc` JSON column (see parseFilter for semantics). */
export function filterSql(conditions: FieldCondition[], params: SqlParams): string {
  if (conditions.length === 0) return '1';
  return conditions.map(({ path, condition }) => conditionSql(operand(path), condition, params)).join(' AND ');
}

function conditionSql(field: Operand, condition: Condition, params: SqlParams): string {
  switch (condition.op) {
    case 'eq':
      return equalsSql(field, condition.value, params);
    case 'ne':
      // IS NOT 1 also holds when the inner expression is NULL (a missing field).
      return `(${equalsSql(field, condition.value, params)}) IS NOT 1`;
    case 'in':
      return inSql(field, condition.values, params);
    case 'nin':
      return `(${inSql(field, condition.values, params)}) IS NOT 1`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return `(${field.type} ${typeCheck(condition.value)} AND ${field.value} ${RANGE_SQL[condition.op]} ${params.add(condition.value)})`;
    case 'exists':
      return `${field.type} IS ${condition.value ? 'NOT NULL' : 'NULL'}`;
    case 'prefix':
    case 'contains':
      return `(${field.type} = 'text' AND instr(${FOLD_FUNCTION}(${field.value}), ${params.add(foldCase(condition.value))}) ${condition.op === 'prefix' ? '= 1' : '> 0'})`;
  }
}

function equalsSql(field: Operand, value: Scalar, params: SqlParams): string {
  // json_extract yields NULL for JSON null and for a missing field, and JSON text for arrays and objects.
  if (value === null) return `${field.value} IS NULL`;
  return `(${field.value} = ${params.add(value)} AND ${field.type} ${typeCheck(value)})`;
}

/** Groups the list by type so each group is one indexable `IN (...)`. */
function inSql(field: Operand, values: Scalar[], params: SqlParams): string {
  const alternatives: string[] = [];
  if (values.includes(null)) alternatives.push(`${field.value} IS NULL`);
  for (const sample of ['', 0] as const) {
    const group = values.filter((value) => typeof value === typeof sample);
    if (group.length > 0) {
      alternatives.push(
        `(${field.value} IN (${group.map((value) => params.add(value)).join(', ')}) AND ${field.type} ${typeCheck(sample)})`,
      );
    }
  }
  for (const flag of [true, false]) {
    if (values.includes(flag)) alternatives.push(equalsSql(field, flag, params));
  }
  return alternatives.length === 0 ? '0' : `(${alternatives.join(' OR ')})`;
}
