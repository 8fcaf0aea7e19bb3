import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonLogger } from '../../src/adapters/logger/jsonLogger';
import { MemoryEventStore } from '../../src/adapters/eventStore/memoryEventStore';
import { SqliteMessageLog } from '../../src/adapters/messageLog/sqliteMessageLog';
import { SqliteReadStore } from '../../src/adapters/readStore/sqliteReadStore';
import { SqliteDatabase } from '../../src/adapters/sqlite/sqliteDatabase';

export const silentLogger = () => new JsonLogger('silent');

/** A memory event store with a SQLite read store and message log in a temp dir, for component tests. */
export async function openStores() {
  const dir = mkdtempSync(join(tmpdir(), 'filora-unit-'));
  const db = new SqliteDatabase({ path: join(dir, 'test.db'), synchronous: 'NORMAL' });
  const eventStore = new MemoryEventStore();
  const readStore = await SqliteReadStore.open(db);
  const messageLog = new SqliteMessageLog(db, { logger: silentLogger() });
  return {
    eventStore,
    readStore,
    messageLog,
    async close() {
      await messageLog.close();
      await readStore.close();
      await eventStore.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
