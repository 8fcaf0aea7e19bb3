import { Readable } from 'node:stream';
import { presentAuditEvent } from '../../audit/presentAuditEvent';
import type { RecordedEvent } from '../../ports/eventStore';

/** Lines are handed to the socket in chunks of about this size: fewer writes, and memory stays flat. */
const CHUNK_BYTES = 64 * 1024;

async function* ndjsonChunks(events: AsyncIterable<RecordedEvent>): AsyncIterable<string> {
  let chunk = '';
  for await (const event of events) {
    chunk += `${JSON.stringify(presentAuditEvent(event))}\n`;
    if (chunk.length >= CHUNK_BYTES) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

/**
 * The events as NDJSON, one audit event a line. The stream is pulled: the log is read only as fast as the
 * client takes the answer (backpressure), and a client that goes away ends the read.
 */
export const ndjsonOf = (events: AsyncIterable<RecordedEvent>): Readable => Readable.from(ndjsonChunks(events), { objectMode: false });
