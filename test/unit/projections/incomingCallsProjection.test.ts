import { INCOMING_WEBHOOK_CALLS } from '../../../src/incoming/incomingPorts';
import { INCOMING_WEBHOOK_CALL_STATS } from '../../../src/projections/incoming/incomingCallQueries';
import { incomingCallsProjection } from '../../../src/projections/incoming/incomingCallsProjection';
import { projectionSpec } from './projectionSpec';
import { RecordedEvents, uuid } from './recordedEvents';

const spec = projectionSpec(incomingCallsProjection);
const ALICE = uuid(1);
const HOOK = uuid(40);
const OTHER_HOOK = uuid(41);
const FIRST = uuid(50);
const SECOND = uuid(51);
const THIRD = uuid(52);
const FILE = uuid(60);

describe('incoming calls projection', () => {
  const log = new RecordedEvents();
  const arrival = (callId: string, receivedAt: string, incomingWebhookId = HOOK) => ({
    callId,
    incomingWebhookId,
    ownerId: ALICE,
    messageId: 'msg_1',
    receivedAt,
    ip: '203.0.113.7',
    sizeBytes: 42,
    payloadExcerpt: '{"password":"***"}',
    leaseUntil: '2026-01-01T00:01:00.000Z',
  });
  const ending = (
    callId: string,
    outcome: string,
    status: number,
    resultId: string | null,
    finishedAt: string,
    incomingWebhookId = HOOK,
  ) => ({
    callId,
    incomingWebhookId,
    ownerId: ALICE,
    outcome,
    resultId,
    errors: outcome === 'mapping_failed' ? [{ path: 'name', message: 'no value at payload path contact.name' }] : [],
    answer: { status, body: {} },
    finishedAt,
  });
  const firstReceived = log.record('IncomingCallReceived', arrival(FIRST, '2026-01-01T00:00:01.000Z'));
  const firstFinished = log.record('IncomingCallFinished', ending(FIRST, 'succeeded', 201, FILE, '2026-01-01T00:00:02.000Z'));
  const secondReceived = log.record('IncomingCallReceived', arrival(SECOND, '2026-01-01T00:00:03.000Z'));
  const secondFinished = log.record('IncomingCallFinished', ending(SECOND, 'mapping_failed', 422, null, '2026-01-01T00:00:04.000Z'));
  const thirdReceived = log.record('IncomingCallReceived', arrival(THIRD, '2026-01-01T00:00:05.000Z', OTHER_HOOK));
  const hookDeleted = log.record('IncomingWebhookDeleted', { incomingWebhookId: HOOK, ownerId: ALICE });

  const { leaseUntil: _lease, callId: _callId, ...logged } = arrival(FIRST, '2026-01-01T00:00:01.000Z');
  const running = { _id: FIRST, ...logged, outcome: 'running', status: null, resultId: null, errors: [], finishedAt: null };

  it('logs a call as running when it arrives, without its lease', () =>
    spec.given([firstReceived]).then({
      [INCOMING_WEBHOOK_CALLS]: [running],
      [INCOMING_WEBHOOK_CALL_STATS]: [{ _id: HOOK, total: 1, succeeded: 0, failed: 0, lastCallAt: '2026-01-01T00:00:01.000Z' }],
    }));

  it('completes the row when the call finished, and counts successes and failures per hook', () =>
    spec.given([firstReceived, firstFinished, secondReceived, secondFinished, thirdReceived]).then({
      [INCOMING_WEBHOOK_CALLS]: [
        { ...running, outcome: 'succeeded', status: 201, resultId: FILE, finishedAt: '2026-01-01T00:00:02.000Z' },
        {
          ...running,
          _id: SECOND,
          receivedAt: '2026-01-01T00:00:03.000Z',
          outcome: 'mapping_failed',
          status: 422,
          errors: [{ path: 'name', message: 'no value at payload path contact.name' }],
          finishedAt: '2026-01-01T00:00:04.000Z',
        },
        { ...running, _id: THIRD, incomingWebhookId: OTHER_HOOK, receivedAt: '2026-01-01T00:00:05.000Z' },
      ],
      [INCOMING_WEBHOOK_CALL_STATS]: [
        { _id: HOOK, total: 2, succeeded: 1, failed: 1, lastCallAt: '2026-01-01T00:00:03.000Z' },
        { _id: OTHER_HOOK, total: 1, succeeded: 0, failed: 0, lastCallAt: '2026-01-01T00:00:05.000Z' },
      ],
    }));

  it('drops a deleted hook’s log and counts, keeps the other hooks’, and counts nothing for a call that ends after', () =>
    spec.given([firstReceived, firstFinished, secondReceived, thirdReceived, hookDeleted, secondFinished]).then({
      [INCOMING_WEBHOOK_CALLS]: [{ ...running, _id: THIRD, incomingWebhookId: OTHER_HOOK, receivedAt: '2026-01-01T00:00:05.000Z' }],
      [INCOMING_WEBHOOK_CALL_STATS]: [{ _id: OTHER_HOOK, total: 1, succeeded: 0, failed: 0, lastCallAt: '2026-01-01T00:00:05.000Z' }],
    }));
});
