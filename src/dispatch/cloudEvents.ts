import { categoryOf, PUBLIC_EVENT_NAMES, redactSecrets } from '../domain/publicEvents';
import type { RecordedEvent } from '../ports/eventStore';
import type { OutgoingMessage } from '../ports/messageLog';

export const topicFor = (category: string) => `filora.${category}.v1`;

/**
 * An event as a Kafka message in CloudEvents binary mode: attributes in `ce_*` headers, the data
 * (without secrets) as the JSON body, keyed by stream id so one stream's events stay in order.
 */
export function toCloudEvent(event: RecordedEvent): { topic: string; message: OutgoingMessage } {
  const category = categoryOf(event.streamId);
  const headers: Record<string, string> = {
    ce_specversion: '1.0',
    ce_id: event.id,
    ce_type: `io.filora.${event.type}`,
    ce_source: `/filora/${category}`,
    ce_subject: event.streamId,
    ce_time: event.createdAt.toISOString(),
    'content-type': 'application/json',
    filora_position: event.position,
    filora_revision: event.revision.toString(),
  };
  const publicName = PUBLIC_EVENT_NAMES[event.type];
  if (publicName) headers.filora_event = publicName;
  if (event.metadata.correlationId) headers.filora_correlation_id = event.metadata.correlationId;
  return {
    topic: topicFor(category),
    message: { key: event.streamId, value: Buffer.from(JSON.stringify(redactSecrets(event.data))), headers },
  };
}
