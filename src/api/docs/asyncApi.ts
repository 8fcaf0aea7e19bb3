import { z } from 'zod';
import { topicFor } from '../../dispatch/cloudEvents';
import { fileEvent } from '../../domain/file/fileEvents';
import { folderEvent } from '../../domain/folder/folderEvents';
import { INCOMING_WEBHOOK_CATEGORY, incomingWebhookEvent } from '../../domain/incoming/incomingWebhookEvents';
import { linkEvent } from '../../domain/link/linkEvents';
import { PUBLIC_EVENT_NAMES, SECRET_FIELDS } from '../../domain/publicEvents';
import { tokenEvent } from '../../domain/token/tokenEvents';
import { USAGE_CATEGORY, usageEvent, usageRecord } from '../../domain/usage/usageEvents';
import { userEvent } from '../../domain/user/userEvents';
import { WEBHOOK_CATEGORY, webhookEvent } from '../../domain/webhook/webhookEvents';
import type { JsonObject } from '../http/openApi/jsonSchema';
import { SchemaComponents } from '../http/openApi/schemaComponents';

export const ASYNCAPI_PATH = '/api/v1/asyncapi.json';

type EventUnion = { options: readonly z.ZodObject<{ type: z.ZodLiteral<string>; data: z.ZodObject }>[] };

/**
 * The topics the relay publishes (src/dispatch/relay.ts: every category but the internal ones) and the
 * events each carries. A download is published on its file's topic (publishedStream.ts), and FileDownloaded
 * is in the file union already.
 */
const TOPICS: readonly { category: string; events: EventUnion }[] = [
  { category: 'user', events: userEvent },
  { category: 'file', events: fileEvent },
  { category: 'folder', events: folderEvent },
  { category: 'token', events: tokenEvent },
  { category: 'link', events: linkEvent },
  { category: WEBHOOK_CATEGORY, events: webhookEvent },
  { category: INCOMING_WEBHOOK_CATEGORY, events: incomingWebhookEvent },
  { category: USAGE_CATEGORY, events: usageEvent },
];

/** An event's data as published: secret fields left out (redactSecrets); usage records without their personal fields (withoutPersonalData). */
function publishedSchema(type: string, data: z.ZodObject): z.ZodObject {
  if (type === 'UsageRecorded') return z.object({ records: z.array(usageRecord.omit({ ip: true, userAgent: true })).min(1) });
  return z.object(Object.fromEntries(Object.entries(data.shape).filter(([field]) => !SECRET_FIELDS.has(field))));
}

const header = (description: string, schema: JsonObject = { type: 'string' }) => ({ ...schema, description });

/** CloudEvents binary mode (cloudEvents.ts): the attributes travel as Kafka headers. */
const CLOUD_EVENT_HEADERS: JsonObject = {
  type: 'object',
  required: [
    'ce_specversion',
    'ce_id',
    'ce_type',
    'ce_source',
    'ce_subject',
    'ce_time',
    'content-type',
    'filora_position',
    'filora_stream',
    'filora_revision',
  ],
  properties: {
    ce_specversion: header('CloudEvents version', { type: 'string', const: '1.0' }),
    ce_id: header('The event id (a UUID), unique in the log'),
    ce_type: header('`io.filora.<EventType>`'),
    ce_source: header('`/filora/<category>`'),
    ce_subject: header('The resource’s stream id, also the message key'),
    ce_time: header('When the event was recorded (ISO 8601)', { type: 'string', format: 'date-time' }),
    'content-type': header('Always application/json', { type: 'string', const: 'application/json' }),
    filora_position: header('The event’s position in the event log'),
    filora_stream: header('The stream the event is stored in (for a download: `download-<file id>`)'),
    filora_revision: header('The event’s revision within filora_stream'),
    filora_event: header('The public name (`upload.completed`), for events that have one: what webhooks subscribe to'),
    filora_correlation_id: header('The request that caused the event, when one did'),
  },
};

const channelId = (category: string) => `${category}Events`;

/**
 * The AsyncAPI 3.0 document of the Kafka topics `filora.<category>.v1`: one channel per topic, one message
 * per event type, each payload generated from the domain's zod schema of that event, as published.
 */
export function buildAsyncApi(info: { title: string; version: string }): JsonObject {
  const schemas = new SchemaComponents();
  const channels: JsonObject = {};
  const operations: JsonObject = {};
  const messages: JsonObject = {};
  for (const { category, events } of TOPICS) {
    const channelMessages: JsonObject = {};
    for (const option of events.options) {
      const type = option.shape.type.value;
      const publicName = PUBLIC_EVENT_NAMES[type];
      messages[type] = {
        name: type,
        title: type,
        summary: publicName ? `Public name ${publicName}` : 'Internal: no public name, no webhook; consumers may ignore it',
        contentType: 'application/json',
        headers: { $ref: '#/components/schemas/CloudEventHeaders' },
        payload: schemas.convert(publishedSchema(type, option.shape.data).meta({ id: `${type}Data` }), 'output'),
        bindings: {
          kafka: { key: { type: 'string', description: 'The resource’s stream id (`<category>-<uuid>`)' }, bindingVersion: '0.5.0' },
        },
        ...(publicName ? { 'x-filora-event': publicName } : {}),
      };
      channelMessages[type] = { $ref: `#/components/messages/${type}` };
    }
    const address = topicFor(category);
    channels[channelId(category)] = {
      address,
      title: address,
      description: `Every ${category} event, keyed by the resource's stream id so one resource's events stay in order on one partition.`,
      messages: channelMessages,
      bindings: { kafka: { topic: address, bindingVersion: '0.5.0' } },
    };
    operations[`consume${category[0]!.toUpperCase()}${category.slice(1)}Events`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${channelId(category)}` },
      summary: `Consume ${address}`,
      messages: Object.keys(channelMessages).map((type) => ({ $ref: `#/channels/${channelId(category)}/messages/${type}` })),
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      ...info,
      description:
        'The Kafka topics the relay fills from the event log (distributed profile; the embedded profile keeps the same topics in SQLite). ' +
        'Messages are CloudEvents in binary mode: attributes in headers, the event data (secrets and personal data left out) as the JSON value.',
    },
    defaultContentType: 'application/json',
    servers: {
      kafka: {
        host: 'kafka:9092',
        protocol: 'kafka',
        description: 'The brokers named by FILORA_KAFKA_BROKERS (docker-compose.yml: kafka:9092)',
      },
    },
    channels,
    operations,
    components: { schemas: { ...schemas.all(), CloudEventHeaders: CLOUD_EVENT_HEADERS }, messages },
  };
}
