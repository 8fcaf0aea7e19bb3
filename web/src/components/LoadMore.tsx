import type { PagedList } from '../hooks/usePagedList';
import { ErrorBanner } from './ErrorBanner';

/** The "Load more" button under a paged list, with its own error. */
export function LoadMore<T>({ list }: { list: PagedList<T> }) {
  return (
    <>
      <ErrorBanner error={list.moreError} />
      {list.hasMore && (
        <p>
          <button type="button" class="button button-secondary" onClick={list.loadMore} disabled={list.loadingMore}>
            {list.loadingMore ? 'Loading…' : 'Load more'}
          </button>
        </p>
      )}
    </>
  );
}
