import type { Position } from '../../ports/eventStore';

const WIDTH = 20;
const LARGEST = '9'.repeat(WIDTH);

/**
 * The greatest position below `position` that no event can hold between the two, so that reading after it
 * starts with the event at `position` (an inclusive start for readAll's exclusive `after`). Positions are one
 * sequence number or EventStoreDB's commit/prepare pair (see POSITION_SHAPE); null for the very first.
 */
export function positionJustBefore(position: Position): Position | null {
  const parts = position.split('/').map(BigInt);
  for (let index = parts.length - 1; index >= 0; index--) {
    if (parts[index]! > 0n) {
      parts[index] = parts[index]! - 1n;
      return parts.map((part, at) => (at > index ? LARGEST : String(part).padStart(WIDTH, '0'))).join('/');
    }
  }
  return null;
}
