import type { IncomingAction, MappingIssue, UpsertField } from '../incomingCommand';
import { checkValue } from './evaluateField';
import type { FieldSpec } from './fieldSpec';
import { parseFieldSpec } from './fieldSpec';
import { isJsonObject, kindOf } from './payloadPath';
import { BASE64 } from '../../file/fileFields';
import type { TargetFieldName, TargetValue } from './targetFields';
import { changingFieldsOf, CONTENT_COMPANIONS, isTargetField, requiredFieldsOf, shapeOf, targetFieldsOf } from './targetFields';

export type FieldSpecs = Partial<Record<TargetFieldName, FieldSpec>>;
export type ParsedMapping = { ok: true; specs: FieldSpecs } | { ok: false; issues: MappingIssue[] };

const AT = 'field_mapping';
const FINDING_ACTIONS: readonly IncomingAction[] = ['update_file', 'upsert_file'];

/** Reads a whole field mapping for an action, with every check that needs no payload. */
export function parseFieldMapping(action: IncomingAction, fieldMapping: unknown, upsertField: UpsertField | null): ParsedMapping {
  const issues = upsertFieldIssues(action, upsertField);
  if (!isJsonObject(fieldMapping))
    return { ok: false, issues: [...issues, { path: AT, message: 'must be an object of target field -> spec' }] };
  const allowed = targetFieldsOf(action, upsertField);
  const specs: FieldSpecs = {};
  for (const [field, spec] of Object.entries(fieldMapping)) {
    const at = `${AT}.${field}`;
    if (!isTargetField(field) || !allowed.includes(field)) {
      issues.push({ path: at, message: unknownFieldMessage(field, action, allowed) });
      continue;
    }
    const parsed = parseFieldSpec(spec, at);
    if (!parsed.ok) issues.push(...parsed.issues);
    else {
      issues.push(...constantIssues(field, parsed.spec, at));
      specs[field] = parsed.spec;
    }
  }
  issues.push(...shapeIssues(action, upsertField, fieldMapping), ...constantContentIssues(specs));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, specs };
}

function upsertFieldIssues(action: IncomingAction, upsertField: UpsertField | null): MappingIssue[] {
  const finds = FINDING_ACTIONS.includes(action);
  if (finds && upsertField === null) return [{ path: 'upsert_field', message: `${action} needs upsert_field: id or name` }];
  if (!finds && upsertField !== null)
    return [{ path: 'upsert_field', message: `only update_file and upsert_file find a file; ${action} takes no upsert_field` }];
  return [];
}

function unknownFieldMessage(field: string, action: IncomingAction, allowed: readonly TargetFieldName[]): string {
  if (field === 'id' && action !== 'create_folder') return 'id is a target field only for update_file and upsert_file with upsert_field id';
  return `unknown target field for ${action}; it takes ${allowed.join(', ')}`;
}

/** A constant or a default must itself be a value the field takes. */
function constantIssues(field: TargetFieldName, spec: FieldSpec, at: string): MappingIssue[] {
  const constants: { key: string; value: unknown }[] = [];
  if (spec.source.kind === 'value') constants.push({ key: 'value', value: spec.source.value });
  if (spec.fallback) constants.push({ key: 'default', value: spec.fallback.value });
  return constants.flatMap(({ key, value }) => {
    const problem = constantTypeProblem(field, value) ?? checkProblem(field, spec, value);
    return problem === null ? [] : [{ path: `${at}.${key}`, message: problem }];
  });
}

/** Payload values are taken leniently (a number where text goes becomes text); constants the owner wrote must have the field's type. */
function constantTypeProblem(field: TargetFieldName, value: unknown): string | null {
  if (value === null || typeof value === 'string') return null;
  if (shapeOf(field) === 'tags' && Array.isArray(value) && value.every((tag) => typeof tag === 'string')) return null;
  const expected = shapeOf(field) === 'tags' ? 'a list of texts or a comma-separated text' : 'a text (JSON string)';
  return `must be ${expected}, not ${kindOf(value)}`;
}

/** The value a constant spec always gives the field, or undefined when it reads the payload (or is refused elsewhere). */
function constantOf<F extends TargetFieldName>(field: F, spec: FieldSpec | undefined): TargetValue<F> | undefined {
  if (spec?.source.kind !== 'value') return undefined;
  const checked = checkValue(field, spec.transforms, spec.source.value);
  return checked.ok ? checked.value : undefined;
}

export const CONTENT_NOT_BASE64 = 'must be base64 (RFC 4648, padded), as encoding is base64';

/** Constant content with a constant base64 encoding must be base64, as every call would otherwise be refused. */
function constantContentIssues(specs: FieldSpecs): MappingIssue[] {
  const content = constantOf('content', specs.content);
  if (content === undefined || constantOf('encoding', specs.encoding) !== 'base64' || BASE64.test(content)) return [];
  return [{ path: `${AT}.content.value`, message: CONTENT_NOT_BASE64 }];
}

function checkProblem(field: TargetFieldName, spec: FieldSpec, value: unknown): string | null {
  const checked = checkValue(field, spec.transforms, value);
  return checked.ok ? null : checked.message;
}

/** Required fields, and an update that changes something. */
function shapeIssues(action: IncomingAction, upsertField: UpsertField | null, fieldMapping: Record<string, unknown>): MappingIssue[] {
  const mapped = (field: TargetFieldName) => Object.hasOwn(fieldMapping, field);
  const issues: MappingIssue[] = requiredFieldsOf(action, upsertField)
    .filter((field) => !mapped(field))
    .map((field) => ({
      path: `${AT}.${field}`,
      message: `required for ${action}${FINDING_ACTIONS.includes(action) ? ` by ${upsertField}` : ''}`,
    }));
  if (action === 'create_folder') return issues;
  if (!mapped('content')) {
    for (const field of CONTENT_COMPANIONS.filter(mapped))
      issues.push({ path: `${AT}.${field}`, message: 'describes new content: map content too' });
  }
  if (action === 'update_file' && upsertField !== null && !changingFieldsOf(upsertField).some(mapped)) {
    issues.push({
      path: AT,
      message: `maps nothing to change; an update by ${upsertField} changes ${changingFieldsOf(upsertField).join(', ')}`,
    });
  }
  return issues;
}
