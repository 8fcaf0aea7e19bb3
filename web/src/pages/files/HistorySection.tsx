import { Empty } from '../../components/Empty';
import { ErrorBanner } from '../../components/ErrorBanner';
import { LoadMore } from '../../components/LoadMore';
import { Loading } from '../../components/Loading';
import { formatTime } from '../../format';
import type { PagedList } from '../../hooks/usePagedList';
import type { FileHistoryEntry } from './types';

const EVENT_NAMES: Readonly<Record<string, string>> = {
  FileUploaded: 'Uploaded',
  FileRenamed: 'Renamed',
  FileMoved: 'Moved',
  FileMetadataChanged: 'Description or tags changed',
  FileContentReplaced: 'New version uploaded',
  FileDeleted: 'Deleted',
  FileDownloaded: 'Downloaded',
  FileShared: 'Shared',
  SharePermissionChanged: 'Share permission changed',
  ShareRevoked: 'Share revoked',
  ShareExpired: 'Share expired',
  PublicLinkCreated: 'Public link created',
  PublicLinkUpdated: 'Public link changed',
  PublicLinkRevoked: 'Public link revoked',
};

/** "FileContentReplaced" → "New version uploaded"; an event not named above reads as its words ("Some thing"). */
export function eventName(type: string): string {
  const known = EVENT_NAMES[type];
  if (known !== undefined) return known;
  const words = type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A detail worth a line: the new name, the version number. */
function detailOf(entry: FileHistoryEntry): string {
  const { data } = entry;
  if (typeof data.previousName === 'string' && typeof data.name === 'string') return `${data.previousName} → ${data.name}`;
  if (typeof data.version === 'number') return `version ${data.version}`;
  return '';
}

/** A file's events, oldest first. */
export function HistorySection({ history }: { history: PagedList<FileHistoryEntry> }) {
  const entries = history.data ?? [];
  return (
    <section class="card" aria-labelledby="files-history-title">
      <h2 id="files-history-title">History</h2>
      <ErrorBanner error={history.error} title="Could not load the history" />
      {history.loading ? (
        <Loading label="Loading history…" />
      ) : entries.length === 0 ? (
        <Empty title="No history yet" />
      ) : (
        <ol class="files-history" aria-label="History">
          {entries.map((entry) => (
            <li key={entry.id}>
              <strong>{eventName(entry.type)}</strong>
              {detailOf(entry) !== '' && <span> ({detailOf(entry)})</span>}
              <br />
              <time class="muted" dateTime={entry.created_at}>
                {formatTime(entry.created_at)}
              </time>
            </li>
          ))}
        </ol>
      )}
      <LoadMore list={history} />
    </section>
  );
}
