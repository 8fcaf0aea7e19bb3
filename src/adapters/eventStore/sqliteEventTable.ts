import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../../ports/eventStore';
import type { StoredEventRef } from './appendRules';
import { sequencePosition } from './sequencePosition';

// `position` is the global order; AUTOINCREMENT never reuses a number, so positions only grow.
export const EVENTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position   INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_id  TEXT    NOT NULL,
  revision   INTEGER NOT NULL,
  event_id   TEXT    NOT NULL UNIQUE,
  type       TEXT    NOT NULL,
  data       TEXT    NOT NULL,
  metadata   TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (stream_id, revision)
);
CREATE INDEX IF NOT EXISTS events_by_type ON events (type, position);
`;

export interface EventRow {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  created_at: number;
}

type RefRow = Pick<EventRow, 'stream_id' | 'revision' | 'position'>;

const COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, created_at';

/** Statements on the writer connection, run inside db.write's transaction. */
export function writerStatements(db: Database.Database) {
  return {
    refById: db.prepare<[string], RefRow>('SELECT stream_id, revision, position FROM events WHERE event_id = ?'),
    lastRevision: db.prepare<[string], { revision: number | null }>('SELECT MAX(revision) AS revision FROM events WHERE stream_id = ?'),
    insert: db.prepare<[string, number, string, string, string, string, number]>(
      'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    // One savepoint per append of a group commit, so that a refused append is undone alone.
    savepoint: db.prepare('SAVEPOINT append'),
    release: db.prepare('RELEASE append'),
    rollbackTo: db.prepare('ROLLBACK TO append'),
  };
}

/** Statements on the reader connection (a WAL snapshot per statement). */
export function readerStatements(db: Database.Database) {
  return {
    stream: db.prepare<[string, number, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
    ),
    all: db.prepare<[number, number], EventRow>(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`),
    allOfTypes: db.prepare<[number, string, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE position > ? AND type IN (SELECT value FROM json_each(?)) ORDER BY position LIMIT ?`,
    ),
    head: db.prepare<[], { position: number | null }>('SELECT MAX(position) AS position FROM events'),
  };
}

export function toStoredRef(row: RefRow): StoredEventRef {
  return { streamId: row.stream_id, revision: BigInt(row.revision), position: sequencePosition(row.position) };
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    streamId: row.stream_id,
    revision: BigInt(row.revision),
    position: sequencePosition(row.position),
    id: row.event_id,
    type: row.type,
    data: JSON.parse(row.data) as RecordedEvent['data'],
    metadata: JSON.parse(row.metadata) as RecordedEvent['metadata'],
    createdAt: new Date(row.created_at),
  };
}
