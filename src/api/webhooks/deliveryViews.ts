import { z } from 'zod';
import { ATTEMPT_ERROR_CLASSES, DELIVERY_TRIGGERS } from '../../domain/webhook/deliveryEvents';
import type { AttemptRow, DeliveryRow } from '../../webhooks/webhookPorts';
import { DELIVERY_STATUSES } from '../../webhooks/webhookPorts';

const attemptSummary = {
  attempt: z.int().min(1),
  started_at: z.string(),
  duration_ms: z.number().min(0),
  status: z.int().min(100).max(599).nullable().meta({ description: 'The HTTP status answered; null when none was (timeout, refused, …).' }),
  error_class: z.enum(ATTEMPT_ERROR_CLASSES).nullable().meta({ description: 'How the attempt failed; null for a success.' }),
};

const attemptResponse = z
  .object({
    ...attemptSummary,
    url: z.string().meta({ description: 'Where the attempt was sent (the webhook’s URL at the time).' }),
    request_headers: z.record(z.string(), z.string()).meta({
      description: 'The headers sent (lower-case names), the signatures included; empty for attempts made before Filora kept them.',
    }),
    error_message: z.string().nullable(),
    response_headers: z.record(z.string(), z.string()).meta({ description: 'Lower-case names.' }),
    response_body: z.string().meta({ description: 'The first 20 kB of the response body.' }),
  })
  .meta({ id: 'WebhookDeliveryAttempt' });

export const deliveryResponse = z
  .object({
    id: z.uuid(),
    webhook_id: z.uuid(),
    message_id: z.string().meta({ description: 'The `webhook-id` header and body `id`: the same on every attempt and replay.' }),
    event: z.string(),
    event_id: z.uuid().nullable().meta({ description: 'The event delivered; null for a test send.' }),
    trigger: z.enum(DELIVERY_TRIGGERS),
    status: z.enum(DELIVERY_STATUSES).meta({
      description: '`pending`: not attempted yet; `retrying`: an attempt failed and the next is scheduled; `failed`: none is left.',
    }),
    attempt_count: z.int().min(0),
    next_attempt_at: z.string().nullable(),
    last_attempt: z.object(attemptSummary).nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'WebhookDelivery' });

export const deliveryDetailResponse = deliveryResponse
  .extend({
    event_position: z.string().nullable().meta({ description: 'Where the event is in the log (`from_position` of a replay).' }),
    request_body: z
      .string()
      .meta({ description: 'The body every attempt sends (POST, application/json), byte for byte: what the signatures sign.' }),
    attempts: z.array(attemptResponse).meta({ description: 'Every attempt, oldest first (the latest 50).' }),
  })
  .meta({ id: 'WebhookDeliveryDetail' });

export const recoverResponse = z
  .object({
    recovered: z.int().min(0).meta({ description: 'Failed deliveries whose next attempt is now due.' }),
    has_more: z.boolean().meta({ description: 'More failed deliveries remain in the window: call again.' }),
  })
  .meta({ id: 'WebhookRecovery' });

type DeliveryResponse = z.infer<typeof deliveryResponse>;
type DeliveryDetailResponse = z.infer<typeof deliveryDetailResponse>;

const presentSummary = (attempt: AttemptRow) => ({
  attempt: attempt.attempt,
  started_at: attempt.startedAt,
  duration_ms: attempt.durationMs,
  status: attempt.status,
  error_class: attempt.errorClass,
});

export const presentDelivery = (delivery: DeliveryRow): DeliveryResponse => {
  const last = delivery.attempts[delivery.attempts.length - 1];
  return {
    id: delivery._id,
    webhook_id: delivery.webhookId,
    message_id: delivery.messageId,
    event: delivery.event,
    event_id: delivery.eventId,
    trigger: delivery.trigger,
    status: delivery.status,
    attempt_count: delivery.attemptCount,
    next_attempt_at: delivery.nextAttemptAt,
    last_attempt: last ? presentSummary(last) : null,
    created_at: delivery.createdAt,
    updated_at: delivery.updatedAt,
  };
};

export const presentDeliveryDetail = (delivery: DeliveryRow): DeliveryDetailResponse => ({
  ...presentDelivery(delivery),
  event_position: delivery.eventPosition,
  request_body: delivery.requestBody,
  attempts: delivery.attempts.map((attempt) => ({
    ...presentSummary(attempt),
    url: attempt.url,
    request_headers: attempt.requestHeaders,
    error_message: attempt.errorMessage,
    response_headers: attempt.responseHeaders,
    response_body: attempt.responseBody,
  })),
});
