import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../../../src/adapters/eventStore/sqliteEventStore';
import { SqliteDatabase } from '../../../../src/adapters/sqlite/sqliteDatabase';
import { canonicalJson, chainedHashAfter, chainEvents, eventHash, GENESIS_HASH } from '../../../../src/domain/audit/eventHash';
import type { HashedEvent } from '../../../../src/domain/audit/eventHash';

const event = (data: Record<string, unknown>, metadata: HashedEvent['metadata'] = { actor: 'u1' }): HashedEvent => ({
  type: 'Something',
  data,
  metadata,
});

describe('canonicalJson', () => {
  it('sorts object members by key at every depth, whatever order they were written in', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
  });

  it('leaves out undefined members and writes undefined array items as null, as JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, b: null, c: [undefined, 1] })).toBe('{"b":null,"c":[null,1]}');
    const value = { a: undefined, b: null, c: [undefined, 1] };
    expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value));
  });

  it('writes strings, numbers and dates as JSON does, and refuses what JSON cannot hold', () => {
    expect(canonicalJson({ s: 'é"\n', n: 1.5, big: 1e21, at: new Date('2026-01-01T00:00:00Z') })).toBe(
      '{"at":"2026-01-01T00:00:00.000Z","big":1e+21,"n":1.5,"s":"é\\"\\n"}',
    );
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
  });
});

describe('eventHash', () => {
  it('covers the previous hash, the type, the data and the metadata, but not the chain fields themselves', () => {
    const base = eventHash(GENESIS_HASH, event({ name: 'a' }));
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(eventHash('1'.repeat(64), event({ name: 'a' }))).not.toBe(base);
    expect(eventHash(GENESIS_HASH, { ...event({ name: 'a' }), type: 'Other' })).not.toBe(base);
    expect(eventHash(GENESIS_HASH, event({ name: 'b' }))).not.toBe(base);
    expect(eventHash(GENESIS_HASH, event({ name: 'a' }, { actor: 'u2' }))).not.toBe(base);
    expect(eventHash(GENESIS_HASH, event({ name: 'a' }, { actor: 'u1', prevHash: 'x', hash: 'y' }))).toBe(base);
  });

  it('recomputes, from an event stored in SQLite and read back, the hash it was appended with', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'filora-hash-'));
    const db = new SqliteDatabase({ path: join(dir, 'filora.db') });
    const store = new SqliteEventStore(db, { pollIntervalMs: 20 });
    try {
      const data = { z: 'last', a: { nested: [1, 'two', null, { y: true, x: -0.5 }] }, gone: undefined, unicode: 'ü😀' };
      const metadata = { requestId: 'r1', actor: 'u1', tokenId: undefined, ip: '::1' };
      const { events, lastHash } = chainEvents(GENESIS_HASH, [
        { id: '00000000-0000-4000-8000-000000000001', type: 'Something', data, metadata },
        { id: '00000000-0000-4000-8000-000000000002', type: 'Else', data: { n: 2 }, metadata },
      ]);
      await store.append('thing-1', events, { expectedRevision: 'no_stream' });
      const [first, second] = await store.readStream('thing-1');
      expect(first!.metadata.hash).toBe(eventHash(GENESIS_HASH, first!));
      expect(second!.metadata.prevHash).toBe(first!.metadata.hash);
      expect(second!.metadata.hash).toBe(eventHash(first!.metadata.hash!, second!));
      expect(second!.metadata.hash).toBe(lastHash);
    } finally {
      await store.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('chainEvents and chainedHashAfter', () => {
  it('chains each event to the one before it, from the given previous hash, without changing the events given', () => {
    const given = [event({ n: 1 }), event({ n: 2 }), event({ n: 3 })];
    const { events, lastHash } = chainEvents('a'.repeat(64), given);
    expect(events.map((chained) => chained.metadata.prevHash)).toEqual([
      'a'.repeat(64),
      events[0]!.metadata.hash,
      events[1]!.metadata.hash,
    ]);
    events.forEach((chained) => expect(chained.metadata.hash).toBe(eventHash(chained.metadata.prevHash!, chained)));
    expect(lastHash).toBe(events[2]!.metadata.hash);
    expect(given[0]!.metadata).toEqual({ actor: 'u1' });
    expect(chainEvents(GENESIS_HASH, [])).toEqual({ events: [], lastHash: GENESIS_HASH });
  });

  it("takes a chained event's stored hash, and gives an event from before chains the hash it would have had", () => {
    const [chained] = chainEvents(GENESIS_HASH, [event({ n: 1 })]).events;
    expect(chainedHashAfter('anything', chained!)).toBe(chained!.metadata.hash);
    const legacy = event({ n: 1 });
    expect(chainedHashAfter(GENESIS_HASH, legacy)).toBe(eventHash(GENESIS_HASH, legacy));
  });
});
