import { useEffect, useRef } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { pageTitleOf } from '../pageTitles';

/**
 * What a page load would do for a screen reader, on every move within the console: the window title names
 * the page, and the focus goes to the start of its content (#main) instead of staying on a link that is gone.
 */
export function useRouteAnnouncement(): void {
  const { path } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    document.title = pageTitleOf(path);
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus();
  }, [path]);
}
