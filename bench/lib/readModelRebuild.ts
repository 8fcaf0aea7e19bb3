import { SqliteEventStore } from '../../src/adapters/eventStore/sqliteEventStore';
import { SqliteReadStore } from '../../src/adapters/readStore/sqliteReadStore';
import type { SqliteDatabase } from '../../src/adapters/sqlite/sqliteDatabase';
import type { Logger } from '../../src/ports/logger';
import { allProjections } from '../../src/projections/allProjections';
import { ProjectionManager } from '../../src/projections/projectionManager';

const silent: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silent,
};

/**
 * What `filora rebuild` does, in this process: every read model of the platform dropped and replayed from
 * the log by ProjectionManager.rebuild, with the adapters the embedded profile wires (SqliteEventStore and
 * SqliteReadStore on one SqliteDatabase) and the default FILORA_PROJECTION_BATCH_SIZE.
 */
export async function rebuildReadModels(
  db: SqliteDatabase,
  batchSize: number,
  onProgress: (processed: number, total: number) => void,
): Promise<void> {
  const eventStore = new SqliteEventStore(db);
  const readStore = await SqliteReadStore.open(db);
  const manager = new ProjectionManager(allProjections, eventStore, readStore, silent, batchSize);
  const first = allProjections[0]!.name;
  try {
    await manager.rebuild(({ projection, processed, total }) => {
      if (projection === first) onProgress(processed, total);
    });
  } finally {
    await eventStore.close();
    await readStore.close();
  }
}
