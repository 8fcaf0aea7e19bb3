import type { FileDownloaded } from '../../domain/file/fileEvents';
import type { EventMetadata, Position } from '../../ports/eventStore';
import { AsyncMutex } from '../../shared/asyncMutex';
import { RecentlyUsed } from '../../shared/recentlyUsed';
import { linkAggregate } from '../aggregates';
import type { RecordDownload } from '../files/recordDownload';
import type { CommandPipeline } from '../pipeline';

/** The download the link serves, as the file's own download event records it (without the link fields, which are added here). */
export type LinkedDownload = Omit<FileDownloaded['data'], 'downloadedBy' | 'linkId'>;

/** Links whose downloads this process serialises at once; one forgotten while in use only costs its callers retries. */
const LINK_LOCKS = 10_000;

/**
 * Downloads through public links. Each is counted in the link's stream first (PublicLinkDownloadCounted,
 * appended at the revision it was decided on, so `max_downloads` holds however many processes serve the
 * link), then recorded as the file's FileDownloaded with the link as the actor. Within a process a link's
 * downloads take turns, so they do not race each other's appends; across processes the pipeline decides
 * again on a conflict, with enough attempts for a burst of concurrent downloads.
 */
export class LinkDownloads {
  private readonly locks = new RecentlyUsed<string, AsyncMutex>(LINK_LOCKS);

  /** `pipeline` should allow many attempts (see LINK_DOWNLOAD_ATTEMPTS). */
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly recordDownload: RecordDownload,
  ) {}

  /** Counts the download against the link, or throws the link's refusal (revoked, expired, view only, used up). */
  async count(linkId: string, download: LinkedDownload, metadata: EventMetadata): Promise<Position> {
    const linkMetadata = { ...metadata, actor: linkId };
    await this.lockOf(linkId).run(() =>
      this.pipeline.execute(linkAggregate, linkId, { type: 'CountDownload', fileId: download.fileId }, linkMetadata),
    );
    return this.recordDownload.run({ ...download, downloadedBy: linkId, linkId }, linkMetadata);
  }

  private lockOf(linkId: string): AsyncMutex {
    let lock = this.locks.get(linkId);
    if (!lock) {
      lock = new AsyncMutex();
      this.locks.set(linkId, lock);
    }
    return lock;
  }
}

/** Attempts a link's download gets when other processes keep counting the same link first. */
export const LINK_DOWNLOAD_ATTEMPTS = 30;
