import { z } from 'zod';

/** How an attempt went wrong, when it did; null for a 2xx answer. */
export const ATTEMPT_ERROR_CLASSES = [
  'http_status', // a non-2xx answer other than those below
  'rate_limited', // 429
  'gone', // 410: the endpoint is disabled
  'redirect', // 3xx: redirects are failures, never followed
  'timeout', // no answer within 15 s in all (5 s to connect)
  'connect', // refused, reset, unreachable
  'dns', // the name did not resolve
  'ssrf_refused', // the name resolved to an address webhooks may not reach
  'tls', // certificate or handshake failure
  'circuit_open', // not sent: the endpoint is cooling off
] as const;
export type AttemptErrorClass = (typeof ATTEMPT_ERROR_CLASSES)[number];

/** Why a delivery exists: an event matched, a replay asked for it, or `POST /{id}/test`. */
export const DELIVERY_TRIGGERS = ['event', 'replay', 'test'] as const;

/** The body every attempt of a delivery sends, byte for byte: compact JSON of this object (DESIGN §6). */
export const webhookBody = z.object({
  /** The message id: `webhook-id`, the same on every attempt and every replay of one event to one webhook. */
  id: z.string(),
  event: z.string(),
  timestamp: z.iso.datetime(),
  data: z.record(z.string(), z.unknown()),
});
export type WebhookBody = z.infer<typeof webhookBody>;

const deliveryRef = { deliveryId: z.uuid(), webhookId: z.uuid() };

export const deliveryCreated = z.object({
  type: z.literal('DeliveryCreated'),
  data: z.object({
    ...deliveryRef,
    ownerId: z.uuid(),
    trigger: z.enum(DELIVERY_TRIGGERS),
    /** The event delivered (null for a test), its position in the log and its resource stream (per_resource ordering). */
    eventId: z.uuid().nullable(),
    eventPosition: z.string().nullable(),
    resourceStream: z.string().nullable(),
    body: webhookBody,
    createdAt: z.iso.datetime(),
  }),
});

/** An attempt is about to be sent: nobody else attempts this delivery before `leaseUntil`, which outlives the request timeout. */
export const deliveryAttemptStarted = z.object({
  type: z.literal('DeliveryAttemptStarted'),
  data: z.object({ ...deliveryRef, attempt: z.int().positive(), startedAt: z.iso.datetime(), leaseUntil: z.iso.datetime() }),
});

/** What one attempt sent and saw. The response body is cut at 20 kB. */
export const deliveryAttempted = z.object({
  type: z.literal('DeliveryAttempted'),
  data: z.object({
    ...deliveryRef,
    attempt: z.int().positive(),
    url: z.string(),
    /** The headers sent (signatures included: they prove nothing without the body and the secret); absent before they were kept. */
    requestHeaders: z.record(z.string(), z.string()).optional(),
    startedAt: z.iso.datetime(),
    durationMs: z.number().nonnegative(),
    status: z.int().nullable(),
    errorClass: z.enum(ATTEMPT_ERROR_CLASSES).nullable(),
    errorMessage: z.string().nullable(),
    responseHeaders: z.record(z.string(), z.string()),
    responseBody: z.string(),
  }),
});

export const deliverySucceeded = z.object({
  type: z.literal('DeliverySucceeded'),
  data: z.object({ ...deliveryRef, attempt: z.int().positive(), succeededAt: z.iso.datetime() }),
});

export const deliveryFailed = z.object({
  type: z.literal('DeliveryFailed'),
  data: z.object({ ...deliveryRef, attempt: z.int().positive(), failedAt: z.iso.datetime(), errorClass: z.enum(ATTEMPT_ERROR_CLASSES) }),
});

/** The next attempt is due at `nextAttemptAt`: a retry from the schedule, or one asked for (retry, recover). */
export const deliveryScheduled = z.object({
  type: z.literal('DeliveryScheduled'),
  data: z.object({ ...deliveryRef, nextAttemptAt: z.iso.datetime(), reason: z.enum(['retry', 'manual_retry', 'recover']) }),
});

/** No attempt is left in the schedule (or the endpoint is gone): the delivery has failed for good. */
export const deliveryExhausted = z.object({
  type: z.literal('DeliveryExhausted'),
  data: z.object({ ...deliveryRef, exhaustedAt: z.iso.datetime(), reason: z.string() }),
});

export const deliveryEvent = z.discriminatedUnion('type', [
  deliveryCreated,
  deliveryAttemptStarted,
  deliveryAttempted,
  deliverySucceeded,
  deliveryFailed,
  deliveryScheduled,
  deliveryExhausted,
]);
export type DeliveryEvent = z.infer<typeof deliveryEvent>;

export const DELIVERY_CATEGORY = 'delivery';
export const deliveryStream = (deliveryId: string) => `${DELIVERY_CATEGORY}-${deliveryId}`;
