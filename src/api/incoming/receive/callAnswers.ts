import type { CallOutcome } from '../../../domain/incoming/incomingCallEvents';
import type { CallResult, IncomingRunResult } from '../../../incoming/incomingPorts';
import type { ApiError } from '../../http/apiError';
import { errorBody } from '../../http/errorHandler';

/** What a receive URL answers a call that ran: the entry it created or changed. */
export interface ReceivedCallBody {
  id: string;
  resource: 'file' | 'folder';
  result: 'created' | 'updated';
  call_id: string;
}

export function succeeded(callId: string, ran: IncomingRunResult): CallResult {
  const body: ReceivedCallBody = {
    id: ran.id,
    resource: ran.resource,
    result: ran.status === 201 ? 'created' : 'updated',
    call_id: callId,
  };
  return { outcome: 'succeeded', answer: { status: ran.status, body }, resultId: ran.id, errors: [] };
}

/** A call that ended with an error: answered in the API's envelope, its details kept as the call's errors. */
export const failed = (outcome: CallOutcome, error: ApiError, requestId: string): CallResult => ({
  outcome,
  answer: { status: error.status, body: errorBody(error, requestId) },
  resultId: null,
  errors: error.details,
});
