import type { IncomingCallEvent } from '../../domain/incoming/incomingCallEvents';
import { incomingCallEvent } from '../../domain/incoming/incomingCallEvents';
import { incomingWebhookDeleted } from '../../domain/incoming/incomingWebhookEvents';
import type { IncomingCallRow } from '../../incoming/incomingPorts';
import { INCOMING_WEBHOOK_CALLS } from '../../incoming/incomingPorts';
import type { ReadStore } from '../../ports/readStore';
import type { DocumentChange } from '../documentProjection';
import { documentProjection } from '../documentProjection';
import { evolveDocument } from '../evolveDocument';
import type { IncomingCallStatsRow } from './incomingCallQueries';
import { INCOMING_WEBHOOK_CALL_STATS } from './incomingCallQueries';

const DELETED = incomingWebhookDeleted.shape.type.value;
type CallsEvent = IncomingCallEvent | { type: typeof DELETED; data: { incomingWebhookId: string } };

function evolveCall(row: IncomingCallRow | null, event: CallsEvent): IncomingCallRow | null {
  switch (event.type) {
    case 'IncomingCallReceived': {
      const { callId, leaseUntil: _leaseUntil, ...arrival } = event.data;
      return { _id: callId, ...arrival, outcome: 'running', status: null, resultId: null, errors: [], finishedAt: null };
    }
    case 'IncomingCallFinished': {
      const { outcome, answer, resultId, errors, finishedAt } = event.data;
      return row && { ...row, outcome, status: answer.status, resultId, errors, finishedAt };
    }
    case DELETED:
      return null;
  }
}

const noStats = (incomingWebhookId: string): IncomingCallStatsRow => ({
  _id: incomingWebhookId,
  total: 0,
  succeeded: 0,
  failed: 0,
  lastCallAt: null,
});

/** The hook's counts after the event: a call received, a call finished, or the hook gone with its log. */
async function countCalls(tx: ReadStore, { event }: DocumentChange<CallsEvent, IncomingCallRow>): Promise<void> {
  const hookId = event.data.incomingWebhookId;
  await evolveDocument<IncomingCallStatsRow>(tx, INCOMING_WEBHOOK_CALL_STATS, hookId, (row) => {
    const stats = row ?? noStats(hookId);
    switch (event.type) {
      case 'IncomingCallReceived': {
        const { receivedAt } = event.data;
        const lastCallAt = stats.lastCallAt !== null && stats.lastCallAt > receivedAt ? stats.lastCallAt : receivedAt;
        return { ...stats, total: stats.total + 1, lastCallAt };
      }
      case 'IncomingCallFinished':
        // No row: the hook was deleted while the call ran, and its counts went with it.
        if (!row) return null;
        return event.data.outcome === 'succeeded' ? { ...stats, succeeded: stats.succeeded + 1 } : { ...stats, failed: stats.failed + 1 };
      case DELETED:
        return null;
    }
  });
}

/**
 * The call log (INCOMING_WEBHOOK_CALLS, one row per call, `running` until it finished) and each hook's counts
 * (INCOMING_WEBHOOK_CALL_STATS). A deleted hook's log goes with it: nobody can read it any more.
 */
export const incomingCallsProjection = documentProjection<CallsEvent, IncomingCallRow>({
  name: 'incoming_webhook_calls',
  version: 1,
  collection: INCOMING_WEBHOOK_CALLS,
  otherCollections: [INCOMING_WEBHOOK_CALL_STATS],
  handles: [...incomingCallEvent.options.map((option) => option.shape.type.value), DELETED],

  async setup(store) {
    await store.ensureIndex(INCOMING_WEBHOOK_CALLS, {
      fields: [
        ['incomingWebhookId', 1],
        ['receivedAt', -1],
        ['_id', -1],
      ],
    });
    await store.ensureIndex(INCOMING_WEBHOOK_CALLS, {
      fields: [
        ['incomingWebhookId', 1],
        ['outcome', 1],
        ['receivedAt', -1],
        ['_id', -1],
      ],
    });
  },
  parse: (event) => (event.type === DELETED ? incomingWebhookDeleted.parse(event) : incomingCallEvent.parse(event)),
  key: (event) => (event.type === DELETED ? { matching: { incomingWebhookId: event.data.incomingWebhookId } } : event.data.callId),
  evolve: evolveCall,
  alongside: countCalls,
});
