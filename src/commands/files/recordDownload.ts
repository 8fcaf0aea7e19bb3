import { randomUUID } from 'node:crypto';
import { fileDownloaded } from '../../domain/file/fileDecider';
import type { FileDownloaded } from '../../domain/file/fileEvents';
import { FILE_DOWNLOADS_CATEGORY } from '../../domain/file/fileEvents';
import { notFound } from '../../domain/shared/domainError';
import type { EventMetadata, EventStore, Position } from '../../ports/eventStore';
import { ChainedAppender } from '../chainedAppender';
import { streamName } from '../pipeline';

/**
 * Appends FileDownloaded to the file's downloads stream (`download-<fileId>`, see fileDownloaded), never to
 * the file's own stream, so commands on a popular file do not fold its downloads. The caller checked access
 * on the files read model; reading only the first event of the file's stream keeps a downloads stream from
 * being created for a file that was never uploaded, at a cost that does not grow with the file's history.
 * The downloads stream is hash-chained like every stream; concurrent downloads of one file take turns.
 */
export class RecordDownload {
  constructor(
    private readonly eventStore: EventStore,
    private readonly appender = new ChainedAppender(eventStore),
  ) {}

  async run(data: FileDownloaded['data'], metadata: EventMetadata): Promise<Position> {
    const [first] = await this.eventStore.readStream(streamName('file', data.fileId), { from: 0n, limit: 1 });
    if (first?.type !== 'FileUploaded') throw notFound('file not found');
    const event = fileDownloaded(data);
    const result = await this.appender.append(streamName(FILE_DOWNLOADS_CATEGORY, data.fileId), [
      { id: randomUUID(), type: event.type, data: event.data, metadata },
    ]);
    return result.position;
  }
}
