import { PUBLIC_EVENT_NAMES } from '../domain/publicEvents';
import type { RecordedEvent } from '../ports/eventStore';
import type { OutgoingMessage } from '../ports/messageLog';
import { publishedData } from './publishedData';
import { publishedStream } from './publishedStream';

export const topicFor = (category: string) => `filora.${category}.v1`;

/**
 * An event as a Kafka message in CloudEvents binary mode: attributes in `ce_*` headers, the data
 * (without secrets or personal data: see publishedData) as the JSON body, keyed by the resource's stream
 * id so one resource's events stay in order. `filora_revision` counts within `filora_stream`, the stream
 * the event is stored in, which for a download is not the key (see publishedStream).
 */
export function toCloudEvent(event: RecordedEvent): { topic: string; message: OutgoingMessage } {
  const { category, streamId } = publishedStream(event.streamId);
  const headers: Record<string, string> = {
    ce_specversion: '1.0',
    ce_id: event.id,
    ce_type: `io.filora.${event.type}`,
    ce_source: `/filora/${category}`,
    ce_subject: streamId,
    ce_time: event.createdAt.toISOString(),
    'content-type': 'application/json',
    filora_position: event.position,
    filora_stream: event.streamId,
    filora_revision: event.revision.toString(),
  };
  const publicName = PUBLIC_EVENT_NAMES[event.type];
  if (publicName) headers.filora_event = publicName;
  if (event.metadata.correlationId) headers.filora_correlation_id = event.metadata.correlationId;
  return {
    topic: topicFor(category),
    message: { key: streamId, value: Buffer.from(JSON.stringify(publishedData(event))), headers },
  };
}
