import { useEffect, useRef, useState } from 'preact/hooks';
import { Dialog } from '../../components/Dialog';
import { Empty } from '../../components/Empty';
import { ErrorBanner } from '../../components/ErrorBanner';
import { LoadMore } from '../../components/LoadMore';
import { Loading } from '../../components/Loading';
import { useAction } from '../../hooks/useAction';
import { usePagedList } from '../../hooks/usePagedList';
import type { FolderSummary } from './types';

type Place = { id: string; name: string };

/**
 * Chooses the folder to move something into: browse from My files down through the folders, then "Move here".
 * A folder being moved is not offered as its own destination.
 */
export function MoveDialog({
  name,
  excludeId,
  move,
  onClose,
}: {
  name: string;
  excludeId?: string;
  move: (folderId: string | null) => Promise<void>;
  onClose: () => void;
}) {
  const [trail, setTrail] = useState<Place[]>([]);
  const here = trail.at(-1) ?? null;
  const folders = usePagedList<FolderSummary>('/folders', { parent_id: here?.id ?? 'root', limit: 50 });
  const action = useAction(async () => {
    await move(here?.id ?? null);
    onClose();
  });
  const choices = (folders.data ?? []).filter((folder) => folder.id !== excludeId);
  // Opening a folder (or going up) replaces the button pressed: focus moves to the new destination instead.
  const destination = useRef<HTMLParagraphElement>(null);
  const browsed = useRef(false);
  useEffect(() => {
    if (browsed.current) destination.current?.focus();
    browsed.current = true;
  }, [trail]);
  return (
    <Dialog title={`Move ${name}`} onClose={onClose}>
      <p ref={destination} tabIndex={-1}>
        Destination: <strong>{['My files', ...trail.map((place) => place.name)].join(' / ')}</strong>
      </p>
      {trail.length > 0 && (
        <button type="button" class="button button-small button-secondary" onClick={() => setTrail(trail.slice(0, -1))}>
          Up one folder
        </button>
      )}
      <ErrorBanner error={folders.error} title="Could not list folders" />
      {folders.loading ? (
        <Loading label="Loading folders…" />
      ) : choices.length === 0 ? (
        <Empty title="No folders in here" />
      ) : (
        <ul class="files-picker" aria-label="Folders">
          {choices.map((folder) => (
            <li key={folder.id}>
              <button
                type="button"
                class="button button-small button-ghost"
                onClick={() => setTrail([...trail, { id: folder.id, name: folder.name }])}
              >
                Open {folder.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      <LoadMore list={folders} />
      <ErrorBanner error={action.error} title="Could not move" />
      <div class="actions">
        <button type="button" class="button" onClick={() => void action.run()} disabled={action.running}>
          Move here
        </button>
        <button type="button" class="button button-secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
