import type { MappingIssue } from './incomingCommand';
import type { IncomingWebhookSettings } from './incomingWebhookEvents';
import { validateFieldMapping } from './mapping/validateFieldMapping';

const FINDS_A_FILE: ReadonlySet<string> = new Set(['update_file', 'upsert_file']);

/**
 * The settings after a change. A change to a creating action drops the upsert_field it kept (a create finds
 * no file); one that names an upsert_field for a creating action keeps it, for the check to refuse.
 */
export function normalisedSettings<T extends Pick<IncomingWebhookSettings, 'action' | 'upsertField'>>(
  current: T | null,
  changes: Partial<T>,
): T {
  const merged = { ...current, ...changes } as T;
  return FINDS_A_FILE.has(merged.action) || changes.upsertField !== undefined ? merged : { ...merged, upsertField: null };
}

/**
 * Ids are Filora's: a file an upsert creates gets a new one, so an upsert by a sender's id would never find its own
 * creations and would add a file on every call. Upserts match by name; update_file by id answers 404 on a miss.
 */
const UPSERT_BY_ID: MappingIssue = {
  path: 'upsert_field',
  message:
    "upsert_file cannot find a file by id (a file it creates gets a new Filora id, so each call would create another): use upsert_field 'name', or update_file to change a file by its id",
};

/**
 * What is wrong with a hook's settings taken whole (the action, how a file is found, the mapping), as issues
 * whose paths name the setting (`upsert_field`, `field_mapping.name.transform`); none when they fit together.
 */
export function settingsProblems(settings: Pick<IncomingWebhookSettings, 'action' | 'fieldMapping' | 'upsertField'>): MappingIssue[] {
  if (settings.action === 'upsert_file' && settings.upsertField === 'id') return [UPSERT_BY_ID];
  const problems = validateFieldMapping(settings.action, settings.fieldMapping, settings.upsertField);
  const upsertFieldMissing = FINDS_A_FILE.has(settings.action) && settings.upsertField === null;
  if (upsertFieldMissing && !problems.some((problem) => problem.path === 'upsert_field'))
    problems.push({ path: 'upsert_field', message: `${settings.action} finds its file by upsert_field: 'id' or 'name'` });
  return problems;
}
