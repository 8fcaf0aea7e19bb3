import { z } from 'zod';
import { entryNameField, parentField } from '../../entries/entryFields';
import { descriptionField, mimeTypeField, tagsField } from '../../file/fileFields';
import type { IncomingAction, UpsertField } from '../incomingCommand';
import { FILE_TARGET_FIELDS, FOLDER_TARGET_FIELDS } from '../incomingCommand';

/** Each target field's rule: the same as the REST API's for that field, so a mapped value is one the API would take. */
export const TARGET_FIELD_RULES = {
  name: entryNameField,
  parent_id: parentField,
  folder_id: parentField,
  id: z.uuid(),
  mime_type: mimeTypeField,
  content: z.string(),
  encoding: z.enum(['utf8', 'base64']),
  description: descriptionField,
  tags: tagsField,
} as const;

export type TargetFieldName = keyof typeof TARGET_FIELD_RULES;
export type TargetValue<F extends TargetFieldName> = z.output<(typeof TARGET_FIELD_RULES)[F]>;

/**
 * How a payload value becomes a candidate for the rule: `scalar` fields take text, numbers and booleans (as
 * text); `content` also takes objects and arrays (as JSON text); `tags` takes a list, or a text of comma-separated tags.
 */
export type ValueShape = 'scalar' | 'content' | 'tags';
export function shapeOf(field: TargetFieldName): ValueShape {
  return field === 'content' || field === 'tags' ? field : 'scalar';
}

export function isTargetField(name: string): name is TargetFieldName {
  return Object.hasOwn(TARGET_FIELD_RULES, name);
}

/** The fields a mapping may fill for the action; `id` only where the file is found by its id. */
export function targetFieldsOf(action: IncomingAction, upsertField: UpsertField | null): readonly TargetFieldName[] {
  if (action === 'create_folder') return FOLDER_TARGET_FIELDS;
  return action !== 'create_file' && upsertField === 'id' ? [...FILE_TARGET_FIELDS, 'id'] : FILE_TARGET_FIELDS;
}

/** What the mapping must fill: a name for what it creates, content for a file it may create, the key that finds a file. */
export function requiredFieldsOf(action: IncomingAction, upsertField: UpsertField | null): readonly TargetFieldName[] {
  switch (action) {
    case 'create_folder':
      return ['name'];
    case 'create_file':
      return ['name', 'content'];
    case 'update_file':
      return upsertField === 'id' ? ['id'] : ['name'];
    case 'upsert_file':
      return upsertField === 'id' ? ['id', 'name', 'content'] : ['name', 'content'];
  }
}

/** The fields an update changes, by how it finds its file: found by name, the name and folder are the lookup key. */
export function changingFieldsOf(upsertField: UpsertField | null): readonly TargetFieldName[] {
  const changing: TargetFieldName[] = ['content', 'description', 'tags'];
  return upsertField === 'id' ? ['name', 'folder_id', ...changing] : changing;
}

/** Fields that only describe new content. */
export const CONTENT_COMPANIONS: readonly TargetFieldName[] = ['mime_type', 'encoding'];
