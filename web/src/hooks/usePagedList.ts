import { useCallback, useState } from 'preact/hooks';
import type { QueryValue } from '../api/client';
import { fetchPage } from '../api/pages';
import type { Resource } from './useResource';
import { useResource } from './useResource';

export interface PagedList<T> extends Resource<T[]> {
  hasMore: boolean;
  loadingMore: boolean;
  moreError: unknown;
  /** Appends the next page. */
  loadMore(): void;
}

/**
 * A list endpoint shown page by page ("Load more"): the first page loads again when the query changes or on
 * reload; later pages are appended. Every list the API serves is bounded, so is every list the console shows.
 */
export function usePagedList<T>(path: string, query: Record<string, QueryValue | readonly string[]> = {}): PagedList<T> {
  const [extra, setExtra] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const key = JSON.stringify([path, query]);
  const first = useResource(
    async (signal) => {
      const page = await fetchPage<T>(path, query, null, signal);
      setExtra([]);
      setCursor(page.page.has_more ? page.page.next_cursor : null);
      return page.data;
    },
    [key],
  );
  const loadMore = useCallback(() => {
    if (cursor === null || loadingMore) return;
    setLoadingMore(true);
    fetchPage<T>(path, query, cursor).then(
      (page) => {
        setExtra((items) => [...items, ...page.data]);
        setCursor(page.page.has_more ? page.page.next_cursor : null);
        setMoreError(null);
        setLoadingMore(false);
      },
      (error: unknown) => {
        setMoreError(error);
        setLoadingMore(false);
      },
    );
    // `key` stands for path and query.
  }, [cursor, loadingMore, key]);
  const data = first.data === undefined ? undefined : [...first.data, ...extra];
  return { ...first, data, hasMore: cursor !== null, loadingMore, moreError, loadMore };
}
