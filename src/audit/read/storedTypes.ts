import { PUBLIC_EVENT_ALIASES, PUBLIC_EVENT_NAMES } from '../../domain/publicEvents';

/** The stored types behind each public name (`file.updated` → FileRenamed, FileMoved, …), aliases included. */
const STORED_TYPES_OF: ReadonlyMap<string, readonly string[]> = (() => {
  const byName = new Map<string, string[]>();
  for (const [stored, name] of Object.entries(PUBLIC_EVENT_NAMES)) byName.set(name, [...(byName.get(name) ?? []), stored]);
  for (const [alias, name] of Object.entries(PUBLIC_EVENT_ALIASES)) byName.set(alias, byName.get(name) ?? []);
  return byName;
})();

/** The stored event types a list of stored types and public names asks for; a name that is neither stays as given. */
export function storedTypesOf(requested: readonly string[]): string[] {
  return [...new Set(requested.flatMap((type) => STORED_TYPES_OF.get(type) ?? [type]))];
}
