import { createHmac } from 'node:crypto';
import { IncomingReceiver } from '../../../src/api/incoming/receive/incomingReceiver';
import type { IncomingRequest } from '../../../src/api/incoming/receive/incomingReceiver';
import type { RawBody } from '../../../src/api/incoming/receive/rawBody';
import { ApiError } from '../../../src/api/http/apiError';
import type { CurrentIncomingWebhook } from '../../../src/commands/incoming/incomingWebhookCommands';
import type { CallAnswer } from '../../../src/domain/incoming/incomingCallEvents';
import type { IncomingCommand } from '../../../src/domain/incoming/incomingCommand';
import type { VerificationSettings } from '../../../src/domain/incoming/incomingWebhookEvents';
import { notFound } from '../../../src/domain/shared/domainError';
import type {
  CallResult,
  CallStart,
  IncomingCalls,
  IncomingCommandRunner,
  IncomingRunResult,
  ReceivedCall,
} from '../../../src/incoming/incomingPorts';
import type { EventMetadata } from '../../../src/ports/eventStore';
import { JsonLogger } from '../../../src/adapters/logger/jsonLogger';

const HOOK_ID = '5a1b9f0e-3c2d-4e5f-8a9b-0c1d2e3f4a5b';
const OWNER_ID = '0f1e2d3c-4b5a-4697-8877-665544332211';
const FILE_ID = '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a';
const CALL_ID = '11111111-2222-4333-8444-555555555555';

/** The call log as the receiver uses it: what it was asked to record, and a scripted answer to `begin`. */
class RecordedCalls implements IncomingCalls {
  refused: Array<{ call: ReceivedCall; result: CallResult }> = [];
  begun: ReceivedCall[] = [];
  finished: Array<{ callId: string; result: CallResult }> = [];
  start: CallStart = { kind: 'run', callId: CALL_ID };
  finishFails = false;

  begin(call: ReceivedCall): Promise<CallStart> {
    this.begun.push(call);
    return Promise.resolve(this.start);
  }
  finish(callId: string, _call: ReceivedCall, result: CallResult): Promise<void> {
    if (this.finishFails) return Promise.reject(new Error('event store down'));
    this.finished.push({ callId, result });
    return Promise.resolve();
  }
  refuse(call: ReceivedCall, result: CallResult): Promise<void> {
    this.refused.push({ call, result });
    return Promise.resolve();
  }
}

class ScriptedRunner implements IncomingCommandRunner {
  ran: Array<{ ownerId: string; command: IncomingCommand; metadata: EventMetadata }> = [];
  constructor(private readonly outcome: () => Promise<IncomingRunResult>) {}
  run(owner: { userId: string }, command: IncomingCommand, metadata: EventMetadata): Promise<IncomingRunResult> {
    this.ran.push({ ownerId: owner.userId, command, metadata });
    return this.outcome();
  }
  plan(): Promise<never> {
    return Promise.reject(new Error('a call never plans'));
  }
}

const created = (): Promise<IncomingRunResult> =>
  Promise.resolve({ status: 201, resource: 'file', id: FILE_ID, position: '00000000000000000042' });

function hook(verification: VerificationSettings = { kind: 'none' }, encryptedSecret: string | null = null): CurrentIncomingWebhook {
  return {
    incomingWebhookId: HOOK_ID,
    ownerId: OWNER_ID,
    tokenHash: 'a'.repeat(64),
    encryptedSecret,
    settings: {
      name: 'contacts',
      action: 'create_file',
      fieldMapping: { name: 'name', content: 'content' },
      upsertField: null,
      folderId: null,
      verification,
      rateLimitPerMinute: 60,
      enabled: true,
    },
  };
}

const METADATA: EventMetadata = {
  actor: 'someone-who-sent-their-own-bearer-token',
  tokenId: 'their-token',
  requestId: 'req-1',
  correlationId: 'corr-1',
  causationId: 'req-1',
  ip: '203.0.113.9',
};

const whole = (payload: unknown): RawBody => ({
  kind: 'whole',
  bytes: Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload)),
});

function request(body: RawBody, headers: Record<string, string> = {}, target = hook()): IncomingRequest {
  return { hook: target, body, metadata: METADATA, ip: '203.0.113.9', header: (name) => headers[name.toLowerCase()] };
}

const admitted = (_hook: CurrentIncomingWebhook): Promise<void> => Promise.resolve();

function receiverWith(runner: IncomingCommandRunner, calls = new RecordedCalls(), admitRun = admitted) {
  // "Sealed" secrets in this test are the secret itself, reversed: enough to see that the receiver opens them.
  const openSecret = (sealed: string) => [...sealed].reverse().join('');
  return { calls, receiver: new IncomingReceiver({ calls, runner, admitRun, openSecret, logger: new JsonLogger('silent') }) };
}

const errorOf = (answer: CallAnswer | { body?: unknown }) => (answer.body as { error: { code: string; details: unknown[] } }).error;

