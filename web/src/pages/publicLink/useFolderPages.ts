import { useState } from 'preact/hooks';
import type { PagedList } from '../../hooks/usePagedList';
import { fetchPublicLink } from './publicLinkApi';
import type { PublicLinkEntry, PublicLinkMetadata } from './types';

/**
 * A folder link's listing page by page, as the shared LoadMore takes it: the first page came with the link,
 * later ones are read with its cursor (the owner of the component resets it by keying it on the folder).
 */
export function useFolderPages(token: string, link: PublicLinkMetadata): PagedList<PublicLinkEntry> {
  const first = link.contents;
  const [extra, setExtra] = useState<PublicLinkEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(first?.page.next_cursor ?? null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const loadMore = () => {
    if (cursor === null || link.folder === undefined) return;
    setLoadingMore(true);
    setMoreError(null);
    fetchPublicLink(token, link.folder.id, undefined, cursor)
      .then((next) => {
        setExtra((shown) => [...shown, ...(next.contents?.data ?? [])]);
        setCursor(next.contents?.page.next_cursor ?? null);
      }, setMoreError)
      .finally(() => setLoadingMore(false));
  };
  return {
    data: [...(first?.data ?? []), ...extra],
    error: null,
    loading: false,
    reload: () => undefined,
    hasMore: cursor !== null,
    loadingMore,
    moreError,
    loadMore,
  };
}
