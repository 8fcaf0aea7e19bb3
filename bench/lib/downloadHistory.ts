import { ProgressBar } from '../../src/cli/progressBar';
import { RecordDownload } from '../../src/commands/files/recordDownload';
import { fileUploaded } from '../../src/domain/file/fileEvents';
import type { EventStore } from '../../src/ports/eventStore';

const PROGRESS_EVERY = 1000;

/**
 * Records `count` whole downloads of a file by its owner through RecordDownload, as the download route
 * does, but without HTTP or content: only the history they leave matters here.
 */
export async function recordDownloads(eventStore: EventStore, fileId: string, count: number): Promise<void> {
  const [first] = await eventStore.readStream(`file-${fileId}`, { from: 0n, limit: 1 });
  if (!first) throw new Error(`file ${fileId} has no stream`);
  const { ownerId, versionId, sha256, size } = fileUploaded.parse({ type: first.type, data: first.data }).data;
  const recordDownload = new RecordDownload(eventStore);
  const bar = new ProgressBar();
  for (let done = 1; done <= count; done++) {
    await recordDownload.run(
      { fileId, ownerId, versionId, sha256, bytes: size, range: null, downloadedBy: ownerId },
      { actor: ownerId, requestId: `bench-download-${done}` },
    );
    if (done % PROGRESS_EVERY === 0 || done === count) bar.update('downloads', done, count);
  }
}
