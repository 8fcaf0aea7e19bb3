import type { EventToAppend } from '../../src/ports/eventStore';
import { writerStatements } from '../../src/adapters/eventStore/sqliteEventTable';
import type { AppendTarget } from './appendTarget';
import { freshEventDatabase } from './eventDatabase';

/**
 * The floor: better-sqlite3 straight on the connection, one INSERT per append in its own BEGIN IMMEDIATE …
 * COMMIT (so one fsync each, synchronous FULL), the revision checked with one SELECT, same table as Filora's.
 * It is synchronous, so concurrent callers simply take turns.
 */
export async function rawAppendTarget(path: string): Promise<AppendTarget> {
  const db = await freshEventDatabase(path);
  const { insert, lastRevision } = writerStatements(db.writer);
  const begin = db.writer.prepare('BEGIN IMMEDIATE');
  const commit = db.writer.prepare('COMMIT');
  const rollback = db.writer.prepare('ROLLBACK');
  return {
    name: 'raw better-sqlite3',
    append(stream: string, event: EventToAppend, before: number) {
      begin.run();
      const last = lastRevision.get(stream)?.revision ?? -1;
      if (last + 1 !== before) {
        rollback.run();
        return Promise.resolve('conflict');
      }
      insert.run(stream, before, event.id, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata), Date.now());
      commit.run();
      return Promise.resolve('appended');
    },
    length(stream: string) {
      return Promise.resolve((lastRevision.get(stream)?.revision ?? -1) + 1);
    },
    close: () => db.close(),
  };
}
