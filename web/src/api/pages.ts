import type { QueryValue } from './client';
import { api } from './client';

/** The API's list envelope: one page of items and where the next page starts. */
export interface ListPage<T> {
  data: T[];
  page: { limit: number; next_cursor: string | null; has_more: boolean };
}

/** One page of a list endpoint; `cursor` is the previous page's `next_cursor`. */
export function fetchPage<T>(
  path: string,
  query: Record<string, QueryValue | readonly string[]>,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<ListPage<T>> {
  return api<ListPage<T>>('GET', path, { query: { ...query, ...(cursor === null ? {} : { cursor }) }, signal });
}
