import { z } from 'zod';

/**
 * Every call to a receive URL whose token matched is one `incomingcall-<uuid>` stream (an internal
 * category: the log is read through the API, never published). Its id is derived from the hook and the
 * sender's `webhook-id` / `Idempotency-Key` when there is one, so a repeat finds the first call's stream.
 */
export const CALL_OUTCOMES = [
  'succeeded',
  /** The mapping could not produce a command from the payload: 422. */
  'mapping_failed',
  /** The signature check failed: 401. */
  'invalid_signature',
  /** Not JSON, or not a JSON object: 400. */
  'invalid_payload',
  /** Larger than FILORA_MAX_JSON_BYTES: 413. */
  'too_large',
  /** The command refused (no such folder or file, a name taken, over quota): its 4xx. */
  'command_failed',
] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

const issue = z.object({ path: z.string(), message: z.string() });

/** What the call was answered, replayed as it was to a sender who repeats its `webhook-id` within 24 h. */
export const callAnswer = z.object({ status: z.int(), body: z.unknown() });
export type CallAnswer = z.infer<typeof callAnswer>;

export const incomingCallReceived = z.object({
  type: z.literal('IncomingCallReceived'),
  data: z.object({
    callId: z.uuid(),
    incomingWebhookId: z.uuid(),
    ownerId: z.uuid(),
    /** The sender's `webhook-id` or `Idempotency-Key`; null without one. */
    messageId: z.string().nullable(),
    receivedAt: z.iso.datetime(),
    ip: z.string().nullable(),
    sizeBytes: z.int().nonnegative(),
    /** The first 4 kB of the payload, values at secret-looking keys masked. */
    payloadExcerpt: z.string(),
    /** Until when this call holds the message id: a repeat meanwhile answers 409; after it, a repeat may run. */
    leaseUntil: z.iso.datetime(),
  }),
});

export const incomingCallFinished = z.object({
  type: z.literal('IncomingCallFinished'),
  data: z.object({
    callId: z.uuid(),
    incomingWebhookId: z.uuid(),
    ownerId: z.uuid(),
    outcome: z.enum(CALL_OUTCOMES),
    /** The file or folder the command created or changed. */
    resultId: z.uuid().nullable(),
    errors: z.array(issue),
    answer: callAnswer,
    finishedAt: z.iso.datetime(),
  }),
});

export const incomingCallEvent = z.discriminatedUnion('type', [incomingCallReceived, incomingCallFinished]);
export type IncomingCallEvent = z.infer<typeof incomingCallEvent>;

export const INCOMING_CALL_CATEGORY = 'incomingcall';
export const incomingCallStream = (callId: string) => `${INCOMING_CALL_CATEGORY}-${callId}`;
