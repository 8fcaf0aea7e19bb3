import type { MappingIssue } from '../incomingCommand';
import type { FieldSpec, ValueSource } from './fieldSpec';
import type { Parsed } from './payloadPath';
import { kindOf, readPayloadPath } from './payloadPath';
import { MAX_RENDERED_LENGTH } from './template';
import type { TargetFieldName, TargetValue, ValueShape } from './targetFields';
import { shapeOf, TARGET_FIELD_RULES } from './targetFields';
import type { TransformName } from './transforms';
import { TRANSFORMS } from './transforms';

/**
 * One target field's value for a payload: read from its source (a null in the payload counts as no value),
 * else the spec's default; then transformed, shaped and checked against the field's rule.
 */
export type FieldResult<F extends TargetFieldName> =
  | { kind: 'value'; value: TargetValue<F> }
  /** No value and no default; `from` is the payload path that had none. */
  | { kind: 'missing'; from: string }
  | { kind: 'issue'; issue: MappingIssue };

export function evaluateField<F extends TargetFieldName>(field: F, spec: FieldSpec, payload: unknown): FieldResult<F> {
  const read = readSource(spec.source, payload);
  const at = issuePath(field, read.from);
  if (read.kind === 'issue') return { kind: 'issue', issue: { path: at, message: read.message } };
  let raw: unknown;
  let valuePath = at;
  if (read.kind === 'value') raw = read.value;
  else if (spec.fallback) {
    raw = spec.fallback.value;
    valuePath = field;
  } else return { kind: 'missing', from: read.from };
  const checked = checkValue(field, spec.transforms, raw);
  return checked.ok ? { kind: 'value', value: checked.value } : { kind: 'issue', issue: { path: valuePath, message: checked.message } };
}

/** `name <- contact.email`: the target field, and the payload path its value came from. */
export function issuePath(field: TargetFieldName, from: string | null): string {
  return from === null ? field : `${field} <- ${from}`;
}

/** The payload path a spec reads its whole value from; null for templates and constants. */
export function sourcePath(spec: FieldSpec): string | null {
  return spec.source.kind === 'path' ? spec.source.path.text : null;
}

type SourceRead =
  | { kind: 'value'; value: unknown; from: string | null }
  | { kind: 'missing'; from: string }
  | { kind: 'issue'; message: string; from: string };

function readSource(source: ValueSource, payload: unknown): SourceRead {
  switch (source.kind) {
    case 'value':
      return { kind: 'value', value: source.value, from: null };
    case 'path': {
      const value = readPayloadPath(payload, source.path);
      const from = source.path.text;
      return value === undefined || value === null ? { kind: 'missing', from } : { kind: 'value', value, from };
    }
    case 'template': {
      let text = '';
      for (const part of source.parts) {
        if (part.kind === 'text') {
          text += part.text;
          continue;
        }
        const from = part.path.text;
        const value = readPayloadPath(payload, part.path);
        if (value === undefined || value === null) return { kind: 'missing', from };
        if (typeof value === 'object')
          return { kind: 'issue', from, message: `is ${kindOf(value)}; a template takes text, numbers and booleans` };
        text += String(value);
        if (text.length > MAX_RENDERED_LENGTH)
          return { kind: 'issue', from, message: `makes the template longer than ${MAX_RENDERED_LENGTH} characters` };
      }
      return { kind: 'value', value: text, from: null };
    }
  }
}

/** Transforms, shape and rule: what makes a value one the field takes. Also checks constants and defaults when a mapping is saved. */
export function checkValue<F extends TargetFieldName>(
  field: F,
  transforms: readonly TransformName[],
  raw: unknown,
): Parsed<TargetValue<F>> {
  const transformed = transforms.length === 0 || raw === null ? { ok: true as const, value: raw } : applyTransforms(transforms, raw);
  if (!transformed.ok) return transformed;
  const shaped = shape(shapeOf(field), transformed.value);
  if (!shaped.ok) return shaped;
  const parsed = TARGET_FIELD_RULES[field].safeParse(shaped.value);
  if (parsed.success) return { ok: true, value: parsed.data as TargetValue<F> };
  const [first] = parsed.error.issues;
  const where = first && first.path.length > 0 ? `[${first.path.join('][')}] ` : '';
  return { ok: false, message: `${where}${first?.message ?? 'is not valid'}` };
}

function applyTransforms(transforms: readonly TransformName[], raw: unknown): Parsed<unknown> {
  if (Array.isArray(raw)) {
    const values: unknown[] = [];
    for (const item of raw) {
      const transformed = applyTransforms(transforms, item);
      if (!transformed.ok) return transformed;
      values.push(transformed.value);
    }
    return { ok: true, value: values };
  }
  if (raw === null || typeof raw === 'object')
    return { ok: false, message: `is ${kindOf(raw)}; transforms take text, numbers and booleans` };
  let text = String(raw);
  for (const name of transforms) {
    const result = TRANSFORMS[name](text);
    if (!result.ok) return result;
    text = result.value;
  }
  return { ok: true, value: text };
}

function shape(valueShape: ValueShape, value: unknown): Parsed<unknown> {
  if (value === null) return { ok: true, value };
  if (typeof value !== 'object') return { ok: true, value: valueShape === 'tags' ? splitTags(String(value)) : String(value) };
  if (valueShape === 'content') return { ok: true, value: JSON.stringify(value, null, 2) };
  if (valueShape === 'tags' && Array.isArray(value)) {
    const tags: string[] = [];
    for (const tag of value) {
      if (typeof tag === 'object' && tag !== null) return { ok: false, message: `holds ${kindOf(tag)}; tags are text` };
      tags.push(String(tag));
    }
    return { ok: true, value: tags };
  }
  return { ok: false, message: `is ${kindOf(value)}; expected text` };
}

/** A text of tags, as form tools send them: `"urgent, lead"`. */
function splitTags(text: string): string[] {
  return text
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0);
}
