/**
 * The projection write guard: a write carrying `position` applies only when the stored document has no
 * `_position` or a lower one. Strings compare by UTF-8 bytes, as MongoDB and SQLite compare them.
 */
export function acceptsPosition(stored: unknown, position: string): boolean {
  if (stored === undefined) return true;
  return typeof stored === 'string' && Buffer.compare(Buffer.from(stored), Buffer.from(position)) < 0;
}
