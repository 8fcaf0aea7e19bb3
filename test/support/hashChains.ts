import { eventHash, GENESIS_HASH } from '../../src/domain/audit/eventHash';
import type { RecordedEvent } from '../../src/ports/eventStore';

/**
 * Each stream's chain recomputed from stored events given in log order, straight with eventHash: one line
 * per event that breaks it (a revision out of turn, a prevHash that is not the hash before it, a hash that
 * does not recompute); [] when every chain holds. Every stream starts at `anchor`.
 */
export function chainBreaks(events: readonly RecordedEvent[], anchor = GENESIS_HASH): string[] {
  const chains = new Map<string, { revision: bigint; hash: string }>();
  const breaks: string[] = [];
  for (const event of events) {
    const before = chains.get(event.streamId) ?? { revision: -1n, hash: anchor };
    const at = `${event.streamId}@${event.revision} (${event.type})`;
    if (event.revision !== before.revision + 1n) breaks.push(`${at}: revision after ${before.revision}`);
    else if (event.metadata.prevHash !== before.hash) breaks.push(`${at}: prevHash ${event.metadata.prevHash}, expected ${before.hash}`);
    else if (event.metadata.hash !== eventHash(before.hash, event)) breaks.push(`${at}: hash does not recompute`);
    chains.set(event.streamId, { revision: event.revision, hash: event.metadata.hash ?? '' });
  }
  return breaks;
}
