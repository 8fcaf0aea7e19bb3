import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteReadStore } from '../../src/adapters/readStore/sqliteReadStore';
import { SqliteDatabase } from '../../src/adapters/sqlite/sqliteDatabase';
import { describeReadStoreContract } from './readStore.contract';

describeReadStoreContract('sqlite', async () => {
  // A file, not ':memory:', so that reads go through the separate reader connection.
  const dir = mkdtempSync(join(tmpdir(), 'filora-readstore-'));
  const db = new SqliteDatabase({ path: join(dir, 'filora.db'), synchronous: 'NORMAL' });
  const store = new SqliteReadStore(db);
  return {
    store,
    atomicTransactions: true,
    dispose: async () => {
      await store.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
