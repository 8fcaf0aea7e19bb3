import { useId } from 'preact/hooks';
import { api } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { useLiveChanges } from '../../hooks/useLive';
import { useResource } from '../../hooks/useResource';
import { CurrentShares } from './CurrentShares';
import { PublicLinks } from './PublicLinks';
import type { Shareable } from './resource';
import { resourcePath } from './resource';
import { ShareWithPeople } from './ShareWithPeople';
import type { ResourceShares } from './types';
import './sharing.css';

export type { Shareable } from './resource';

/** Share a file or folder with people, see and revoke who has it, and manage its public links. */
export function ShareDialog({ resource, onClose }: { resource: Shareable; onClose: () => void }) {
  const id = useId();
  const shares = useResource(
    (signal) => api<ResourceShares>('GET', `${resourcePath(resource)}/shares`, { signal }),
    [resource.kind, resource.id],
  );
  useLiveChanges(
    () => shares.reload(true),
    (item) => item.type.startsWith('share.'),
  );
  return (
    <Dialog title={`Share ${resource.name}`} onClose={onClose}>
      <section class="sharing-section" aria-labelledby={`${id}-people`}>
        <h3 id={`${id}-people`}>People</h3>
        <ShareWithPeople resource={resource} onShared={() => shares.reload(true)} />
        <h4>Who has access</h4>
        <CurrentShares resource={resource} shares={shares} />
      </section>
      <section class="sharing-section" aria-labelledby={`${id}-links`}>
        <h3 id={`${id}-links`}>Public links</h3>
        <PublicLinks resource={resource} />
      </section>
    </Dialog>
  );
}
