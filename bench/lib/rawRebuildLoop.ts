import { readerStatements } from '../../src/adapters/eventStore/sqliteEventTable';
import type { SqliteDatabase } from '../../src/adapters/sqlite/sqliteDatabase';

const TABLE = 'bench_raw_rebuild';

/**
 * The floor for a rebuild: read every event row with the event store's own SELECT, a page at a time, parse
 * its data and metadata, and write one row per event (the data serialised again) into one table, one
 * transaction per page through `db.write` with the durability the platform gives read models ('rebuildable':
 * WAL, no fsync of its own). Answers the rows written.
 */
export async function rawRebuildLoop(db: SqliteDatabase, pageSize: number, onProgress: (done: number) => void): Promise<number> {
  db.writer.exec(`DROP TABLE IF EXISTS ${TABLE}; CREATE TABLE ${TABLE} (_id TEXT PRIMARY KEY, doc TEXT NOT NULL)`);
  const { all } = readerStatements(db.reader);
  const insert = db.writer.prepare<[string, string]>(
    `INSERT INTO ${TABLE} (_id, doc) VALUES (?, ?) ON CONFLICT (_id) DO UPDATE SET doc = excluded.doc`,
  );
  const writePage = (rows: ReturnType<typeof all.all>) => {
    for (const row of rows) {
      const data = JSON.parse(row.data) as Record<string, unknown>;
      JSON.parse(row.metadata);
      insert.run(row.event_id, JSON.stringify({ ...data, type: row.type, at: row.created_at }));
    }
  };
  let written = 0;
  for (let after = 0; ;) {
    const rows = all.all(after, pageSize);
    if (rows.length === 0) break;
    await db.write(() => writePage(rows), 'rebuildable');
    written += rows.length;
    after = rows[rows.length - 1]!.position;
    onProgress(written);
  }
  db.writer.exec(`DROP TABLE ${TABLE}`);
  return written;
}
