import { SqliteEventStore } from '../../src/adapters/eventStore/sqliteEventStore';
import { WrongExpectedRevisionError } from '../../src/ports/errors';
import type { EventToAppend } from '../../src/ports/eventStore';
import type { AppendTarget } from './appendTarget';
import { freshEventDatabase } from './eventDatabase';

/** Filora's SqliteEventStore on its own SqliteDatabase (WAL, synchronous FULL). */
export async function filoraAppendTarget(path: string): Promise<AppendTarget> {
  const db = await freshEventDatabase(path);
  const store = new SqliteEventStore(db);
  return {
    name: 'Filora SqliteEventStore',
    async append(stream: string, event: EventToAppend, before: number) {
      try {
        await store.append(stream, [event], { expectedRevision: before === 0 ? 'no_stream' : BigInt(before - 1) });
        return 'appended';
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError) return 'conflict';
        throw error;
      }
    },
    async length(stream: string, atLeast: number) {
      const later = await store.readStream(stream, { from: BigInt(atLeast) });
      return atLeast + later.length;
    },
    async close() {
      await store.close();
      await db.close();
    },
  };
}
