import { api } from '../../api/client';
import { Empty } from '../../components/Empty';
import { ErrorBanner } from '../../components/ErrorBanner';
import { LoadMore } from '../../components/LoadMore';
import { Loading } from '../../components/Loading';
import { useAction } from '../../hooks/useAction';
import { useLiveChanges } from '../../hooks/useLive';
import { usePagedList } from '../../hooks/usePagedList';
import { LinkForm } from './LinkForm';
import { LinkItem } from './LinkItem';
import type { Shareable } from './resource';
import { resourcePath } from './resource';
import type { PublicLink } from './types';

/** The resource's public links (revoked and expired ones too, with their status), and a form for a new one. */
export function PublicLinks({ resource }: { resource: Shareable }) {
  const links = usePagedList<PublicLink>(`${resourcePath(resource)}/links`);
  useLiveChanges(
    () => links.reload(true),
    (item) => item.type.startsWith('link.'),
  );
  const revoke = useAction(async (link: PublicLink) => {
    await api('DELETE', `/links/${encodeURIComponent(link.id)}`);
    links.reload(true);
  });
  return (
    <>
      <LinkForm resource={resource} onCreated={() => links.reload(true)} />
      <h4>Links</h4>
      <ErrorBanner error={revoke.error} title="Not revoked" />
      {links.loading ? (
        <Loading label="Loading links…" />
      ) : links.error !== null ? (
        <ErrorBanner error={links.error} title="Could not load the links" />
      ) : (links.data ?? []).length === 0 ? (
        <Empty title="No public links yet">Create one above: anyone with its address reaches it without an account.</Empty>
      ) : (
        <ul class="sharing-list" aria-label="Public links">
          {(links.data ?? []).map((link) => (
            <LinkItem key={link.id} link={link} revoking={revoke.running} onRevoke={() => void revoke.run(link)} />
          ))}
        </ul>
      )}
      <LoadMore list={links} />
    </>
  );
}
