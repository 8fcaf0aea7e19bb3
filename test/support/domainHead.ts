import { categoryOf } from '../../src/domain/publicEvents';
import { USAGE_CATEGORY } from '../../src/domain/usage/usageEvents';
import type { EventStore, Position } from '../../src/ports/eventStore';

/**
 * The position of the newest event that is not a usage record. Every request of a signed-in caller is
 * recorded in the usage log (batched UsageRecorded events, flushed within a second), so the raw head
 * moves even when a request changes nothing; "no state changed" means this one did not move.
 */
export async function domainHead(eventStore: EventStore): Promise<Position | null> {
  let head: Position | null = null;
  let after: Position | null = null;
  for (;;) {
    const page = await eventStore.readAll({ after, limit: 1000 });
    if (page.length === 0) return head;
    for (const event of page) if (categoryOf(event.streamId) !== USAGE_CATEGORY) head = event.position;
    after = page[page.length - 1]!.position;
  }
}
