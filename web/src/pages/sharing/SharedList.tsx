import { useState } from 'preact/hooks';
import { Empty } from '../../components/Empty';
import { ErrorBanner } from '../../components/ErrorBanner';
import { LoadMore } from '../../components/LoadMore';
import { Loading } from '../../components/Loading';
import { formatBytes, formatTime } from '../../format';
import type { PagedList } from '../../hooks/usePagedList';
import { SharedItemActions } from './SharedItemActions';
import { permissionName } from './permissions';
import type { SharedItem, SharedView } from './types';
import { ScrollTable } from '../../components/ScrollTable';
import { Badge } from '../../components/Badge';

const EMPTY: Record<SharedView, { title: string; hint: string }> = {
  received: { title: 'Nothing is shared with you yet', hint: 'When someone shares a file or folder with you, it appears here at once.' },
  sent: { title: 'You have not shared anything yet', hint: 'Open Files and choose Share on a file or folder.' },
};

const COLUMNS: Record<SharedView, string[]> = {
  received: ['Name', 'Shared by', 'Permission', 'Size', 'Shared', 'Expires', 'Actions'],
  sent: ['Name', 'Shared with', 'Permission', 'Size', 'Shared', 'Expires', 'Actions'],
};

/** One tab of the Shared page: what others shared with you, or what you shared and with whom. */
export function SharedList({ view, list }: { view: SharedView; list: PagedList<SharedItem> }) {
  const [actionError, setActionError] = useState<unknown>(null);
  if (list.loading) return <Loading label="Loading shares…" />;
  if (list.error !== null) return <ErrorBanner error={list.error} title="Could not load the shares" />;
  const items = list.data ?? [];
  if (items.length === 0)
    return (
      <Empty title={EMPTY[view].title}>
        <p>{EMPTY[view].hint}</p>
      </Empty>
    );
  return (
    <>
      <ErrorBanner error={actionError} />
      <ScrollTable label={view === 'received' ? 'Shared with me' : 'Shared by me'} columns={COLUMNS[view]}>
        {items.map((item) => {
          const party = view === 'received' ? item.shared_by : item.shared_with;
          return (
            <tr key={item.share_id}>
              <td>
                {item.filename}
                {item.resource_kind === 'folder' && <Badge class="sharing-kind">Folder</Badge>}
              </td>
              <td>
                {party.name} <span class="muted">@{party.username}</span>
              </td>
              <td>{permissionName(item.permission)}</td>
              <td>{item.size_bytes === null ? '—' : formatBytes(item.size_bytes)}</td>
              <td>{formatTime(item.shared_at)}</td>
              <td>{item.expires_at === null ? 'Never' : formatTime(item.expires_at)}</td>
              <td>
                <SharedItemActions view={view} item={item} onError={setActionError} />
              </td>
            </tr>
          );
        })}
      </ScrollTable>
      <LoadMore list={list} />
    </>
  );
}
