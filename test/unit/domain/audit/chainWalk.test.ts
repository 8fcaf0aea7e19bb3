import type { WalkedEvent } from '../../../../src/domain/audit/chainWalk';
import { CHAIN_START, NOTHING_STORED, walkEvent } from '../../../../src/domain/audit/chainWalk';
import { chainEvents, chainedHashAfter, eventHash, GENESIS_HASH } from '../../../../src/domain/audit/eventHash';
import type { ChainBreak } from '../../../../src/domain/audit/chainBreak';

const STREAM = 'file-00000000-0000-4000-8000-000000000001';

const event = (revision: number, name: string): WalkedEvent => ({
  streamId: STREAM,
  revision: BigInt(revision),
  position: String(revision + 1).padStart(20, '0'),
  type: 'FileRenamed',
  data: { name },
  metadata: { actor: 'user-1' },
});

/** Events as the pipeline writes them: chained from `previous`. */
const chained = (events: readonly WalkedEvent[], previous = GENESIS_HASH): WalkedEvent[] => chainEvents(previous, events).events;

function walk(events: readonly WalkedEvent[]) {
  let chain = CHAIN_START;
  const breaks: ChainBreak[] = [];
  let beforeAnchor = 0;
  for (const each of events) {
    const step = walkEvent(chain, each);
    chain = step.chain;
    breaks.push(...step.breaks);
    if (step.beforeAnchor) beforeAnchor += 1;
  }
  return { chain, breaks, beforeAnchor };
}

const breakAt = (revision: number, kind: ChainBreak['kind'], expected: string, found: string): ChainBreak => ({
  stream: STREAM,
  revision: BigInt(revision),
  position: String(revision + 1).padStart(20, '0'),
  kind,
  expected,
  found,
});

describe('walking a stream hash chain', () => {
  it('finds no break in a chain as the pipeline writes it, and ends on its last hash', () => {
    const events = chained([event(0, 'a'), event(1, 'b'), event(2, 'c')]);
    expect(walk(events)).toEqual({
      chain: { revision: 2n, running: events[2]!.metadata.hash, chained: true },
      breaks: [],
      beforeAnchor: 0,
    });
  });

  it('names an event whose data was edited after it was written: hash_mismatch, once, not at every later event', () => {
    const events = chained([event(0, 'a'), event(1, 'b'), event(2, 'c')]);
    const edited = { ...events[1]!, data: { name: 'edited' } };
    expect(walk([events[0]!, edited, events[2]!]).breaks).toEqual([
      breakAt(1, 'hash_mismatch', eventHash(events[0]!.metadata.hash!, edited), events[1]!.metadata.hash!),
    ]);
  });

  it('names an event whose metadata or type was edited', () => {
    const [first] = chained([event(0, 'a')]);
    expect(walk([{ ...first!, metadata: { ...first!.metadata, actor: 'user-2' } }]).breaks.map((found) => found.kind)).toEqual([
      'hash_mismatch',
    ]);
    expect(walk([{ ...first!, type: 'FileDeleted' }]).breaks.map((found) => found.kind)).toEqual(['hash_mismatch']);
  });

  it('names a deleted event: the next revision is missing_revision and its prevHash no longer chains', () => {
    const events = chained([event(0, 'a'), event(1, 'b'), event(2, 'c')]);
    expect(walk([events[0]!, events[2]!]).breaks).toEqual([
      breakAt(2, 'missing_revision', '1', '2'),
      breakAt(2, 'prev_hash_mismatch', events[0]!.metadata.hash!, events[1]!.metadata.hash!),
    ]);
  });

  it('names a stream whose first event is gone', () => {
    const events = chained([event(0, 'a'), event(1, 'b')]);
    expect(walk([events[1]!]).breaks).toEqual([
      breakAt(1, 'missing_revision', '0', '1'),
      breakAt(1, 'prev_hash_mismatch', GENESIS_HASH, events[0]!.metadata.hash!),
    ]);
  });

  it('names an event whose prevHash was rewritten (its own hash then no longer matches either)', () => {
    const events = chained([event(0, 'a'), event(1, 'b')]);
    const rewired = { ...events[1]!, metadata: { ...events[1]!.metadata, prevHash: GENESIS_HASH } };
    expect(walk([events[0]!, rewired]).breaks).toEqual([
      breakAt(1, 'prev_hash_mismatch', events[0]!.metadata.hash!, GENESIS_HASH),
      breakAt(1, 'hash_mismatch', eventHash(GENESIS_HASH, rewired), events[1]!.metadata.hash!),
    ]);
  });

  it('names an event whose prevHash and hash were stripped after the chain began: unchained, and the walk goes on', () => {
    const events = chained([event(0, 'a'), event(1, 'b'), event(2, 'c')]);
    const stripped = { ...events[1]!, metadata: { actor: 'user-1' } };
    expect(walk([events[0]!, stripped, events[2]!]).breaks).toEqual([breakAt(1, 'unchained', events[1]!.metadata.hash!, NOTHING_STORED)]);
  });

  it('names a hashed event with no prevHash', () => {
    const [first] = chained([event(0, 'a')]);
    const { prevHash: _dropped, ...metadata } = first!.metadata;
    expect(walk([{ ...first!, metadata }]).breaks).toEqual([breakAt(0, 'prev_hash_mismatch', GENESIS_HASH, NOTHING_STORED)]);
  });

  it('anchors events written before chains existed at the first chained event, and counts them', () => {
    const legacy = [event(0, 'a'), event(1, 'b')];
    const anchor = chainedHashAfter(chainedHashAfter(GENESIS_HASH, legacy[0]!), legacy[1]!);
    const later = chained([event(2, 'c'), event(3, 'd')], anchor);
    expect(walk([...legacy, ...later])).toMatchObject({ breaks: [], beforeAnchor: 2 });
  });

  it('names the first chained event when an event before the anchor was edited', () => {
    const legacy = [event(0, 'a'), event(1, 'b')];
    const anchor = chainedHashAfter(chainedHashAfter(GENESIS_HASH, legacy[0]!), legacy[1]!);
    const later = chained([event(2, 'c')], anchor);
    const editedLegacy = { ...legacy[0]!, data: { name: 'edited' } };
    const { breaks } = walk([editedLegacy, legacy[1]!, ...later]);
    expect(breaks.map(({ revision, kind, found }) => ({ revision, kind, found }))).toEqual([
      { revision: 2n, kind: 'prev_hash_mismatch', found: anchor },
    ]);
  });

  it('finds no break in a stream with no chained event at all (all of it before chains existed)', () => {
    expect(walk([event(0, 'a'), event(1, 'b')])).toMatchObject({ breaks: [], beforeAnchor: 2 });
  });
});
