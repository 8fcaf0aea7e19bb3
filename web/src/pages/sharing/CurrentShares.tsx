import { api } from '../../api/client';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Empty } from '../../components/Empty';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { useAction } from '../../hooks/useAction';
import type { Resource } from '../../hooks/useResource';
import { formatTime } from '../../format';
import { paths } from '../../routes';
import { permissionName } from './permissions';
import type { Shareable } from './resource';
import { resourcePath } from './resource';
import type { ResourceShare, ResourceShares } from './types';
import { Badge } from '../../components/Badge';

/** Who has the resource now: its own shares (revocable here) and those it inherits from a folder above it. */
export function CurrentShares({ resource, shares }: { resource: Shareable; shares: Resource<ResourceShares> }) {
  const revoke = useAction(async (share: ResourceShare) => {
    await api('DELETE', `${resourcePath(resource)}/shares/${encodeURIComponent(share.user_id)}`);
    shares.reload(true);
  });
  if (shares.loading) return <Loading label="Loading who has access…" />;
  if (shares.error !== null) return <ErrorBanner error={shares.error} title="Could not load who has access" />;
  const list = shares.data?.shares ?? [];
  if (list.length === 0) return <Empty title="Not shared with anyone yet">Find people above to share it with them.</Empty>;
  return (
    <>
      <ErrorBanner error={revoke.error} title="Not revoked" />
      <ul class="sharing-list" aria-label="People with access">
        {list.map((share) => (
          <li key={share.share_id} class="sharing-item">
            <div>
              <strong>{share.name}</strong> <span class="muted">@{share.username}</span>
              <div class="sharing-meta">
                <Badge>{permissionName(share.permission)}</Badge>
                {share.via === 'folder' && <Badge tone="warning">Through a shared folder</Badge>}
                <span class="muted">Expires: {share.expires_at === null ? 'never' : formatTime(share.expires_at)}</span>
              </div>
            </div>
            {share.via === 'direct' ? (
              <ConfirmButton
                label="Revoke"
                name={`Revoke ${share.username}`}
                confirmLabel="Revoke access"
                disabled={revoke.running}
                onConfirm={() => void revoke.run(share)}
              />
            ) : share.folder_id === undefined ? (
              <span class="muted">Revoke it on the folder</span>
            ) : (
              <a href={paths.folder(share.folder_id)}>Manage on the folder</a>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
