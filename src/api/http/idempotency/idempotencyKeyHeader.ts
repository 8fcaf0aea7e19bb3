import type { Request } from 'express';
import { ApiError } from '../apiError';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

const WELL_FORMED_KEY = /^[\x20-\x7e]{1,255}$/;

/** The request's Idempotency-Key, or null without one; a key that is not 1..255 printable ASCII characters is refused. */
export function idempotencyKeyOf(req: Request): string | null {
  const key = req.get(IDEMPOTENCY_KEY_HEADER);
  if (key === undefined) return null;
  if (!WELL_FORMED_KEY.test(key)) {
    throw new ApiError('validation_error', `the ${IDEMPOTENCY_KEY_HEADER} header must be 1 to 255 printable ASCII characters`, [
      { path: 'header.idempotency-key', message: 'expected 1 to 255 printable ASCII characters' },
    ]);
  }
  return key;
}
