import { useEffect, useRef } from 'preact/hooks';

/** Calls `tick` every `intervalMs` while `active`; stops when it turns false or the component goes away. */
export function usePolling(active: boolean, tick: () => void, intervalMs = 2000): void {
  const latest = useRef(tick);
  latest.current = tick;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => latest.current(), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
}