describe('IncomingReceiver: calls refused before anything runs are logged as refused', () => {
  it('too large: 413, logged too_large with the size announced, nothing begun', async () => {
    const { calls, receiver } = receiverWith(new ScriptedRunner(created));
    const answer = await receiver.receive(request({ kind: 'too_large', head: Buffer.alloc(0), sizeBytes: 5_000_000, maxBytes: 1024 }));
    expect(answer.status).toBe(413);
    expect(errorOf(answer).code).toBe('payload_too_large');
    expect(calls.refused).toHaveLength(1);
    expect(calls.refused[0]!.call.sizeBytes).toBe(5_000_000);
    expect(calls.refused[0]!.result).toMatchObject({ outcome: 'too_large', answer: { status: 413 } });
    expect(calls.begun).toEqual([]);
  });

  it('a bad signature: 401, logged invalid_signature with the reason; a good one runs', async () => {
    const secret = 'shared secret';
    const hmacHook = hook({ kind: 'hmac_sha256', header: 'X-Signature' }, [...secret].reverse().join(''));
    const body = whole({ name: 'a.txt', content: 'hi' });
    const runner = new ScriptedRunner(created);
    const { calls, receiver } = receiverWith(runner);

    const forged = await receiver.receive(request(body, { 'x-signature': 'sha256=' + '0'.repeat(64) }, hmacHook));
    expect(forged.status).toBe(401);
    expect(calls.refused[0]!.result).toMatchObject({
      outcome: 'invalid_signature',
      errors: [{ path: 'signature', message: 'X-Signature does not match the body' }],
    });

    const signature = createHmac('sha256', secret)
      .update((body as { bytes: Buffer }).bytes)
      .digest('hex');
    expect((await receiver.receive(request(body, { 'x-signature': signature }, hmacHook))).status).toBe(201);
    expect(runner.ran).toHaveLength(1);
  });

  it.each([
    ['not JSON', 'name=a.txt&content=hi', 'body'],
    ['not UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]), 'body'],
    ['an array', [{ name: 'a.txt' }], 'body'],
    ['null', 'null', 'body'],
    ['a lone surrogate', '{"name":"\\ud800"}', 'body.name'],
  ])('%s: 400, logged invalid_payload', async (_case, payload, path) => {
    const { calls, receiver } = receiverWith(new ScriptedRunner(created));
    const body: RawBody = Buffer.isBuffer(payload) ? { kind: 'whole', bytes: payload } : whole(payload);
    const answer = await receiver.receive(request(body));
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toMatchObject({ code: 'validation_error', details: [{ path }] });
    expect(calls.refused[0]!.result.outcome).toBe('invalid_payload');
    expect(calls.begun).toEqual([]);
  });

  it('a message id too long to keep: 400, logged without it', async () => {
    const { calls, receiver } = receiverWith(new ScriptedRunner(created));
    const answer = await receiver.receive(request(whole({ name: 'a.txt' }), { 'webhook-id': 'x'.repeat(257) }));
    expect(answer.status).toBe(400);
    expect(errorOf(answer).details).toEqual([{ path: 'headers.webhook-id', message: 'at most 256 characters' }]);
    expect(calls.refused[0]!.call.messageId).toBeNull();
  });
});

describe('IncomingReceiver: repeats', () => {
  it('takes webhook-id, else Idempotency-Key, as the message id', async () => {
    const { calls, receiver } = receiverWith(new ScriptedRunner(created));
    await receiver.receive(request(whole({ name: 'a.txt' }), { 'webhook-id': 'msg_1', 'idempotency-key': 'key-1' }));
    await receiver.receive(request(whole({ name: 'a.txt' }), { 'idempotency-key': ' key-1 ' }));
    await receiver.receive(request(whole({ name: 'a.txt' })));
    expect(calls.begun.map((call) => call.messageId)).toEqual(['msg_1', 'key-1', null]);
  });

  it('answers a finished repeat as it was answered, marked Idempotent-Replayed, without running it', async () => {
    const runner = new ScriptedRunner(created);
    const { calls, receiver } = receiverWith(runner);
    const first = { status: 201, body: { id: FILE_ID, resource: 'file', result: 'created', call_id: CALL_ID } };
    calls.start = { kind: 'replay', callId: CALL_ID, answer: first };
    const answer = await receiver.receive(request(whole({ name: 'a.txt' }), { 'webhook-id': 'msg_1' }));
    expect(answer).toEqual({ ...first, headers: { 'Idempotent-Replayed': 'true' } });
    expect(runner.ran).toEqual([]);
    expect(calls.finished).toEqual([]);
  });

  it('refuses a repeat while the first still runs: 409 with Retry-After', async () => {
    const runner = new ScriptedRunner(created);
    const { calls, receiver } = receiverWith(runner);
    calls.start = { kind: 'in_progress', callId: CALL_ID };
    const refused = receiver.receive(request(whole({ name: 'a.txt' }), { 'webhook-id': 'msg_1' }));
    await expect(refused).rejects.toMatchObject({ code: 'conflict', headers: { 'Retry-After': '1' } });
    expect(runner.ran).toEqual([]);
  });
});

describe('IncomingReceiver: calls that run', () => {
  it('runs the mapped command as the owner, through the hook, and logs it succeeded', async () => {
    const runner = new ScriptedRunner(created);
    const { calls, receiver } = receiverWith(runner);
    const answer = await receiver.receive(request(whole({ name: 'contact.txt', content: 'Zoë' })));
    expect(answer).toEqual({
      status: 201,
      body: { id: FILE_ID, resource: 'file', result: 'created', call_id: CALL_ID },
      headers: {},
      position: '00000000000000000042',
    });
    expect(runner.ran).toEqual([
      {
        ownerId: OWNER_ID,
        command: { action: 'create_file', file: expect.objectContaining({ name: 'contact.txt', content: 'Zoë', folderId: null }) },
        metadata: {
          actor: OWNER_ID,
          incomingWebhookId: HOOK_ID,
          requestId: 'req-1',
          correlationId: 'corr-1',
          causationId: 'req-1',
          ip: '203.0.113.9',
        },
      },
    ]);
    expect(calls.finished).toEqual([
      { callId: CALL_ID, result: { outcome: 'succeeded', answer: { status: 201, body: answer.body }, resultId: FILE_ID, errors: [] } },
    ]);
  });

  it('answers an update 200 updated', async () => {
    const { receiver } = receiverWith(
      new ScriptedRunner(() => Promise.resolve({ status: 200, resource: 'file', id: FILE_ID, position: null })),
    );
    const answer = await receiver.receive(request(whole({ name: 'a.txt', content: 'x' })));
    expect(answer).toMatchObject({ status: 200, body: { result: 'updated' } });
  });

  it('a payload the mapping cannot map: 422 naming the field, logged mapping_failed, nothing run', async () => {
    const runner = new ScriptedRunner(created);
    const { calls, receiver } = receiverWith(runner);
    const answer = await receiver.receive(request(whole({ content: 'no name' })));
    expect(answer.status).toBe(422);
    const error = errorOf(answer);
    expect(error.code).toBe('unprocessable_entity');
    expect(error.details).toEqual([expect.objectContaining({ path: expect.stringContaining('name') })]);
    expect(calls.finished[0]!.result).toMatchObject({ outcome: 'mapping_failed', answer: { status: 422 }, errors: error.details });
    expect(runner.ran).toEqual([]);
  });

  it('a command the REST API would refuse: its status, logged command_failed', async () => {
    const { calls, receiver } = receiverWith(new ScriptedRunner(() => Promise.reject(notFound('folder not found'))));
    const answer = await receiver.receive(request(whole({ name: 'a.txt', content: 'x' })));
    expect(answer.status).toBe(404);
    expect(errorOf(answer).code).toBe('not_found');
    expect(calls.finished[0]!.result).toMatchObject({ outcome: 'command_failed', answer: { status: 404 }, resultId: null });
  });

  it('a refusal with headers answers them (a 503 with Retry-After)', async () => {
    const unavailable = new ApiError('service_unavailable', 'blob store down', [], { 'Retry-After': '1' });
    const { receiver } = receiverWith(new ScriptedRunner(() => Promise.reject(unavailable)));
    const answer = await receiver.receive(request(whole({ name: 'a.txt', content: 'x' })));
    expect(answer).toMatchObject({ status: 503, headers: { 'Retry-After': '1' } });
  });

  it('an unexpected failure is logged as a 500 and thrown on to the error handler', async () => {
    const bug = new TypeError('undefined is not a function');
    const { calls, receiver } = receiverWith(new ScriptedRunner(() => Promise.reject(bug)));
    await expect(receiver.receive(request(whole({ name: 'a.txt', content: 'x' })))).rejects.toBe(bug);
    expect(calls.finished[0]!.result).toMatchObject({ outcome: 'command_failed', answer: { status: 500 } });
  });

  it('answers the sender even when the end of the call cannot be logged', async () => {
    const calls = new RecordedCalls();
    calls.finishFails = true;
    const { receiver } = receiverWith(new ScriptedRunner(created), calls);
    expect((await receiver.receive(request(whole({ name: 'a.txt', content: 'x' })))).status).toBe(201);
  });
});

describe('IncomingReceiver: the owner’s own limits', () => {
  it('a call over them is refused with their 429 before it is begun or run, and not logged', async () => {
    const runner = new ScriptedRunner(created);
    const overPlan = new ApiError('rate_limited', 'basic plan limit of 60 requests per minute reached', [], { 'Retry-After': '7' });
    const owners: string[] = [];
    const { calls, receiver } = receiverWith(runner, new RecordedCalls(), (target) => {
      owners.push(target.ownerId);
      return Promise.reject(overPlan);
    });
    await expect(receiver.receive(request(whole({ name: 'a.txt', content: 'hi' })))).rejects.toBe(overPlan);
    expect(owners).toEqual([OWNER_ID]);
    expect(calls.begun).toEqual([]);
    expect(calls.refused).toEqual([]);
    expect(runner.ran).toEqual([]);
  });
});
