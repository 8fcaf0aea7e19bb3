import type { Position } from '../ports/eventStore';

export interface PositionGroup<R> {
  position: Position | null;
  members: R[];
}

/** Orders positions as the log does; null (nothing applied yet) comes first. */
export function comparePositions(a: Position | null, b: Position | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/** Groups items that sit at the same log position, the furthest ahead first. */
export function groupByPosition<R>(items: readonly R[], positionOf: (item: R) => Position | null): PositionGroup<R>[] {
  const groups = new Map<Position | null, R[]>();
  for (const item of items) {
    const position = positionOf(item);
    const members = groups.get(position);
    if (members) members.push(item);
    else groups.set(position, [item]);
  }
  return [...groups].map(([position, members]) => ({ position, members })).sort((a, b) => comparePositions(b.position, a.position));
}
