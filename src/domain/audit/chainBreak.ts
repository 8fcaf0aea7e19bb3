import type { Position } from '../../ports/eventStore';

export const CHAIN_BREAK_KINDS = [
  /** The stored `hash` is not the hash of the event as stored: its type, data or metadata were edited. */
  'hash_mismatch',
  /** `prevHash` is not the hash of the event before it: an event before it was removed, edited or inserted. */
  'prev_hash_mismatch',
  /** A revision is missing from the stream: a row was deleted. */
  'missing_revision',
  /** An event without a hash after the stream's chain began: its hash was stripped. */
  'unchained',
] as const;
export type ChainBreakKind = (typeof CHAIN_BREAK_KINDS)[number];

/** One place a stream's chain does not hold. */
export interface ChainBreak {
  stream: string;
  revision: bigint;
  position: Position;
  kind: ChainBreakKind;
  /** What the chain says should be there (a hash, or a revision number). */
  expected: string;
  /** What the store holds there. */
  found: string;
}
