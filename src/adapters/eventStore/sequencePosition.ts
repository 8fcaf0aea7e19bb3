import type { Position } from '../../ports/eventStore';

const WIDTH = 20;
const SEQUENCE_POSITION = /^\d{20}$/;

/** A global sequence number as a position: zero-padded so that string order is numeric order. */
export function sequencePosition(sequence: number): Position {
  return String(sequence).padStart(WIDTH, '0');
}

export function parseSequencePosition(position: Position): number {
  if (!SEQUENCE_POSITION.test(position)) throw new Error(`invalid event store position: ${JSON.stringify(position)}`);
  return Number(position);
}
