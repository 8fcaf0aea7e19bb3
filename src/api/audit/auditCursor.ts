import type { Position } from '../../ports/eventStore';
import { isPosition } from '../../ports/eventStore';
import { ApiError } from '../http/apiError';
import { decodeCursor, encodeCursor } from '../http/pagination';

const invalidCursor = () =>
  new ApiError('validation_error', 'the cursor is not valid', [{ path: 'query.cursor', message: 'use next_cursor from a previous page' }]);

/** The log's cursor: the position a page ended at, opaque to clients (the pagination module's encoding). */
export const positionCursor = (position: Position): string => encodeCursor({ _id: position }, []);

export function positionOfCursor(cursor: string): Position {
  const { _id } = decodeCursor(cursor, []);
  if (!isPosition(_id)) throw invalidCursor();
  return _id;
}

/** One stream's cursor: the revision a page ended at. */
export const revisionCursor = (revision: bigint): string => encodeCursor({ _id: String(revision) }, []);

export function revisionOfCursor(cursor: string): bigint {
  const { _id } = decodeCursor(cursor, []);
  if (!/^\d{1,19}$/.test(_id)) throw invalidCursor();
  return BigInt(_id);
}
