import { useEffect, useRef, useState } from 'preact/hooks';
import { isUnsettled } from './present';
import type { Delivery } from './types';

/** Never read sooner than this after the last read, nor later than the longest wait, while something is unsettled. */
const SOONEST_MS = 2_000;
const LATEST_MS = 60_000;
/** After the user's own Retry or Test, how long the page reads at the fastest pace before it follows the schedule again. */
const FOLLOW_UP_MS = 10_000;

/** `earliestDue` of an unsettled delivery without a next attempt time: read it again as soon as allowed. */
const AS_SOON_AS_ALLOWED = 0;

/** When the earliest unsettled delivery is due (ms since the epoch), or AS_SOON_AS_ALLOWED; null when all are settled. */
function earliestDue(deliveries: readonly Pick<Delivery, 'status' | 'next_attempt_at'>[]): number | null {
  const due = deliveries
    .filter((delivery) => isUnsettled(delivery.status))
    .map((delivery) => (delivery.next_attempt_at === null ? NaN : Date.parse(delivery.next_attempt_at)))
    .map((time) => (Number.isNaN(time) ? AS_SOON_AS_ALLOWED : time));
  return due.length === 0 ? null : Math.min(...due);
}

/** How long to wait before the next read, or null for no more reads. */
function waitBeforeRead(due: number | null, followUntil: number, now: number): number | null {
  if (now < followUntil || due === AS_SOON_AS_ALLOWED) return SOONEST_MS;
  if (due === null) return null;
  // Before it is due: until it is due. Overdue (the dispatcher is behind, or holds a paused endpoint back): as long
  // again as it is overdue, so a delivery that stays overdue is read ever less often, down to once a minute.
  return Math.min(LATEST_MS, Math.max(SOONEST_MS, Math.abs(due - now)));
}

/**
 * Reads the deliveries again when the earliest unsettled one is next attempted (at least 2 s, at most 60 s
 * from now; backing off while it is overdue), instead of at a fixed pace that would spend the plan's request
 * budget while a retry is hours away; stops when all are settled or the page is left. The function it returns
 * says the user just did something that adds an attempt (Retry, Test, Recover): the next ~10 s are read every 2 s.
 */
export function useDeliveryPolling(
  deliveries: readonly Pick<Delivery, 'status' | 'next_attempt_at'>[] | undefined,
  reload: () => void,
): () => void {
  const latest = useRef(reload);
  latest.current = reload;
  const [followUntil, setFollowUntil] = useState(0);
  const [reads, setReads] = useState(0);
  const due = deliveries === undefined ? null : earliestDue(deliveries);
  useEffect(() => {
    const wait = waitBeforeRead(due, followUntil, Date.now());
    if (wait === null) return;
    const timer = setTimeout(() => {
      latest.current();
      // The read may leave `due` as it was (the dispatcher is late): count it so the next one is scheduled.
      setReads((count) => count + 1);
    }, wait);
    return () => clearTimeout(timer);
  }, [due, followUntil, reads]);
  return () => setFollowUntil(Date.now() + FOLLOW_UP_MS);
}
