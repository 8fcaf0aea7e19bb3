import { randomUUID } from 'node:crypto';
import { MemoryEventStore } from '../../../src/adapters/eventStore/memoryEventStore';
import { callStreamIdOf, IncomingCalls } from '../../../src/commands/incoming/incomingCalls';
import { CommandPipeline } from '../../../src/commands/pipeline';
import { incomingCallStream } from '../../../src/domain/incoming/incomingCallEvents';
import type { CallResult, ReceivedCall } from '../../../src/incoming/incomingPorts';

const LEASE_MS = 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The call log as two API processes over one event store see it, each with its own pipeline, on one clock. */
function callLog() {
  const eventStore = new MemoryEventStore();
  let now = new Date('2026-03-01T12:00:00.000Z');
  const clock = { advance: (ms: number) => (now = new Date(now.getTime() + ms)), now: () => now };
  const process = () =>
    new IncomingCalls(new CommandPipeline(eventStore, { now: clock.now }), { leaseMs: LEASE_MS, replayWindowMs: DAY_MS });
  return { calls: process(), other: process(), clock, eventStore };
}

const incomingWebhookId = randomUUID();
const call = (messageId: string | null, body = '{"name":"a.txt","password":"hunter2"}'): ReceivedCall => ({
  incomingWebhookId,
  ownerId: randomUUID(),
  messageId,
  ip: '203.0.113.7',
  body: Buffer.from(body),
});
const created = (id: string): CallResult => ({
  outcome: 'succeeded',
  resultId: id,
  errors: [],
  answer: { status: 201, body: { id, resource: 'file', result: 'created' } },
});
const [F1, F2, F3, LATE] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
const crashed: CallResult = { outcome: 'command_failed', resultId: null, errors: [], answer: { status: 500, body: {} } };

describe('incoming calls', () => {
  it('runs a call without a message id every time, each under an id of its own', async () => {
    const { calls } = callLog();
    const first = await calls.begin(call(null));
    const second = await calls.begin(call(null));
    expect(first.kind).toBe('run');
    expect(second.kind).toBe('run');
    expect(second.callId).not.toBe(first.callId);
  });

  it('answers a repeated message id with the first answer, even from another process', async () => {
    const { calls, other } = callLog();
    const received = call('msg_1');
    const first = await calls.begin(received);
    expect(first).toEqual({ kind: 'run', callId: callStreamIdOf(incomingWebhookId, 'msg_1') });
    await calls.finish(first.callId, received, created(F1));
    expect(await other.begin(call('msg_1'))).toEqual({ kind: 'replay', callId: first.callId, answer: created(F1).answer });
  });

  it('keeps message ids of different hooks apart', () => {
    expect(callStreamIdOf(randomUUID(), 'msg_1')).not.toBe(callStreamIdOf(incomingWebhookId, 'msg_1'));
  });

  it('runs one of ten concurrent repeats; the others hear it is in progress', async () => {
    const { calls, other } = callLog();
    const starts = await Promise.all(Array.from({ length: 10 }, (_, n) => (n % 2 === 0 ? calls : other).begin(call('msg_race'))));
    expect(starts.filter((start) => start.kind === 'run')).toHaveLength(1);
    expect(starts.filter((start) => start.kind === 'in_progress')).toHaveLength(9);
    expect(new Set(starts.map((start) => start.callId)).size).toBe(1);
  });

  it('runs a repeat again once the lease of an unfinished call lapsed, and lets the first still finish', async () => {
    const { calls, clock } = callLog();
    const received = call('msg_slow');
    const first = await calls.begin(received);
    clock.advance(LEASE_MS - 1);
    expect((await calls.begin(received)).kind).toBe('in_progress');
    clock.advance(1);
    const second = await calls.begin(received);
    expect(second.kind).toBe('run');
    expect(second.callId).not.toBe(first.callId);
    await calls.finish(first.callId, received, created(LATE));
    expect((await calls.begin(received)).kind).toBe('in_progress');
    await calls.finish(second.callId, received, created(F2));
    expect(await calls.begin(received)).toEqual({ kind: 'replay', callId: second.callId, answer: created(F2).answer });
  });

  it('runs a repeat again after a 5xx, and after the 24-hour window', async () => {
    const { calls, clock } = callLog();
    const received = call('msg_retry');
    const first = await calls.begin(received);
    await calls.finish(first.callId, received, crashed);
    const second = await calls.begin(received);
    expect(second.kind).toBe('run');
    await calls.finish(second.callId, received, created(F3));
    clock.advance(DAY_MS - 1);
    expect((await calls.begin(received)).kind).toBe('replay');
    clock.advance(1);
    expect((await calls.begin(received)).kind).toBe('run');
  });

  it('logs a refused call apart from its message id, so the genuine call with that id still runs', async () => {
    const { calls, eventStore } = callLog();
    const forged = call('msg_forged');
    await calls.refuse(forged, { outcome: 'invalid_signature', resultId: null, errors: [], answer: { status: 401, body: {} } });
    expect((await calls.begin(call('msg_forged'))).kind).toBe('run');
    const logged = (await eventStore.readAll({ after: null, limit: 10 })).map((event) => [event.type, event.data.outcome ?? null]);
    expect(logged).toEqual([
      ['IncomingCallReceived', null],
      ['IncomingCallFinished', 'invalid_signature'],
      ['IncomingCallReceived', null],
    ]);
  });

  it('records the size (the announced one of a body read only in part), the masked excerpt and the hook and its owner as the actor', async () => {
    const { calls, eventStore } = callLog();
    const received = { ...call('msg_meta'), sizeBytes: 5_000_000 };
    const start = await calls.begin(received);
    const [event] = await eventStore.readStream(incomingCallStream(start.callId));
    expect(event!.data).toMatchObject({ sizeBytes: 5_000_000, payloadExcerpt: '{"name":"a.txt","password":"***"}', messageId: 'msg_meta' });
    const { prevHash: _prevHash, hash: _hash, ...metadata } = event!.metadata;
    expect(metadata).toEqual({ actor: received.ownerId, incomingWebhookId });
    const plain = await calls.begin(call(null, 'not json'));
    const [unsized] = await eventStore.readStream(incomingCallStream(plain.callId));
    expect(unsized!.data).toMatchObject({ sizeBytes: 8, payloadExcerpt: 'not json' });
  });
});
