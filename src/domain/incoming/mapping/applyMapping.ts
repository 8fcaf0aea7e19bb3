import type { IncomingAction, MappingOutcome, UpsertField } from '../incomingCommand';

/** What the mapping needs of an incoming webhook. */
export interface MappingHook {
  action: IncomingAction;
  fieldMapping: Record<string, unknown>;
  upsertField: UpsertField | null;
  /** Where created entries go and names are looked up unless the mapping names a folder. */
  folderId: string | null;
}

/** Turns a sender's payload into the hook's command, or the issues that stop it (paths name the target field and the payload path). */
export function applyMapping(hook: MappingHook, payload: unknown): MappingOutcome {
  void hook;
  void payload;
  return { ok: false, issues: [{ path: 'field_mapping', message: 'the mapping language is not implemented yet' }] };
}
