import { randomUUID } from 'node:crypto';
import { fileDownloaded } from '../../domain/file/fileDecider';
import type { FileDownloaded } from '../../domain/file/fileEvents';
import type { EventMetadata, EventStore, Position } from '../../ports/eventStore';
import { streamName } from '../pipeline';

/**
 * Appends FileDownloaded to the file's stream without loading it (see fileDownloaded): the caller checked
 * access on the files read model. `stream_exists` keeps it from creating a stream for an unknown file.
 */
export class RecordDownload {
  constructor(private readonly eventStore: EventStore) {}

  async run(data: FileDownloaded['data'], metadata: EventMetadata): Promise<Position> {
    const event = fileDownloaded(data);
    const result = await this.eventStore.append(
      streamName('file', data.fileId),
      [{ id: randomUUID(), type: event.type, data: event.data, metadata }],
      { expectedRevision: 'stream_exists' },
    );
    return result.position;
  }
}
