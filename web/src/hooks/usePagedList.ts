import { useCallback, useRef, useState } from 'preact/hooks';
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

type Query = Record<string, QueryValue | readonly string[]>;

/**
 * A list endpoint shown page by page ("Load more"): the first page loads again when the query changes; a
 * reload of the same query (a live update) reads as many rows as are shown, so the pages loaded stay.
 * Every list the API serves is bounded, so is every list the console shows.
 */
export function usePagedList<T>(path: string, query: Query = {}): PagedList<T> {
  const [extra, setExtra] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const key = JSON.stringify([path, query]);
  /** What is on screen: its query, its row count, and which load it came from (a later load makes a pending Load more moot). */
  const shown = useRef({ key: '', rows: 0, load: 0 });

  const first = useResource(
    async (signal) => {
      const wanted = shown.current.key === key ? shown.current.rows : 0;
      let page = await fetchPage<T>(path, query, null, signal);
      const items = [...page.data];
      while (items.length < wanted && page.page.has_more && page.page.next_cursor !== null) {
        page = await fetchPage<T>(path, query, page.page.next_cursor, signal);
        items.push(...page.data);
      }
      shown.current = { key, rows: items.length, load: shown.current.load + 1 };
      setExtra([]);
      setMoreError(null);
      setCursor(page.page.has_more ? page.page.next_cursor : null);
      return items;
    },
    [key],
  );

  const loadMore = useCallback(() => {
    if (cursor === null || loadingMore) return;
    const startedFrom = shown.current.load;
    setLoadingMore(true);
    fetchPage<T>(path, query, cursor).then(
      (page) => {
        setLoadingMore(false);
        if (shown.current.load !== startedFrom) return;
        shown.current = { ...shown.current, rows: shown.current.rows + page.data.length };
        setExtra((items) => [...items, ...page.data]);
        setCursor(page.page.has_more ? page.page.next_cursor : null);
        setMoreError(null);
      },
      (error: unknown) => {
        setLoadingMore(false);
        if (shown.current.load === startedFrom) setMoreError(error);
      },
    );
    // `key` stands for path and query.
  }, [cursor, loadingMore, key]);

  const data = first.data === undefined ? undefined : [...first.data, ...extra];
  return { ...first, data, hasMore: cursor !== null, loadingMore, moreError, loadMore };
}
