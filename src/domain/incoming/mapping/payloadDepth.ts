/**
 * How deep a payload may nest: far beyond what a form tool sends, and shallow enough that every walk of a
 * payload (masking, JSON.stringify of a mapped `$`) stays clear of the stack limit.
 */
export const MAX_PAYLOAD_DEPTH = 64;

export const TOO_DEEP_MESSAGE = `must not nest objects and lists more than ${MAX_PAYLOAD_DEPTH} levels deep`;

/** Whether a parsed JSON value nests deeper than `maxDepth` levels; iterative, so any depth is safe to ask about. */
export function nestsDeeperThan(value: unknown, maxDepth: number = MAX_PAYLOAD_DEPTH): boolean {
  const pending: Array<[unknown, number]> = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [current, depth] = next;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= maxDepth) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}
