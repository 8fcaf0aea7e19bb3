import type { ChainBreak } from './chainBreak';
import type { RecordedEvent } from '../../ports/eventStore';
import { chainedHashAfter, eventHash, GENESIS_HASH } from './eventHash';

/** What the walk of one stream remembers between its events. */
export interface StreamChain {
  /** Revision of the last event walked; -1 before the first. */
  revision: bigint;
  /** The hash the next event must chain to. */
  running: string;
  /** Whether an event with a hash was walked: from then on an event without one is a break. */
  chained: boolean;
}

export const CHAIN_START: StreamChain = { revision: -1n, running: GENESIS_HASH, chained: false };

export type WalkedEvent = Pick<RecordedEvent, 'streamId' | 'revision' | 'position' | 'type' | 'data' | 'metadata'>;

export interface ChainStep {
  chain: StreamChain;
  breaks: ChainBreak[];
  /** The event was written before its stream had a chain (anchored by the stream's first chained event). */
  beforeAnchor: boolean;
}

/** Written as `found` where the store holds no value at all. */
export const NOTHING_STORED = 'none';

/**
 * One event of a stream, walked in revision order. After a hashed event the walk goes on from its STORED hash,
 * so one edited event is one break, not a break at every event after it.
 */
export function walkEvent(chain: StreamChain, event: WalkedEvent): ChainStep {
  const breaks: ChainBreak[] = [];
  const at = (kind: ChainBreak['kind'], expected: string, found: string): ChainBreak => ({
    stream: event.streamId,
    revision: event.revision,
    position: event.position,
    kind,
    expected,
    found,
  });
  const expectedRevision = chain.revision + 1n;
  if (event.revision !== expectedRevision) breaks.push(at('missing_revision', String(expectedRevision), String(event.revision)));

  const { prevHash, hash } = event.metadata;
  if (hash === undefined) {
    const running = chainedHashAfter(chain.running, event);
    if (chain.chained) breaks.push(at('unchained', running, NOTHING_STORED));
    return { chain: { revision: event.revision, running, chained: chain.chained }, breaks, beforeAnchor: !chain.chained };
  }
  if (prevHash !== chain.running) breaks.push(at('prev_hash_mismatch', chain.running, prevHash ?? NOTHING_STORED));
  const recomputed = eventHash(prevHash ?? chain.running, event);
  if (recomputed !== hash) breaks.push(at('hash_mismatch', recomputed, hash));
  return { chain: { revision: event.revision, running: hash, chained: true }, breaks, beforeAnchor: false };
}
