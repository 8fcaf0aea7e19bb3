import type { IncomingAction, UpsertField } from './types';

/**
 * The field mapping as the editor shows it: one row per target field. The API stores each as a string (a
 * payload path, or a template when it holds `{{`) or as {path | template | value, default?, transform?}.
 */
export type SourceKind = 'path' | 'template' | 'value';

export const SOURCE_LABELS: Record<SourceKind, string> = { path: 'Payload path', template: 'Template', value: 'Fixed value' };

export interface MappingRow {
  /** Keys the row in the editor only. */
  key: number;
  field: string;
  kind: SourceKind;
  expression: string;
  /** Comma-separated transform names. */
  transforms: string;
  /** Empty: no default. */
  fallback: string;
}

export const TRANSFORM_NAMES = ['lower', 'upper', 'trim', 'slug', 'date:iso', 'base64:decode'] as const;

const FOLDER_FIELDS = ['name', 'parent_id'];
const FILE_FIELDS = ['name', 'folder_id', 'mime_type', 'content', 'encoding', 'description', 'tags'];

/** The target fields the API lets a mapping fill for the action (`id` only where a file is found by its id). */
export function targetFieldsOf(action: IncomingAction, upsertField: UpsertField | null): string[] {
  if (action === 'create_folder') return FOLDER_FIELDS;
  return action !== 'create_file' && upsertField === 'id' ? [...FILE_FIELDS, 'id'] : FILE_FIELDS;
}

/** The fields a new hook's mapping starts with: what the action needs filled. */
export function startingFields(action: IncomingAction): string[] {
  return action === 'create_folder' || action === 'update_file' ? ['name'] : ['name', 'content'];
}

let nextKey = 1;
export function newRow(field = '', kind: SourceKind = 'path', expression = ''): MappingRow {
  return { key: nextKey++, field, kind, expression, transforms: '', fallback: '' };
}

/**
 * A constant as text: a string as it is, anything else (a list of tags, a number) as JSON. A string that
 * itself starts like JSON is quoted, so it reads back as a string.
 */
export function constantText(value: unknown): string {
  if (typeof value === 'string' && !/^\s*[[{"]/.test(value)) return value;
  return JSON.stringify(value);
}

/** The inverse of constantText: JSON when the text starts like a list, object or quoted string; else the text. */
export function constantOf(text: string): unknown {
  if (!/^\s*[[{"]/.test(text)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function rowOf(field: string, spec: unknown): MappingRow {
  if (typeof spec === 'string') return newRow(field, spec.includes('{{') ? 'template' : 'path', spec);
  if (!isRecord(spec)) return newRow(field, 'value', constantText(spec));
  const kind: SourceKind = 'template' in spec ? 'template' : 'value' in spec ? 'value' : 'path';
  const source = spec[kind];
  const row = newRow(field, kind, kind === 'value' ? constantText(source) : String(source ?? ''));
  const transform = spec.transform;
  row.transforms = Array.isArray(transform) ? transform.join(', ') : typeof transform === 'string' ? transform : '';
  row.fallback = 'default' in spec ? constantText(spec.default) : '';
  return row;
}

export function rowsOf(mapping: Record<string, unknown>): MappingRow[] {
  return Object.entries(mapping).map(([field, spec]) => rowOf(field, spec));
}

function transformsOf(text: string): string[] {
  return text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/** A row as the API takes it: the short string form when nothing but a path or template is given. */
function specOf(row: MappingRow): unknown {
  const transforms = transformsOf(row.transforms);
  const plain = transforms.length === 0 && row.fallback === '';
  if (plain && row.kind === 'path' && !row.expression.includes('{{')) return row.expression;
  if (plain && row.kind === 'template' && row.expression.includes('{{')) return row.expression;
  return {
    [row.kind]: row.kind === 'value' ? constantOf(row.expression) : row.expression,
    ...(row.fallback === '' ? {} : { default: constantOf(row.fallback) }),
    ...(transforms.length === 0 ? {} : { transform: transforms.length === 1 ? transforms[0] : transforms }),
  };
}

/** The rows as the API's field_mapping; rows without a target field are left out (the API names a repeated one by the last). */
export function mappingOf(rows: readonly MappingRow[]): Record<string, unknown> {
  const mapping: Record<string, unknown> = {};
  for (const row of rows) if (row.field !== '') mapping[row.field] = specOf(row);
  return mapping;
}
