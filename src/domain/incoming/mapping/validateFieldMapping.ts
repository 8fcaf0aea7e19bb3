import type { IncomingAction, MappingIssue, UpsertField } from '../incomingCommand';
import { parseFieldMapping } from './fieldMapping';

/**
 * Checks a field mapping when it is saved: an invalid path or template, an unknown field or transform, a
 * constant or default of the wrong type, a missing required field. Every issue's path starts with
 * `field_mapping.` (or is `upsert_field`); an empty list means the mapping can be stored.
 */
export function validateFieldMapping(action: IncomingAction, fieldMapping: unknown, upsertField: UpsertField | null): MappingIssue[] {
  const parsed = parseFieldMapping(action, fieldMapping, upsertField);
  return parsed.ok ? [] : parsed.issues;
}
