import { createHash } from 'node:crypto';
import type { EventMetadata } from '../../ports/eventStore';

/** The `prevHash` of a stream's first event: there is nothing before it. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Canonical JSON (RFC 8785's rules for the values events hold): object members sorted by key in UTF-16
 * code-unit order, no whitespace, strings and numbers as JSON.stringify writes them, and members whose value
 * is undefined left out, as JSON.stringify does. So the hash computed before an append equals the one
 * computed from the stored JSON, in any adapter, whatever order the members were written in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return canonicalJson((value as { toJSON(): unknown }).toJSON());
  }
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no form for a non-finite number');
      return JSON.stringify(value);
    case 'object':
      if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
      return `{${Object.keys(value)
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .sort()
        .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
        .join(',')}}`;
    default:
      throw new TypeError(`canonical JSON has no form for a ${typeof value}`);
  }
}

/** What an event's hash covers. */
export interface HashedEvent {
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

/**
 * SHA-256 (hex) over the canonical JSON of the previous event's hash, this event's type, its data and its
 * metadata (without its own `prevHash` and `hash`, which are the chain, not the event).
 */
export function eventHash(prevHash: string, event: HashedEvent): string {
  const { prevHash: _previous, hash: _own, ...metadata } = event.metadata;
  return createHash('sha256')
    .update(canonicalJson({ prev_hash: prevHash, type: event.type, data: event.data, metadata }))
    .digest('hex');
}

/**
 * The hash the next event of a stream chains to after `event`. An event written before streams had chains
 * carries no `hash`: its place in the chain is the hash it would have had, so the first chained event of an
 * older stream anchors all the history before it (an edit there changes that anchor, and verification names it).
 */
export const chainedHashAfter = (previous: string, event: HashedEvent): string => event.metadata.hash ?? eventHash(previous, event);

/** The events with `prevHash` and `hash` set, chained on from `previous` (the stream's last hash, or GENESIS_HASH). */
export function chainEvents<E extends HashedEvent>(previous: string, events: readonly E[]): { events: E[]; lastHash: string } {
  let prevHash = previous;
  const chained = events.map((event) => {
    const metadata = { ...event.metadata, prevHash, hash: eventHash(prevHash, event) };
    prevHash = metadata.hash;
    return { ...event, metadata };
  });
  return { events: chained, lastHash: prevHash };
}
