import type { Request } from 'express';
import { isPosition } from '../../ports/eventStore';
import { ApiError } from './apiError';
import type { Principal } from '../auth/principal';

const SOURCES = [
  { name: 'after_position', path: 'query.after_position', read: (req: Request): unknown => req.query.after_position },
  {
    name: 'X-Filora-Min-Position',
    path: 'header.x-filora-min-position',
    read: (req: Request): unknown => req.get('x-filora-min-position'),
  },
];

/**
 * The position a read must wait for: `?after_position=`, the X-Filora-Min-Position header, or the
 * position the caller's credentials were issued at, whichever is latest (positions order as strings).
 */
export async function requiredPosition(
  req: Request,
  principal: Principal | null,
  headPosition: () => Promise<string | null>,
): Promise<string | null> {
  const candidates: string[] = [];
  for (const source of SOURCES) {
    const value = source.read(req);
    if (value === undefined) continue;
    if (typeof value !== 'string' || !isPosition(value)) {
      throw new ApiError('validation_error', `${source.name} is malformed: expected a position returned by a write (X-Filora-Position)`, [
        { path: source.path, message: 'expected a position returned by a write' },
      ]);
    }
    candidates.push(value);
  }
  // A position past the head was never returned by a write here: waiting for it would only burn the wait bound.
  if (candidates.length > 0) {
    const head = (await headPosition()) ?? '';
    if (candidates.some((candidate) => candidate > head)) {
      throw new ApiError('validation_error', 'after_position is ahead of the event log', [
        { path: 'query.after_position', message: 'expected a position returned by a write' },
      ]);
    }
  }
  if (principal?.minPosition) candidates.push(principal.minPosition);
  return candidates.length === 0 ? null : candidates.reduce((latest, next) => (next > latest ? next : latest));
}
