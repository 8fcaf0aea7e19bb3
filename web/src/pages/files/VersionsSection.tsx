import { useState } from 'preact/hooks';
import { Empty } from '../../components/Empty';
import { ErrorBanner } from '../../components/ErrorBanner';
import { LoadMore } from '../../components/LoadMore';
import { Loading } from '../../components/Loading';
import { formatBytes, formatTime } from '../../format';
import type { PagedList } from '../../hooks/usePagedList';
import type { FileVersion } from './types';
import { uploadVersion } from './upload';
import { ScrollTable } from '../../components/ScrollTable';

const COLUMNS = ['Version', 'Size', 'Type', 'Uploaded'];

/** A file's versions, newest first, and an upload of new content as the next version. */
export function VersionsSection({
  fileId,
  versions,
  onUploaded,
}: {
  fileId: string;
  versions: PagedList<FileVersion>;
  /** Null when the caller may not write the file: no upload offered. */
  onUploaded: (() => void) | null;
}) {
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const upload = (file: File) => {
    setError(null);
    setProgress({ name: file.name, fraction: 0 });
    uploadVersion(fileId, file, (fraction) => setProgress({ name: file.name, fraction })).then(
      () => {
        setProgress(null);
        onUploaded?.();
      },
      (failure: unknown) => {
        setProgress(null);
        setError(failure);
      },
    );
  };
  return (
    <section class="card" aria-labelledby="files-versions-title">
      <h2 id="files-versions-title">Versions</h2>
      {onUploaded !== null && (
        <div class="field">
          <label for="files-new-version">Upload a new version</label>
          <input
            id="files-new-version"
            type="file"
            disabled={progress !== null}
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              event.currentTarget.value = '';
              if (file !== undefined) upload(file);
            }}
          />
        </div>
      )}
      {progress !== null && (
        <p>
          <label for="files-version-progress">Uploading {progress.name}</label>{' '}
          <progress id="files-version-progress" max={1} value={progress.fraction} />
        </p>
      )}
      <ErrorBanner error={error} title="Could not upload the new version" />
      <ErrorBanner error={versions.error} title="Could not load the versions" />
      {versions.loading ? (
        <Loading label="Loading versions…" />
      ) : (versions.data ?? []).length === 0 ? (
        <Empty title="No versions" />
      ) : (
        <ScrollTable label="Versions" columns={COLUMNS}>
          {(versions.data ?? []).map((version) => (
            <tr key={version.id}>
              <td>Version {version.version}</td>
              <td>{formatBytes(version.size)}</td>
              <td>{version.mime_type}</td>
              <td>{formatTime(version.created_at)}</td>
            </tr>
          ))}
        </ScrollTable>
      )}
      <LoadMore list={versions} />
      <p class="muted">Downloads give the current version; the API does not serve earlier versions.</p>
    </section>
  );
}
