import type { FileMatch, IncomingAction, IncomingCommand, MappedFile, MappingIssue, MappingOutcome, UpsertField } from '../incomingCommand';
import { BASE64 } from '../../file/fileFields';
import { evaluateField, issuePath, sourcePath } from './evaluateField';
import type { FieldSpecs } from './fieldMapping';
import { CONTENT_NOT_BASE64, parseFieldMapping } from './fieldMapping';
import type { TargetFieldName, TargetValue } from './targetFields';

/** What the mapping needs of an incoming webhook. */
export interface MappingHook {
  action: IncomingAction;
  fieldMapping: Record<string, unknown>;
  upsertField: UpsertField | null;
  /** Where created entries go and names are looked up unless the mapping names a folder. */
  folderId: string | null;
}

/**
 * Turns a sender's payload into the hook's command, or the issues that stop it. An issue's path names the
 * target field and, when the payload is at fault, the payload path: `name <- contact.email`.
 */
export function applyMapping(hook: MappingHook, payload: unknown): MappingOutcome {
  const parsed = parseFieldMapping(hook.action, hook.fieldMapping, hook.upsertField);
  if (!parsed.ok) return parsed;
  const values = new MappedValues(parsed.specs, payload);
  const command = buildCommand(hook, values);
  return values.issues.length > 0 || !command ? { ok: false, issues: values.issues } : { ok: true, command };
}

/** Evaluates mapped fields on demand, collecting the issues; a required field with no value is an issue. */
class MappedValues {
  readonly issues: MappingIssue[] = [];
  constructor(
    private readonly specs: FieldSpecs,
    private readonly payload: unknown,
  ) {}

  /** The field's value; undefined when it is not mapped, or optional and the payload has none. */
  optional<F extends TargetFieldName>(field: F): TargetValue<F> | undefined {
    const spec = this.specs[field];
    if (!spec) return undefined;
    const result = evaluateField(field, spec, this.payload);
    if (result.kind === 'issue') this.issues.push(result.issue);
    return result.kind === 'value' ? result.value : undefined;
  }

  required<F extends TargetFieldName>(field: F): TargetValue<F> | undefined {
    const spec = this.specs[field];
    const result = spec ? evaluateField(field, spec, this.payload) : ({ kind: 'missing', from: field } as const);
    if (result.kind === 'value') return result.value;
    this.issues.push(
      result.kind === 'issue'
        ? result.issue
        : {
            path: issuePath(field, result.from),
            message: `required: the payload has no value at ${result.from} and the spec gives no default`,
          },
    );
    return undefined;
  }

  /** An issue with a value the field took, found only beside another field's value. */
  refuse(field: TargetFieldName, message: string): void {
    const spec = this.specs[field];
    this.issues.push({ path: issuePath(field, spec ? sourcePath(spec) : null), message });
  }
}

function buildCommand(hook: MappingHook, values: MappedValues): IncomingCommand | null {
  if (hook.action === 'create_folder') {
    const name = values.required('name');
    const parentId = values.optional('parent_id');
    return name === undefined ? null : { action: 'create_folder', folder: { name, parentId: orHookFolder(parentId, hook) } };
  }
  if (hook.action === 'create_file') {
    const name = values.required('name');
    const folderId = values.optional('folder_id');
    const file = contentFields(values, true);
    if (name === undefined || !file) return null;
    return { action: 'create_file', file: { ...file, name, folderId: orHookFolder(folderId, hook) } };
  }
  const creates = hook.action === 'upsert_file';
  const found = hook.upsertField === 'id' ? findById(hook, values, creates) : findByName(hook, values);
  const file = contentFields(values, creates);
  if (!found || !file) return null;
  const { match, placement, createIn } = found;
  const changes: MappedFile = { ...placement, ...file };
  if (creates) return { action: 'upsert_file', match, file: changes, createIn };
  if (Object.keys(changes).length === 0) {
    values.issues.push({ path: 'payload', message: 'has a value for none of the fields this update changes' });
    return null;
  }
  return { action: 'update_file', match, file: changes };
}

/** A folder the mapping left out (undefined, not null: null is the root) is the hook's. */
function orHookFolder(mapped: string | null | undefined, hook: MappingHook): string | null {
  return mapped === undefined ? hook.folderId : mapped;
}

interface FoundBy {
  match: FileMatch;
  /** Name and folder an update sets: only when they are not what finds the file. */
  placement: Pick<MappedFile, 'name' | 'folderId'>;
  createIn: string | null;
}

function findById(hook: MappingHook, values: MappedValues, creates: boolean): FoundBy | null {
  const id = values.required('id');
  const name = creates ? values.required('name') : values.optional('name');
  const folderId = values.optional('folder_id');
  if (id === undefined) return null;
  const placement = { ...(name !== undefined && { name }), ...(folderId !== undefined && { folderId }) };
  return { match: { by: 'id', id }, placement, createIn: orHookFolder(folderId, hook) };
}

function findByName(hook: MappingHook, values: MappedValues): FoundBy | null {
  const name = values.required('name');
  const mappedFolder = values.optional('folder_id');
  if (name === undefined) return null;
  const folderId = orHookFolder(mappedFolder, hook);
  return { match: { by: 'name', name, folderId }, placement: {}, createIn: folderId };
}

/** Content and metadata; content is required where the command may create the file. */
function contentFields(values: MappedValues, needsContent: boolean): MappedFile | null {
  const content = needsContent ? values.required('content') : values.optional('content');
  const encoding = values.optional('encoding');
  const mimeType = values.optional('mime_type');
  const description = values.optional('description');
  const tags = values.optional('tags');
  if (needsContent && content === undefined) return null;
  if (content !== undefined && encoding === 'base64' && !BASE64.test(content)) {
    values.refuse('content', CONTENT_NOT_BASE64);
    return null;
  }
  return {
    ...(content !== undefined && { content }),
    ...(content !== undefined && encoding !== undefined && { encoding }),
    ...(content !== undefined && mimeType !== undefined && { mimeType }),
    ...(description !== undefined && { description }),
    ...(tags !== undefined && { tags }),
  };
}
