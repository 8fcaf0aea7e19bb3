import type { IncomingAction, MappingIssue, UpsertField } from '../incomingCommand';

/**
 * Checks a field mapping when it is saved: every issue's path starts with `field_mapping.` (or names
 * `upsert_field`); an empty list means the mapping can be stored.
 */
export function validateFieldMapping(action: IncomingAction, fieldMapping: unknown, upsertField: UpsertField | null): MappingIssue[] {
  void action;
  void upsertField;
  if (typeof fieldMapping !== 'object' || fieldMapping === null || Array.isArray(fieldMapping)) {
    return [{ path: 'field_mapping', message: 'must be an object of target field -> spec' }];
  }
  return [];
}
