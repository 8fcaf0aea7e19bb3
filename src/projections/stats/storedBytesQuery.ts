import type { EventStore } from '../../ports/eventStore';
import type { ReadStore } from '../../ports/readStore';
import { readModelsAtHead } from '../currentQuery';
import type { ProjectionProgress } from '../projectionProgress';
import type { StorageStatsView } from './storageStatsView';
import { STORAGE_STATS } from './storageStatsView';

/** A user's stored bytes from the storage-stats read model, caught up to the head first (bounded). */
export function readModelStoredBytes(eventStore: EventStore, readStore: ReadStore, progress: ProjectionProgress, maxWaitMs: number) {
  return async (ownerId: string): Promise<number> => {
    await readModelsAtHead(eventStore, progress, maxWaitMs);
    return (await readStore.get<StorageStatsView>(STORAGE_STATS, ownerId))?.bytes_used ?? 0;
  };
}
