import { ApiError } from '../../http/apiError';
import { illFormedTextPath } from '../../http/wellFormedText';
import { nestsDeeperThan, TOO_DEEP_MESSAGE } from '../../../domain/incoming/mapping/payloadDepth';

export type ParsedPayload = { ok: true; payload: Record<string, unknown> } | { ok: false; error: ApiError };

const refused = (message: string, path = 'body', detail = message): ParsedPayload => ({
  ok: false,
  error: new ApiError('validation_error', message, [{ path, message: detail }]),
});

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A call's body as the mapping reads it: a JSON object, in UTF-8, whatever Content-Type the sender set. */
export function parsePayload(bytes: Buffer): ParsedPayload {
  let payload: unknown;
  try {
    payload = JSON.parse(utf8.decode(bytes));
  } catch {
    return refused('the request body is not JSON in UTF-8');
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    return refused('the request body must be a JSON object', 'body', 'must be an object');
  if (nestsDeeperThan(payload)) return refused(`the request body ${TOO_DEEP_MESSAGE}`, 'body', TOO_DEEP_MESSAGE);
  const illFormed = illFormedTextPath(payload, 'body');
  if (illFormed !== null)
    return refused('the request body holds text that is not well-formed Unicode', illFormed, 'must not contain unpaired surrogates');
  return { ok: true, payload: payload as Record<string, unknown> };
}
