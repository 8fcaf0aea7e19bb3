import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import type { ConsumedMessage, OutgoingMessage } from '../../ports/messageLog';

export function toKafkaMessage(message: OutgoingMessage): Message {
  return { key: message.key, value: message.value, headers: { ...message.headers } };
}

/** Header values arrive as Buffers (or arrays of them when a name repeats; the last one wins). */
function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (value !== undefined) decoded[name] = value.toString();
  }
  return decoded;
}

export function fromKafkaMessage(topic: string, partition: number, message: KafkaMessage): ConsumedMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? '',
    value: message.value ?? Buffer.alloc(0),
    headers: decodeHeaders(message.headers),
    timestamp: new Date(Number(message.timestamp)),
  };
}

/** The offset to commit after handling a message: Kafka commits the next offset to read. */
export function nextOffset(offset: string): string {
  return (BigInt(offset) + 1n).toString();
}
