import { EVENTS_SCHEMA } from '../../src/adapters/eventStore/sqliteEventTable';
import { SqliteDatabase } from '../../src/adapters/sqlite/sqliteDatabase';

/**
 * A fresh database file holding the events table, configured by SqliteDatabase itself, so that the store
 * and its raw baseline run with the same pragmas (WAL, synchronous FULL).
 */
export async function freshEventDatabase(path: string): Promise<SqliteDatabase> {
  const db = new SqliteDatabase({ path, synchronous: 'FULL' });
  await db.migrate(EVENTS_SCHEMA);
  return db;
}
