import { unavailable } from '../../domain/shared/domainError';
import type { EventStore } from '../../ports/eventStore';
import type { ReadStore } from '../../ports/readStore';
import { readModelsAtHead } from '../currentQuery';
import type { ProjectionProgress } from '../projectionProgress';
import { folderChildren, subtreeSize } from './folderQueries';

/** What a folder delete must see, including entries created a moment ago: the read models, once caught up with the head. */
export function readModelFolderContents(eventStore: EventStore, readStore: ReadStore, progress: ProjectionProgress, maxWaitMs: number) {
  const caughtUp = async () => {
    if (!(await readModelsAtHead(eventStore, progress, maxWaitMs))) throw unavailable('the folder listing is behind; try again');
  };
  return {
    async children(ownerId: string, folderId: string) {
      await caughtUp();
      return folderChildren(readStore, ownerId, folderId);
    },
    async subtreeSize(ownerId: string, folderId: string, cap: number) {
      await caughtUp();
      return subtreeSize(readStore, ownerId, folderId, cap);
    },
  };
}
