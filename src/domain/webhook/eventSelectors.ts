import { PUBLIC_EVENT_ALIASES, PUBLIC_EVENT_NAMES } from '../publicEvents';
import { DomainError } from '../shared/domainError';

/**
 * What a webhook subscribes with (DESIGN §4): exact public names (`upload.completed`), aliases
 * (`file.created`, `file.shared`), a category wildcard (`file.*`) and `*`. A category wildcard covers the
 * names of that category and the events its aliases stand for, so `file.*` includes `file.created`.
 */
export const ALL_EVENTS_SELECTOR = '*';

const categoryOfName = (name: string): string => name.slice(0, name.indexOf('.'));

function buildSelections(): ReadonlyMap<string, ReadonlySet<string>> {
  const publicNames = [...new Set(Object.values(PUBLIC_EVENT_NAMES))];
  const selections = new Map<string, Set<string>>();
  const select = (selector: string, name: string) => {
    const names = selections.get(selector) ?? new Set<string>();
    selections.set(selector, names.add(name));
  };
  for (const name of publicNames) {
    select(name, name);
    select(`${categoryOfName(name)}.*`, name);
    select(ALL_EVENTS_SELECTOR, name);
  }
  for (const [alias, name] of Object.entries(PUBLIC_EVENT_ALIASES)) {
    select(alias, name);
    select(`${categoryOfName(alias)}.*`, name);
  }
  return selections;
}

/** Each valid selector and the public event names it selects. */
const SELECTIONS = buildSelections();

/** Every selector a webhook may use, sorted: what an unknown one is answered with. */
export const VALID_EVENT_SELECTORS: readonly string[] = [...SELECTIONS.keys()].sort();

export const isValidSelector = (selector: string): boolean => SELECTIONS.has(selector);

/** The selectors of `selectors` that name nothing, in the order given. */
export const unknownSelectors = (selectors: readonly string[]): string[] => selectors.filter((selector) => !isValidSelector(selector));

/** The message for an unknown selector, naming the valid ones. */
export const unknownSelectorMessage = (selector: string): string =>
  `unknown event '${selector}'; valid events are: ${VALID_EVENT_SELECTORS.join(', ')}`;

/** Throws `invalid` on the `events` field unless every selector is known and there is at least one. */
export function requireValidSelectors(selectors: readonly string[]): void {
  if (selectors.length === 0) throw new DomainError('invalid', 'events needs at least one event', 'events');
  const [unknown] = unknownSelectors(selectors);
  if (unknown !== undefined) throw new DomainError('invalid', unknownSelectorMessage(unknown), 'events');
}

/** Whether a webhook subscribed with `selectors` receives the public event `publicName`. */
export const matchesSelectors = (selectors: readonly string[], publicName: string): boolean =>
  selectors.some((selector) => SELECTIONS.get(selector)?.has(publicName) ?? false);
