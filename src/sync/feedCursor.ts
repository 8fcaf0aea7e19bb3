import type { Position } from '../ports/eventStore';
import { isPosition } from '../ports/eventStore';

const VERSION_PREFIX = 'v1:';

/** A feed cursor: the global position of the last event a client has, opaque to it (base64url of `v1:<position>`). */
export const cursorOf = (position: Position): string => Buffer.from(`${VERSION_PREFIX}${position}`).toString('base64url');

/** The position a cursor stands for, or null for anything this server did not hand out. */
export function positionOfCursor(cursor: string): Position | null {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(VERSION_PREFIX)) return null;
  const position = text.slice(VERSION_PREFIX.length);
  return isPosition(position) ? position : null;
}
