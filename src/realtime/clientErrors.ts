import { ApiError } from '../api/http/apiError';
import { toApiError } from '../api/http/errorHandler';
import type { CloseReason } from './connection';

/** The error a client is told about a request it made: the envelope's code and message, never a stack. */
export function clientError(error: unknown): { code: string; message: string } {
  const known = toApiError(error);
  return known ? { code: known.code, message: known.message } : { code: 'internal_error', message: 'an unexpected error occurred' };
}

/**
 * Why a request's error ends the connection, or null when the connection stays: a resume cursor the feed
 * cannot continue from (`reset`, older than it keeps or ahead of its log) leaves nothing to follow, and the
 * client must take a snapshot, as the feed's routes answer 410.
 */
export function closeReasonOf(error: unknown): CloseReason | null {
  return error instanceof ApiError && error.code === 'reset' ? { code: 'reset', message: `reset: ${error.message}` } : null;
}
