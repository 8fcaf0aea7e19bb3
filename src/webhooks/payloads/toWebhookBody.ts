import { PUBLIC_EVENT_NAMES, redactSecrets } from '../../domain/publicEvents';
import type { WebhookBody } from '../../domain/webhook/deliveryEvents';
import { PAYLOAD_MAPPINGS } from './payloadMappings';
import { WEBHOOK_PAYLOAD_SCHEMAS, WEBHOOK_TEST_EVENT } from './payloadSchemas';

/** What a body is made from: a RecordedEvent from the event log, or one rebuilt from a message of a public topic. */
export interface PublicEventSource {
  /** The internal type (`FileUploaded`), not the public name. */
  type: string;
  data: Record<string, unknown>;
  createdAt: Date;
}

export class WebhookPayloadError extends Error {
  override readonly name = 'WebhookPayloadError';
}

/** The public name webhooks know an event by (`upload.completed`), or null for an event that is never delivered. */
export const webhookEventNameOf = (type: string): string | null => (PAYLOAD_MAPPINGS[type] ? (PUBLIC_EVENT_NAMES[type] ?? null) : null);

/**
 * The body of every attempt to deliver `event`: `{id, event, timestamp, data}`, `data` in the seed's field
 * names and checked by the public event's schema. The same event gives the same body whether it was read
 * from the event log or from its topic (secret fields are dropped first either way). Throws
 * WebhookPayloadError for an event with no public name or data its schema refuses.
 */
export function toWebhookBody(event: PublicEventSource, messageId: string): WebhookBody {
  const mapping = PAYLOAD_MAPPINGS[event.type];
  if (!mapping) throw new WebhookPayloadError(`${event.type} is not an event webhooks receive`);
  const source = mapping.source.safeParse(redactSecrets(event.data));
  if (!source.success) throw new WebhookPayloadError(`${event.type}'s data is not what its payload is made from: ${source.error.message}`);
  const data = WEBHOOK_PAYLOAD_SCHEMAS[mapping.name].safeParse(mapping.toData(source.data as never));
  if (!data.success) throw new WebhookPayloadError(`${mapping.name}'s payload is not valid: ${data.error.message}`);
  return { id: messageId, event: mapping.name, timestamp: event.createdAt.toISOString(), data: data.data };
}

/** The body `POST /webhooks/{id}/test` sends. */
export const testWebhookBody = (webhookId: string, messageId: string, now: Date): WebhookBody => ({
  id: messageId,
  event: WEBHOOK_TEST_EVENT,
  timestamp: now.toISOString(),
  data: WEBHOOK_PAYLOAD_SCHEMAS[WEBHOOK_TEST_EVENT].parse({
    webhook_id: webhookId,
    message: 'A test event from Filora: this endpoint receives webhooks.',
  }),
});

/** The body as sent, byte for byte: compact JSON, so the seed's `JSON.stringify(req.body)` re-creates it. */
export const serializeWebhookBody = (body: WebhookBody): string => JSON.stringify(body);
