import type { EventStore, RecordedEvent } from '../ports/eventStore';

const PAGE = 1000;

/** Calls `visit` for every event of the stream from revision `from` on, in order, reading it in pages. */
export async function visitStreamFrom(
  eventStore: EventStore,
  stream: string,
  from: bigint,
  visit: (event: RecordedEvent) => void,
): Promise<void> {
  for (let start = from; ; start += BigInt(PAGE)) {
    const page = await eventStore.readStream(stream, { from: start, limit: PAGE });
    page.forEach(visit);
    if (page.length < PAGE) return;
  }
}
