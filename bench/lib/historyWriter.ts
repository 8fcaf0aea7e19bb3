import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { ProgressBar } from '../../src/cli/progressBar';
import { EVENTS_SCHEMA } from '../../src/adapters/eventStore/sqliteEventTable';
import { platformHistory } from './platformHistory';

export interface HistoryFile {
  path: string;
  /** The first `events` events of the history go into this file. */
  events: number;
}

const ROWS_PER_TRANSACTION = 20_000;

interface OpenFile {
  file: HistoryFile;
  db: Database.Database;
  insert: Database.Statement<[string, number, string, string, string, string, number]>;
}

function open(file: HistoryFile): OpenFile {
  const db = new Database(file.path);
  db.pragma('journal_mode = WAL');
  // Set-up, not data that must survive a power cut.
  db.pragma('synchronous = OFF');
  db.exec(EVENTS_SCHEMA);
  const insert = db.prepare<[string, number, string, string, string, string, number]>(
    'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  return { file, db, insert };
}

/**
 * Writes the history straight into the events table of each file (the table SqliteEventStore uses), in
 * large transactions; each file gets a prefix of the same history, so smaller files are earlier states of
 * the largest. Progress goes to stderr.
 */
export function writeHistory(files: readonly HistoryFile[]): void {
  const open_ = files.map(open);
  const total = Math.max(...files.map((file) => file.events));
  const revisions = new Map<string, number>();
  const bar = new ProgressBar();
  let written = 0;
  for (const { db } of open_) db.exec('BEGIN');
  for (const step of platformHistory()) {
    const metadata = JSON.stringify({ actor: randomUUID(), requestId: randomUUID(), correlationId: randomUUID(), ip: '10.0.0.7' });
    for (const event of step.events) {
      if (written === total) break;
      const revision = (revisions.get(event.stream) ?? -1) + 1;
      revisions.set(event.stream, revision);
      const data = JSON.stringify(event.data);
      const id = randomUUID();
      for (const { file, insert } of open_)
        if (written < file.events) insert.run(event.stream, revision, id, event.type, data, metadata, step.createdAt);
      written++;
      if (written % ROWS_PER_TRANSACTION === 0) {
        for (const { db } of open_) db.exec('COMMIT; BEGIN');
        bar.update('generate', written, total);
      }
    }
    if (written === total) break;
  }
  bar.update('generate', written, total);
  for (const { db } of open_) {
    db.exec('COMMIT');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }
}
