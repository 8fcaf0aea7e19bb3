import type { EventStore, Position } from '../ports/eventStore';
import { LAG_COUNT_LIMIT } from './projectionProgress';

/** Counts events after `position`, stopping at LAG_COUNT_LIMIT: positions are opaque, so lag is counted, not subtracted. */
export async function measureLag(eventStore: EventStore, position: Position | null): Promise<{ lag: number; lagIsLowerBound: boolean }> {
  const pending = await eventStore.readAll({ after: position, limit: LAG_COUNT_LIMIT + 1 });
  return { lag: Math.min(pending.length, LAG_COUNT_LIMIT), lagIsLowerBound: pending.length > LAG_COUNT_LIMIT };
}
