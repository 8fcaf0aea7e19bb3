import type { FileSearch } from './SearchForm';
import { NO_SEARCH } from './SearchForm';

/** The address's query parameters of a search (`?q=&type=&tag=`) and the list's filters they stand for. */
const PARAMETERS = { q: 'q', type: 'mime_type', tag: 'tag' } as const satisfies Record<string, keyof FileSearch>;

/** The search a page address names; missing parameters do not filter. */
export function searchOf(query: Record<string, string | undefined>): FileSearch {
  const search = { ...NO_SEARCH };
  for (const [parameter, filter] of Object.entries(PARAMETERS)) search[filter] = query[parameter] ?? '';
  return search;
}

/** The page at `path` showing `search` (no query when nothing is searched). */
export function searchAddress(path: string, search: FileSearch): string {
  const query = new URLSearchParams();
  for (const [parameter, filter] of Object.entries(PARAMETERS)) if (search[filter] !== '') query.set(parameter, search[filter]);
  const text = query.toString();
  return text === '' ? path : `${path}?${text}`;
}
