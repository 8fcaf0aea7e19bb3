import { join } from 'node:path';
import { SqliteEventStore } from '../../src/adapters/eventStore/sqliteEventStore';
import { SqliteReadStore } from '../../src/adapters/readStore/sqliteReadStore';
import { SqliteDatabase } from '../../src/adapters/sqlite/sqliteDatabase';

export interface ServerDatabase {
  eventStore: SqliteEventStore;
  readStore: SqliteReadStore;
  close(): Promise<void>;
}

/**
 * The SQLite file of a bench server's data dir (the embedded profile's `filora.db`), opened in this process
 * through the platform's own adapters: to write history straight through the ports, or to watch the server's progress.
 */
export async function openServerDatabase(dataDir: string): Promise<ServerDatabase> {
  // NORMAL: what is written here is bench set-up, not data that must survive a power cut.
  const db = new SqliteDatabase({ path: join(dataDir, 'filora.db'), synchronous: 'NORMAL' });
  const eventStore = new SqliteEventStore(db);
  const readStore = await SqliteReadStore.open(db);
  return {
    eventStore,
    readStore,
    async close() {
      await eventStore.close();
      await readStore.close();
      await db.close();
    },
  };
}
