import { randomUUID } from 'node:crypto';
import type { CallArrival, CallTiming } from '../../domain/incoming/incomingCallDecider';
import { payloadExcerpt } from '../../domain/incoming/payloadExcerpt';
import type { CallResult, CallStart, IncomingCalls as IncomingCallsPort, ReceivedCall } from '../../incoming/incomingPorts';
import type { EventMetadata } from '../../ports/eventStore';
import { uuidV5 } from '../../shared/uuidV5';
import { incomingCallAggregate } from '../aggregates';
import type { CommandPipeline } from '../pipeline';

const MESSAGE_NAMESPACE = '0d5b6f2a-3c1e-4f7a-9b8e-6a2d4c9e1f37';

export const DEFAULT_CALL_TIMING: CallTiming = { leaseMs: 60_000, replayWindowMs: 24 * 60 * 60 * 1000 };

/** The stream of the calls with this message id to this hook: a repeat finds the first call's stream. */
export const callStreamIdOf = (incomingWebhookId: string, messageId: string): string =>
  uuidV5(`${incomingWebhookId}:${messageId}`, MESSAGE_NAMESPACE);

const arrivalOf = (call: ReceivedCall): CallArrival => ({
  incomingWebhookId: call.incomingWebhookId,
  ownerId: call.ownerId,
  messageId: call.messageId,
  ip: call.ip,
  sizeBytes: call.sizeBytes ?? call.body.length,
  payloadExcerpt: payloadExcerpt(call.body),
});

/** Call events are the hook's owner's doing, through the hook. */
const metadataOf = (call: ReceivedCall): EventMetadata => ({ actor: call.ownerId, incomingWebhookId: call.incomingWebhookId });

/**
 * The call log and its idempotency: each call is recorded when it arrives and when it ends, in the
 * `incomingcall-<id>` stream of its sender's message id (random without one). The arrival's append is the
 * lock: of concurrent repeats one runs, the others answer 409 or, once it finished, its answer.
 */
export class IncomingCalls implements IncomingCallsPort {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly timing: CallTiming = DEFAULT_CALL_TIMING,
    private readonly newCallId: () => string = randomUUID,
  ) {}

  async begin(call: ReceivedCall): Promise<CallStart> {
    const arrival = arrivalOf(call);
    const metadata = metadataOf(call);
    if (call.messageId === null) {
      const callId = this.newCallId();
      await this.pipeline.create(incomingCallAggregate, callId, { type: 'ReceiveCall', callId, arrival, timing: this.timing }, metadata);
      return { kind: 'run', callId };
    }
    const streamId = callStreamIdOf(call.incomingWebhookId, call.messageId);
    const command = { type: 'ReceiveCall' as const, callId: streamId, arrival, timing: this.timing };
    const { events, state } = await this.pipeline.execute(incomingCallAggregate, streamId, command, metadata);
    const last = state.attempts[state.attempts.length - 1]!;
    // Nothing appended: the decider found the last run still holding its lease, or its answer to replay.
    if (events.length > 0) return { kind: 'run', callId: last.callId };
    return last.answer === null
      ? { kind: 'in_progress', callId: last.callId }
      : { kind: 'replay', callId: last.callId, answer: last.answer };
  }

  async finish(callId: string, call: ReceivedCall, result: CallResult): Promise<void> {
    const streamId = call.messageId === null ? callId : callStreamIdOf(call.incomingWebhookId, call.messageId);
    const command = { type: 'FinishCall' as const, callId, ending: result };
    await this.pipeline.execute(incomingCallAggregate, streamId, command, metadataOf(call));
  }

  /** Never under the message id: a refused call (a forged signature, say) must not hold the id its genuine sender will use. */
  async refuse(call: ReceivedCall, result: CallResult): Promise<void> {
    const callId = this.newCallId();
    const command = { type: 'RefuseCall' as const, callId, arrival: arrivalOf(call), ending: result };
    await this.pipeline.create(incomingCallAggregate, callId, command, metadataOf(call));
  }
}
