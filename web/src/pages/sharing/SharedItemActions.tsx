import { useState } from 'preact/hooks';
import { paths } from '../../routes';
import { downloadFile } from '../files/download';
import { ShareDialog } from './ShareDialog';
import type { SharedItem, SharedView } from './types';

/** Received: open it (and download a file one may read); sent: manage its sharing in the share dialog. */
export function SharedItemActions({ view, item, onError }: { view: SharedView; item: SharedItem; onError: (error: unknown) => void }) {
  const [managing, setManaging] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const resourceId = item.resource_kind === 'file' ? item.file_id : (item.folder_id ?? null);
  if (resourceId === null) return null;
  if (view === 'sent')
    return (
      <>
        <button
          type="button"
          class="button button-small button-secondary"
          aria-label={`Manage sharing of ${item.filename}`}
          onClick={() => setManaging(true)}
        >
          Manage sharing
        </button>
        {managing && (
          <ShareDialog resource={{ kind: item.resource_kind, id: resourceId, name: item.filename }} onClose={() => setManaging(false)} />
        )}
      </>
    );
  const download = async () => {
    setDownloading(true);
    onError(null);
    try {
      await downloadFile(resourceId, item.filename);
    } catch (error) {
      onError(error);
    } finally {
      setDownloading(false);
    }
  };
  const mayDownload = item.resource_kind === 'file' && item.permission !== 'view';
  return (
    <span class="actions">
      <a
        class="button button-small button-secondary"
        aria-label={`Open ${item.filename}`}
        href={item.resource_kind === 'file' ? paths.file(resourceId) : paths.folder(resourceId)}
      >
        Open
      </a>
      {mayDownload && (
        <button
          type="button"
          class="button button-small"
          aria-label={`${downloading ? 'Downloading' : 'Download'} ${item.filename}`}
          disabled={downloading}
          onClick={() => void download()}
        >
          {downloading ? 'Downloading…' : 'Download'}
        </button>
      )}
    </span>
  );
}
