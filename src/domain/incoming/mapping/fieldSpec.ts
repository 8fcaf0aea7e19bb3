import type { MappingIssue } from '../incomingCommand';
import type { PayloadPath } from './payloadPath';
import { isJsonObject, kindOf, parsePayloadPath } from './payloadPath';
import type { TemplatePart } from './template';
import { parseTemplate, TEMPLATE_OPENER } from './template';
import type { TransformName } from './transforms';
import { excerpt, isTransformName, TRANSFORM_NAMES } from './transforms';

/**
 * One target field's spec: a string is a payload path, or a template when it holds `{{`; an object is
 * {path | template | value, default?, transform?}.
 */
export type ValueSource =
  { kind: 'path'; path: PayloadPath } | { kind: 'template'; parts: TemplatePart[] } | { kind: 'value'; value: unknown };

export interface FieldSpec {
  source: ValueSource;
  /** Used when the payload has no value (or null) for the source; absent when no default was given. */
  fallback?: { value: unknown };
  transforms: TransformName[];
}

const SOURCE_KEYS = ['path', 'template', 'value'] as const;
const SPEC_KEYS: readonly string[] = [...SOURCE_KEYS, 'default', 'transform'];
const MAX_TRANSFORMS = 10;

export type ParsedSpec = { ok: true; spec: FieldSpec } | { ok: false; issues: MappingIssue[] };

/** Reads a spec as saved; `at` is its issue path (`field_mapping.name`). */
export function parseFieldSpec(spec: unknown, at: string): ParsedSpec {
  if (typeof spec === 'string') {
    const source = stringSource(spec, at);
    return source.ok ? { ok: true, spec: { source: source.source, transforms: [] } } : source;
  }
  if (!isJsonObject(spec)) {
    return fail(at, 'must be a payload path, a template, or an object {path | template | value, default?, transform?}');
  }
  const issues: MappingIssue[] = Object.keys(spec)
    .filter((key) => !SPEC_KEYS.includes(key))
    .map((key) => ({ path: `${at}.${key}`, message: `unknown key; a spec has ${SPEC_KEYS.join(', ')}` }));
  const sources = SOURCE_KEYS.filter((key) => Object.hasOwn(spec, key));
  if (sources.length !== 1) issues.push({ path: at, message: 'must have exactly one of path, template or value' });
  const source = sources.length === 1 ? objectSource(sources[0]!, spec[sources[0]!], `${at}.${sources[0]}`) : null;
  if (source && !source.ok) issues.push(...source.issues);
  const transforms = parseTransforms(spec.transform, `${at}.transform`);
  if (!transforms.ok) issues.push(...transforms.issues);
  if (issues.length > 0 || !source?.ok || !transforms.ok) return { ok: false, issues };
  const fallback = Object.hasOwn(spec, 'default') ? { value: spec.default } : undefined;
  return { ok: true, spec: { source: source.source, transforms: transforms.names, ...(fallback && { fallback }) } };
}

type ParsedSource = { ok: true; source: ValueSource } | { ok: false; issues: MappingIssue[] };

function stringSource(text: string, at: string): ParsedSource {
  return text.includes(TEMPLATE_OPENER) ? templateSource(text, at) : pathSource(text, at);
}

function pathSource(text: string, at: string): ParsedSource {
  const path = parsePayloadPath(text);
  return path.ok ? { ok: true, source: { kind: 'path', path: path.value } } : fail(at, path.message);
}

function templateSource(text: string, at: string): ParsedSource {
  const parts = parseTemplate(text);
  return parts.ok ? { ok: true, source: { kind: 'template', parts: parts.value } } : fail(at, parts.message);
}

function objectSource(key: (typeof SOURCE_KEYS)[number], value: unknown, at: string): ParsedSource {
  if (key === 'value') return { ok: true, source: { kind: 'value', value } };
  if (typeof value !== 'string') return fail(at, 'must be a string');
  return key === 'template' ? templateSource(value, at) : pathSource(value, at);
}

function parseTransforms(value: unknown, at: string): { ok: true; names: TransformName[] } | { ok: false; issues: MappingIssue[] } {
  if (value === undefined) return { ok: true, names: [] };
  const listed = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(listed) || listed.length > MAX_TRANSFORMS) {
    return fail(at, `must be a transform name or a list of at most ${MAX_TRANSFORMS}`);
  }
  const names: TransformName[] = [];
  const issues: MappingIssue[] = [];
  listed.forEach((name: unknown, index) => {
    if (typeof name === 'string' && isTransformName(name)) names.push(name);
    else {
      const where = typeof value === 'string' ? at : `${at}[${index}]`;
      const named = typeof name === 'string' ? `'${excerpt(name)}'` : kindOf(name);
      issues.push({ path: where, message: `unknown transform ${named}; known: ${TRANSFORM_NAMES.join(', ')}` });
    }
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, names };
}

function fail(path: string, message: string): { ok: false; issues: MappingIssue[] } {
  return { ok: false, issues: [{ path, message }] };
}
