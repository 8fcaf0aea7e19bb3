import { useEffect, useRef, useState } from 'preact/hooks';
import type { FeedItem, LiveState } from '../api/realtime';
import { liveFeed } from '../api/realtime';

const SETTLE_MS = 150;

/**
 * Calls `onChange` when the realtime feed brings an event `matches` accepts (every event when it is left
 * out); a burst of events gives one call. Lists reload quietly with it, so another client's change shows
 * without a reload of the page.
 */
export function useLiveChanges(onChange: () => void, matches: (item: FeedItem) => boolean = () => true): void {
  const latest = useRef({ onChange, matches });
  latest.current = { onChange, matches };
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = liveFeed.onItem((item) => {
      if (!latest.current.matches(item)) return;
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => latest.current.onChange(), SETTLE_MS);
    });
    return () => {
      if (timer !== null) clearTimeout(timer);
      unsubscribe();
    };
  }, []);
}

/** Whether the realtime feed is connected, for the indicator in the header. */
export function useLiveState(): LiveState {
  const [state, setState] = useState<LiveState>('offline');
  useEffect(() => liveFeed.onState(setState), []);
  return state;
}
