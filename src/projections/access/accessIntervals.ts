import type { Position } from '../../ports/eventStore';
import type { AccessInterval } from './accessRows';
import { NEVER_EXPIRES } from './accessRows';

/** What a principal's reach of a resource was or is: absent, or visible until `active_until`. */
export type Reach = { active_until: string } | null;

const expiryOf = (reach: { active_until: string }): string | null => (reach.active_until === NEVER_EXPIRES ? null : reach.active_until);

const closed = (intervals: readonly AccessInterval[], position: Position): AccessInterval[] =>
  intervals.map((interval) => (interval.to === null ? { ...interval, to: position } : interval));

/**
 * The intervals after a change of reach at `position`: the first reach opens one, the end of all reach
 * closes it, and a new expiry closes it and opens another with the new expiry (each keeps its own, so
 * an event between an old expiry and its extension stays unseen). Null when nothing changes.
 */
export function nextIntervals(
  intervals: readonly AccessInterval[],
  before: Reach,
  after: Reach,
  position: Position,
): AccessInterval[] | null {
  if (before === null && after === null) return null;
  if (before !== null && after !== null && before.active_until === after.active_until) return null;
  const kept = closed(intervals, position);
  return after === null ? kept : [...kept, { from: position, to: null, expires_at: expiryOf(after) }];
}
