import { api } from '../../api/client';
import { BarChart } from '../../components/BarChart';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { formatBytes } from '../../format';
import { useResource } from '../../hooks/useResource';
import type { StorageStats } from './types';

const TOP_TYPES = 6;

/** Bytes used (against the quota, when there is one), counts, and a chart of the use by type. */
export function StorageSummary({ version }: { version: number }) {
  const stats = useResource((signal) => api<StorageStats>('GET', '/stats/storage', { signal }), [version]);
  const data = stats.data;
  return (
    <section class="card files-storage" aria-labelledby="files-storage-title">
      <h2 id="files-storage-title">Storage</h2>
      <ErrorBanner error={stats.error} title="Could not load the storage summary" />
      {data === undefined ? (
        stats.loading && <Loading label="Loading storage…" />
      ) : (
        <div class="files-storage-body">
          <div>
            <p class="files-storage-used">
              <strong>{formatBytes(data.bytes_used)}</strong> used
              {data.quota_bytes !== null && <> of {formatBytes(data.quota_bytes)}</>}
            </p>
            {data.quota_bytes !== null && (
              <>
                <label for="files-quota" class="visually-hidden">
                  Storage quota used
                </label>
                <progress id="files-quota" class="files-quota" max={data.quota_bytes} value={Math.min(data.bytes_used, data.quota_bytes)} />
              </>
            )}
            <dl class="files-counts">
              <div>
                <dt>Files</dt>
                <dd>{data.files}</dd>
              </div>
              <div>
                <dt>Folders</dt>
                <dd>{data.folders}</dd>
              </div>
              <div>
                <dt>Versions</dt>
                <dd>{data.versions}</dd>
              </div>
            </dl>
            {data.current_bytes !== data.bytes_used && (
              <p class="muted">Current versions: {formatBytes(data.current_bytes)}; earlier versions take the rest.</p>
            )}
          </div>
          {data.by_mime_type.length > 0 && (
            <BarChart
              title="Space by type"
              bars={[...data.by_mime_type]
                .sort((a, b) => b.bytes - a.bytes)
                .slice(0, TOP_TYPES)
                .map((entry) => ({ label: entry.mime_type, value: entry.bytes }))}
              format={formatBytes}
            />
          )}
        </div>
      )}
    </section>
  );
}
