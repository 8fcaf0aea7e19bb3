import { getSQLiteEventStore } from '@event-driven-io/emmett-sqlite';
import type { EventToAppend } from '../../src/ports/eventStore';
import type { AppendTarget } from './appendTarget';

/**
 * Emmett sets no busy timeout on its connections, so a BEGIN IMMEDIATE that finds the write lock taken fails
 * with SQLITE_BUSY at once; its transaction wrapper then tries a ROLLBACK, which fails in turn and is what
 * reaches the caller. Either is a busy database: the caller may retry.
 */
function isBusy(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return ('code' in error && error.code === 'SQLITE_BUSY') || error.message.includes('cannot rollback - no transaction is active');
}

/** Emmett's ExpectedVersionConflictError, told by its errorCode (412, a ConcurrencyError): its class is bundled inside emmett-sqlite. */
function isVersionConflict(error: unknown): boolean {
  return error instanceof Error && 'errorCode' in error && error.errorCode === 412;
}

/**
 * Emmett's SQLite event store (`@event-driven-io/emmett-sqlite`, on the `sqlite3` driver) on a file, used as
 * its README shows: `getSQLiteEventStore({ fileName })`, then `appendToStream` with `expectedStreamVersion`
 * (the number of events the stream holds; 0n: none). It opens a connection per call, in WAL mode, with
 * SQLite's default synchronous setting, FULL (checked by the bench).
 */
export function emmettAppendTarget(path: string): AppendTarget {
  const store = getSQLiteEventStore({ fileName: path });
  return {
    name: "Emmett's SQLite event store",
    async append(stream: string, event: EventToAppend, before: number) {
      try {
        await store.appendToStream(stream, [{ type: event.type, data: event.data, metadata: { ...event.metadata } }], {
          expectedStreamVersion: BigInt(before),
        });
        return 'appended';
      } catch (error) {
        if (isVersionConflict(error)) return 'conflict';
        if (isBusy(error)) return 'busy';
        throw error;
      }
    },
    async length(stream: string, atLeast: number) {
      const read = await store.readStream(stream, { from: BigInt(atLeast + 1) });
      return read.events.length > 0 ? Number(read.currentStreamVersion) : atLeast;
    },
    close: () => Promise.resolve(),
  };
}
