import { z } from 'zod';
import { ATTEMPT_ERROR_CLASSES } from '../../domain/webhook/deliveryEvents';
import type { MadeAttempt } from '../../webhooks/dispatcher/attemptDelivery';
import type { ApiServices } from '../apiServices';
import { ApiError } from '../http/apiError';
import type { Route } from '../http/route';
import { idParams, route } from '../http/route';
import { requireOwnedWebhook } from './requireOwnedWebhook';
import { webhookRoute } from './webhookRoute';

export const testDeliveryResponse = z
  .object({
    delivery_id: z.uuid().meta({ description: 'The test delivery, also listed in GET /webhooks/{id}/deliveries.' }),
    message_id: z.string().meta({ description: 'The `webhook-id` header and the body’s `id`.' }),
    event: z.literal('webhook.test'),
    success: z.boolean().meta({ description: 'Whether the endpoint answered 2xx.' }),
    status: z.int().min(100).max(599).nullable().meta({ description: 'The endpoint’s HTTP status; null when no answer came.' }),
    duration_ms: z.number().min(0),
    error_class: z.enum(ATTEMPT_ERROR_CLASSES).nullable(),
    error_message: z.string().nullable(),
    response: z.object({
      headers: z.record(z.string(), z.string()).meta({ description: 'Lower-case names.' }),
      body: z.string().meta({ description: 'The first 20 kB of the response body.' }),
    }),
  })
  .meta({ id: 'WebhookTestDelivery' });

/** No options yet: an empty object or no body at all; any key is refused, as on every route. */
export const testDeliveryInput = z.strictObject({}).optional();

const presentTestAttempt = ({ lease, result }: MadeAttempt): z.infer<typeof testDeliveryResponse> => ({
  delivery_id: lease.deliveryId,
  message_id: lease.body.id,
  event: 'webhook.test',
  success: result.errorClass === null,
  status: result.status,
  duration_ms: result.durationMs,
  error_class: result.errorClass,
  error_message: result.errorMessage,
  response: { headers: result.responseHeaders, body: result.responseBody },
});

/** POST /webhooks/:id/test: sends a `webhook.test` event now and answers how the endpoint took it. */
export function webhookTestRoute(services: ApiServices): Route {
  const { readStore, sendTestDelivery } = services;
  return route({
    method: 'post',
    ...webhookRoute('/:id/test'),
    summary: 'Send a `webhook.test` event to the webhook now, signed like every delivery, and answer the attempt',
    params: idParams,
    body: testDeliveryInput,
    responses: {
      200: { description: 'The attempt: sent, whatever the endpoint answered (see `success`)', schema: testDeliveryResponse },
      404: { description: 'No such webhook' },
      409: { description: 'The webhook is disabled' },
    },
    async handler({ params, principal }) {
      const webhook = await requireOwnedWebhook(readStore, principal.userId, params.id);
      if (!webhook.enabled) throw new ApiError('conflict', 'the webhook is disabled: enable it (enabled: true) before testing it');
      return { status: 200, body: presentTestAttempt(await sendTestDelivery(webhook)) };
    },
  });
}
