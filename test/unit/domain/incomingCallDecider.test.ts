import type { CallArrival, CallEnding, IncomingCallCommand } from '../../../src/domain/incoming/incomingCallDecider';
import { incomingCallDecider, repeatVerdict } from '../../../src/domain/incoming/incomingCallDecider';
import type { IncomingCallEvent } from '../../../src/domain/incoming/incomingCallEvents';
import { fold } from '../../../src/domain/shared/decider';
import { FIXED_NOW, given } from '../../support/givenWhenThen';

const streamCallId = '11111111-1111-4111-8111-111111111111';
const incomingWebhookId = '22222222-2222-4222-8222-222222222222';
const ownerId = '44444444-4444-4444-8444-444444444444';
const resultId = '55555555-5555-4555-8555-555555555555';
const LEASE_MS = 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;
const timing = { leaseMs: LEASE_MS, replayWindowMs: DAY_MS };
const at = (offsetMs: number) => new Date(FIXED_NOW.getTime() + offsetMs).toISOString();
/** The id given() hands out first for a later run of the same stream. */
const secondRunId = '00000000-0000-4000-8000-000000000001';

const arrival: CallArrival = {
  incomingWebhookId,
  ownerId,
  messageId: 'msg_1',
  ip: '203.0.113.7',
  sizeBytes: 17,
  payloadExcerpt: '{"name":"a.txt"}',
};
const created: CallEnding = {
  outcome: 'succeeded',
  resultId,
  errors: [],
  answer: { status: 201, body: { id: resultId, resource: 'file', result: 'created', call_id: streamCallId } },
};
const crashed: CallEnding = { outcome: 'command_failed', resultId: null, errors: [], answer: { status: 500, body: { error: {} } } };

const received = (callId: string, receivedAt: string, leaseMs = LEASE_MS): IncomingCallEvent => ({
  type: 'IncomingCallReceived',
  data: { callId, ...arrival, receivedAt, leaseUntil: new Date(Date.parse(receivedAt) + leaseMs).toISOString() },
});
const finished = (callId: string, ending: CallEnding, finishedAt: string): IncomingCallEvent => ({
  type: 'IncomingCallFinished',
  data: { callId, incomingWebhookId, ownerId, ...ending, finishedAt },
});
const receive: IncomingCallCommand = { type: 'ReceiveCall', callId: streamCallId, arrival, timing };
const finish = (callId: string, ending: CallEnding): IncomingCallCommand => ({ type: 'FinishCall', callId, ending });

describe('incoming call decider', () => {
  it('receives a first call under the stream id, holding a lease', () => {
    given(incomingCallDecider, [])
      .when(receive)
      .then([received(streamCallId, at(0))]);
  });

  it('answers a repeat within the lease with nothing appended: it is in progress', () => {
    const history = [received(streamCallId, at(-59_000))];
    given(incomingCallDecider, history).when(receive).then([]);
    expect(repeatVerdict(fold(incomingCallDecider, history), FIXED_NOW, timing)).toBe('in_progress');
  });

  it('runs a repeat again, under an id of its own, once the lease lapsed with nothing finished', () => {
    given(incomingCallDecider, [received(streamCallId, at(-60_000))])
      .when(receive)
      .then([received(secondRunId, at(0))]);
  });

  it('replays a finished call to a repeat within 24 hours', () => {
    const history = [received(streamCallId, at(-DAY_MS + 1000)), finished(streamCallId, created, at(-DAY_MS + 2000))];
    given(incomingCallDecider, history).when(receive).then([]);
    expect(repeatVerdict(fold(incomingCallDecider, history), FIXED_NOW, timing)).toBe('replay');
  });

  it('runs a repeat again after the 24 hours', () => {
    given(incomingCallDecider, [received(streamCallId, at(-DAY_MS)), finished(streamCallId, created, at(-DAY_MS + 1000))])
      .when(receive)
      .then([received(secondRunId, at(0))]);
  });

  it('runs a repeat again after a 5xx, which is never replayed', () => {
    given(incomingCallDecider, [received(streamCallId, at(-5000)), finished(streamCallId, crashed, at(-4000))])
      .when(receive)
      .then([received(secondRunId, at(0))]);
  });

  it.each([
    ['a mapping failure', { outcome: 'mapping_failed', status: 422 }],
    ['a name taken', { outcome: 'command_failed', status: 409 }],
    ['no such file', { outcome: 'command_failed', status: 404 }],
    ['over quota', { outcome: 'command_failed', status: 413 }],
  ] as const)(
    'runs a repeat again after %s: only a success is replayed, so a fixed hook lets the retry through',
    (_, { outcome, status }) => {
      const refused: CallEnding = { outcome, resultId: null, errors: [], answer: { status, body: { error: {} } } };
      const history = [received(streamCallId, at(-5000)), finished(streamCallId, refused, at(-4000))];
      given(incomingCallDecider, history)
        .when(receive)
        .then([received(secondRunId, at(0))]);
      expect(repeatVerdict(fold(incomingCallDecider, history), FIXED_NOW, timing)).toBe('run');
    },
  );

  it('measures a repeat against the latest run', () => {
    const history = [
      received(streamCallId, at(-10_000)),
      finished(streamCallId, crashed, at(-9000)),
      received(secondRunId, at(-5000)),
      finished(secondRunId, created, at(-4000)),
    ];
    const state = fold(incomingCallDecider, history);
    expect(repeatVerdict(state, FIXED_NOW, timing)).toBe('replay');
    expect(state.attempts[state.attempts.length - 1]).toMatchObject({ callId: secondRunId, answer: created.answer });
  });

  it('finishes a run once; a second finish appends nothing', () => {
    given(incomingCallDecider, [received(streamCallId, at(-1000))])
      .when(finish(streamCallId, created))
      .then([finished(streamCallId, created, at(0))]);
    given(incomingCallDecider, [received(streamCallId, at(-1000)), finished(streamCallId, created, at(-500))])
      .when(finish(streamCallId, crashed))
      .then([]);
  });

  it('still finishes a run whose lease lapsed while a later run holds the stream, without changing what a repeat hears', () => {
    const history = [received(streamCallId, at(-70_000)), received(secondRunId, at(-5000))];
    given(incomingCallDecider, history)
      .when(finish(streamCallId, created))
      .then([finished(streamCallId, created, at(0))]);
    const after = fold(incomingCallDecider, [...history, finished(streamCallId, created, at(0))]);
    expect(repeatVerdict(after, FIXED_NOW, timing)).toBe('in_progress');
  });

  it('refuses to finish a run that was never received', () => {
    given(incomingCallDecider, [])
      .when(finish(streamCallId, created))
      .thenFails('conflict', /never received/);
  });

  it('logs a refused call as received and finished at once, with no lease left to hold', () => {
    const refusal: CallEnding = {
      outcome: 'invalid_signature',
      resultId: null,
      errors: [],
      answer: { status: 401, body: { error: { code: 'unauthorized' } } },
    };
    given(incomingCallDecider, [])
      .when({ type: 'RefuseCall', callId: streamCallId, arrival, ending: refusal })
      .then([received(streamCallId, at(0), 0), finished(streamCallId, refusal, at(0))]);
  });
});
