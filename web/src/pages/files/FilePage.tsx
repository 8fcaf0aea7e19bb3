import { useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { api } from '../../api/client';
import { ApiFailure } from '../../api/failure';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { formatBytes, formatTime } from '../../format';
import { useAction } from '../../hooks/useAction';
import { useLiveChanges } from '../../hooks/useLive';
import { usePagedList } from '../../hooks/usePagedList';
import { useResource } from '../../hooks/useResource';
import { paths } from '../../routes';
import { ShareDialog } from '../sharing/ShareDialog';
import { downloadFile } from './download';
import { HistorySection } from './HistorySection';
import { MetadataForm } from './MetadataForm';
import { useOwns } from './ownership';
import type { FileHistoryEntry, FileItem, FileVersion } from './types';
import { VersionsSection } from './VersionsSection';
import './files.css';
import { Badge } from '../../components/Badge';

/** One file: its details, download/share/delete, description and tags, versions, and history. */
export function FilePage() {
  const fileId = useRoute().params.fileId ?? '';
  const { route } = useLocation();
  const file = useResource((signal) => api<FileItem>('GET', `/files/${fileId}`, { signal }), [fileId]);
  const versions = usePagedList<FileVersion>(`/files/${fileId}/versions`, { limit: 20 });
  const history = usePagedList<FileHistoryEntry>(`/files/${fileId}/history`, { limit: 50 });
  const [sharing, setSharing] = useState(false);
  const refresh = () => {
    file.reload(true);
    versions.reload(true);
    history.reload(true);
  };
  useLiveChanges(refresh, (item) => item.payload.fileId === fileId);
  const action = useAction(async (perform: () => Promise<void>) => perform());
  const owns = useOwns();

  // Also when the file goes while the page is open (a live reload answers 404): nothing left to act on.
  if (file.error instanceof ApiFailure && file.error.status === 404) return <FileGone />;
  const data = file.data;
  if (data === undefined) {
    return (
      <section>
        <h1>File</h1>
        {file.loading ? (
          <Loading label="Loading the file…" />
        ) : (
          <>
            <ErrorBanner error={file.error} title="Could not open this file" />
            <p>
              <a href={paths.files}>Back to My files</a>
            </p>
          </>
        )}
      </section>
    );
  }
  const mine = owns(data);
  const folderHref = data.folder_id === null ? (mine ? paths.files : paths.sharing) : paths.folder(data.folder_id);
  return (
    <section class="files-page">
      <p>
        <a href={folderHref}>{data.folder_id === null && !mine ? '← Back to Shared with me' : '← Back to the folder'}</a>
      </p>
      <h1>{data.name}</h1>
      <ErrorBanner error={file.error} title="Could not refresh this file" />
      <div class="files-detail-grid">
        <section class="card" aria-labelledby="files-details-title">
          <h2 id="files-details-title">Details</h2>
          <dl class="files-details">
            <dt>Type</dt>
            <dd>{data.mime_type}</dd>
            <dt>Size</dt>
            <dd>{formatBytes(data.size)}</dd>
            <dt>Version</dt>
            <dd>{data.version}</dd>
            <dt>Created</dt>
            <dd>{formatTime(data.created_at)}</dd>
            <dt>Modified</dt>
            <dd>{formatTime(data.updated_at)}</dd>
            <dt>SHA-256</dt>
            <dd class="mono">{data.sha256}</dd>
            <dt>Tags</dt>
            <dd>{data.tags.length === 0 ? 'None' : data.tags.map((tag) => <Badge key={tag}>{tag}</Badge>)}</dd>
          </dl>
          <ErrorBanner error={action.error} />
          <div class="actions">
            <button type="button" class="button" onClick={() => void action.run(() => downloadFile(data.id, data.name))}>
              Download
            </button>
            {mine && (
              <>
                <button type="button" class="button button-secondary" onClick={() => setSharing(true)}>
                  Share
                </button>
                <ConfirmButton
                  label="Delete"
                  name={`Delete ${data.name}`}
                  confirmLabel="Delete file and all versions"
                  onConfirm={() =>
                    void action.run(async () => {
                      await api('DELETE', `/files/${data.id}`);
                      route(folderHref);
                    })
                  }
                />
              </>
            )}
          </div>
          {sharing && <ShareDialog resource={{ kind: 'file', id: data.id, name: data.name }} onClose={() => setSharing(false)} />}
        </section>
        {mine ? (
          <MetadataForm key={data.id} file={data} onSaved={refresh} />
        ) : (
          <section class="card" aria-labelledby="files-description-title">
            <h2 id="files-description-title">Description</h2>
            <p>{data.description ?? 'None'}</p>
          </section>
        )}
        <VersionsSection fileId={data.id} versions={versions} onUploaded={mine ? refresh : null} />
        <HistorySection history={history} />
      </div>
    </section>
  );
}

/** A file that is gone, or was never the caller's to see: the API does not tell which. */
function FileGone() {
  return (
    <section>
      <h1>File not available</h1>
      <p role="alert">This file was deleted or is not shared with you.</p>
      <p>
        <a href={paths.files}>Back to My files</a>
      </p>
    </section>
  );
}
