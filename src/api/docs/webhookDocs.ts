import { z } from 'zod';
import type { JsonObject } from '../http/openApi/jsonSchema';
import type { SchemaComponents } from '../http/openApi/schemaComponents';
import { WEBHOOK_PAYLOAD_SCHEMAS } from '../../webhooks/payloads/payloadSchemas';
import type { WebhookEventName } from '../../webhooks/payloads/payloadSchemas';

const DELIVERY_HEADERS: readonly { name: string; description: string }[] = [
  { name: 'webhook-id', description: 'The message id: the same on every retry of one event to one webhook (dedupe on it).' },
  { name: 'webhook-timestamp', description: 'When this attempt was signed, in seconds since the Unix epoch.' },
  {
    name: 'webhook-signature',
    description:
      'Standard Webhooks: `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`, keyed by the secret’s base64 part; ' +
      'space-separated, one per secret while a rotated-out secret still signs.',
  },
  {
    name: 'x-filora-signature',
    description: '`sha256=<hex HMAC-SHA256 of the body>`, keyed by the newest secret’s whole text (`whsec_…`): the Filora seed’s scheme.',
  },
  { name: 'user-agent', description: '`Filora-Webhooks/<version>`.' },
];

const words = (name: string) => name.split(/[._]/).map((word) => word[0]!.toUpperCase() + word.slice(1));

/** The body a webhook receives for one event: the envelope, with that event's data. */
const bodyOf = (name: WebhookEventName) =>
  z
    .object({
      id: z.string().meta({ description: 'The message id, as webhook-id.' }),
      event: z.literal(name),
      timestamp: z.iso.datetime().meta({ description: 'When the event happened.' }),
      data: WEBHOOK_PAYLOAD_SCHEMAS[name],
    })
    .meta({ id: `${words(name).join('')}Webhook` });

/**
 * The OpenAPI 3.1 `webhooks` section: one POST per event name a webhook can receive, its body generated from
 * the same zod schema that checks every body sent (src/webhooks/payloads/payloadSchemas.ts).
 */
export function openApiWebhooks(schemas: SchemaComponents): JsonObject {
  const names = Object.keys(WEBHOOK_PAYLOAD_SCHEMAS) as WebhookEventName[];
  return Object.fromEntries(
    names.map((name) => [
      name,
      {
        post: {
          operationId: `webhook${words(name).join('')}`,
          summary: `The ${name} event, delivered to a webhook subscribed to it`,
          tags: ['webhooks'],
          security: [],
          parameters: DELIVERY_HEADERS.map(({ name: header, description }) => ({
            name: header,
            in: 'header',
            required: true,
            description,
            schema: { type: 'string' },
          })),
          requestBody: { required: true, content: { 'application/json': { schema: schemas.convert(bodyOf(name), 'output') } } },
          responses: {
            '200': { description: 'Any 2xx acknowledges the delivery.' },
            '410': { description: 'Gone: the webhook is disabled and nothing more is sent.' },
            '429': {
              description: 'Slow down: retried no sooner than Retry-After (at least 60 s), and the endpoint’s rate tightens for a while.',
            },
            default: { description: 'Any other answer, a redirect or no answer within 15 s is a failure: retried on the schedule.' },
          },
        },
      },
    ]),
  );
}
