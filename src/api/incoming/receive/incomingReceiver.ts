import type { CurrentIncomingWebhook } from '../../../commands/incoming/incomingWebhookCommands';
import { applyMapping } from '../../../domain/incoming/mapping/applyMapping';
import { hookOwner } from '../../../incoming/hookOwner';
import type { CallResult, IncomingCalls, IncomingCommandRunner, ReceivedCall } from '../../../incoming/incomingPorts';
import { verifyCall } from '../../../incoming/verify/verifyCall';
import type { EventMetadata } from '../../../ports/eventStore';
import type { Logger } from '../../../ports/logger';
import { ApiError } from '../../http/apiError';
import { toApiError } from '../../http/errorHandler';
import type { RouteResult } from '../../http/route';
import { failed, succeeded } from './callAnswers';
import { parsePayload } from './parsePayload';
import type { RawBody } from './rawBody';
import { senderMessageId } from './senderMessageId';

export interface IncomingReceiverDependencies {
  calls: IncomingCalls;
  runner: IncomingCommandRunner;
  /** Counts a call about to run a command against its owner's own limits; throws the 429 past them (not logged). */
  admitRun: (hook: CurrentIncomingWebhook) => Promise<void>;
  /** Opens a hook's sealed verification secret (the webhook secret box). */
  openSecret: (sealed: string) => string;
  logger: Logger;
  now?: () => Date;
}

/** A call to a live hook's receive URL, as the route read it. */
export interface IncomingRequest {
  hook: CurrentIncomingWebhook;
  header(name: string): string | undefined;
  ip: string | null;
  body: RawBody;
  /** The request's metadata (request id, correlation, address). */
  metadata: EventMetadata;
}

const REPLAYED = { 'Idempotent-Replayed': 'true' };

const answered = ({ answer }: CallResult, headers: Record<string, string> = {}): RouteResult => ({
  status: answer.status,
  body: answer.body,
  headers,
});

/**
 * What happens to a call once its hook is known: too large, unsigned and unreadable calls are logged and
 * refused; a message id seen before answers what it was answered (or 409 while it still runs); otherwise the
 * payload is mapped and the command run as the hook's owner, and the call logged with how it ended.
 */
export class IncomingReceiver {
  private readonly now: () => Date;

  constructor(private readonly deps: IncomingReceiverDependencies) {
    this.now = deps.now ?? (() => new Date());
  }

  async receive(request: IncomingRequest): Promise<RouteResult> {
    const { hook, body, metadata } = request;
    const requestId = metadata.requestId ?? '';
    const messageId = senderMessageId((name) => request.header(name));
    const call: ReceivedCall = {
      incomingWebhookId: hook.incomingWebhookId,
      ownerId: hook.ownerId,
      messageId: messageId.ok ? messageId.messageId : null,
      ip: request.ip,
      ...(body.kind === 'whole' ? { body: body.bytes } : { body: body.head, sizeBytes: body.sizeBytes }),
    };
    const refuse = async (result: CallResult): Promise<RouteResult> => {
      await this.deps.calls.refuse(call, result);
      return answered(result);
    };

    if (body.kind === 'too_large') {
      const error = new ApiError('payload_too_large', `the request body is larger than the ${body.maxBytes} bytes a call may send`, [
        { path: 'body', message: `at most ${body.maxBytes} bytes` },
      ]);
      return refuse(failed('too_large', error, requestId));
    }
    const signature = verifyCall(
      hook.settings.verification,
      this.openedSecret(hook),
      { header: (name) => request.header(name), body: body.bytes },
      this.now(),
    );
    if (!signature.valid) {
      const error = new ApiError('unauthorized', 'the signature does not verify', [{ path: 'signature', message: signature.reason }]);
      return refuse(failed('invalid_signature', error, requestId));
    }
    if (!messageId.ok) return refuse(failed('invalid_payload', messageId.error, requestId));
    const parsed = parsePayload(body.bytes);
    if (!parsed.ok) return refuse(failed('invalid_payload', parsed.error, requestId));

    await this.deps.admitRun(hook);
    const start = await this.deps.calls.begin(call);
    if (start.kind === 'replay') return { status: start.answer.status, body: start.answer.body, headers: REPLAYED };
    if (start.kind === 'in_progress')
      throw new ApiError('conflict', 'a call with this message id is still being run; repeat it later', [], { 'Retry-After': '1' });
    return this.run(start.callId, call, hook, parsed.payload, metadata);
  }

  private async run(
    callId: string,
    call: ReceivedCall,
    hook: CurrentIncomingWebhook,
    payload: Record<string, unknown>,
    requestMetadata: EventMetadata,
  ): Promise<RouteResult> {
    const requestId = requestMetadata.requestId ?? '';
    const finish = (result: CallResult) => this.finish(callId, call, result);
    try {
      const mapped = applyMapping(hook.settings, payload);
      if (!mapped.ok) {
        const error = new ApiError(
          'unprocessable_entity',
          'the payload does not fit the field mapping of this incoming webhook',
          mapped.issues,
        );
        return answered(await finish(failed('mapping_failed', error, requestId)));
      }
      const { tokenId: _callerToken, ...request } = requestMetadata;
      const ran = await this.deps.runner.run(hookOwner(hook.ownerId), mapped.command, {
        ...request,
        actor: hook.ownerId,
        incomingWebhookId: hook.incomingWebhookId,
      });
      return { ...answered(await finish(succeeded(callId, ran))), position: ran.position };
    } catch (thrown) {
      const error = toApiError(thrown);
      if (error === null) {
        // Logged as the 500 it is, then answered by the error handler; a 5xx is never replayed, so a retry runs again.
        await finish(failed('command_failed', new ApiError('internal_error', 'an unexpected error occurred'), requestId));
        throw thrown;
      }
      return answered(await finish(failed('command_failed', error, requestId)), error.headers);
    }
  }

  /** Records how the call ended. The sender is answered even when that fails: its command ran, or not, either way. */
  private async finish(callId: string, call: ReceivedCall, result: CallResult): Promise<CallResult> {
    await this.deps.calls.finish(callId, call, result).catch((error: unknown) => {
      this.deps.logger.warn('an incoming webhook call could not be logged as finished', { callId, error });
    });
    return result;
  }

  private openedSecret(hook: CurrentIncomingWebhook): string | null {
    return hook.encryptedSecret === null ? null : this.deps.openSecret(hook.encryptedSecret);
  }
}
