import { join } from 'node:path';
import { SqliteEventStore } from '../src/adapters/eventStore/sqliteEventStore';
import { writerStatements } from '../src/adapters/eventStore/sqliteEventTable';
import type { SqliteDatabase } from '../src/adapters/sqlite/sqliteDatabase';
import type { EventToAppend } from '../src/ports/eventStore';
import { freshEventDatabase } from './lib/eventDatabase';
import { fixtures } from './lib/eventFixtures';
import type { TimedPair } from './lib/compare';
import { compareRates } from './lib/compare';
import { perSecond, timeMs } from './lib/measure';
import { step } from './lib/progress';
import type { Benchmark, ResultRow } from './lib/results';
import { settings } from './lib/settings';

const WARM_UP_APPENDS = 500;

async function appendThroughStore(db: SqliteDatabase, events: readonly EventToAppend[], prefix: string): Promise<void> {
  const store = new SqliteEventStore(db);
  for (const [index, event] of events.entries()) await store.append(`${prefix}-${index}`, [event], { expectedRevision: 'no_stream' });
  await store.close();
}

/** The baseline: the same INSERT on the same table, each in its own BEGIN IMMEDIATE, straight on the connection. */
function insertRaw(db: SqliteDatabase, events: readonly EventToAppend[], prefix: string): void {
  const { insert } = writerStatements(db.writer);
  const begin = db.writer.prepare('BEGIN IMMEDIATE');
  const commit = db.writer.prepare('COMMIT');
  const rows = events.map(
    (event, index) => [`${prefix}-${index}`, 0, event.id, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata)] as const,
  );
  const createdAt = Date.now();
  for (const row of rows) {
    begin.run();
    insert.run(...row, createdAt);
    commit.run();
  }
}

/** Both sides write the same events, each to a fresh database file. */
async function appendRound(tempDir: string, name: string, count: number): Promise<{ store: number; raw: number }> {
  const events = fixtures(count);
  const rawDb = await freshEventDatabase(join(tempDir, `raw-${name}.sqlite`));
  const raw = await timeMs(() => insertRaw(rawDb, events, 'raw'));
  await rawDb.close();
  const storeDb = await freshEventDatabase(join(tempDir, `store-${name}.sqlite`));
  const store = await timeMs(() => appendThroughStore(storeDb, events, 'store'));
  await storeDb.close();
  return { store, raw };
}

async function measureAppends(tempDir: string): Promise<TimedPair> {
  const samples: TimedPair = { measured: [], baseline: [] };
  const count = settings.appendCount;
  await appendRound(tempDir, 'warm-up', WARM_UP_APPENDS);
  for (let rep = 1; rep <= settings.repeats; rep++) {
    const { store, raw } = await appendRound(tempDir, String(rep), count);
    samples.measured.push(store);
    samples.baseline.push(raw);
    step(
      `append ${rep}/${settings.repeats}: store ${perSecond(count, store).toFixed(0)} events/s, raw INSERT ${perSecond(count, raw).toFixed(0)} rows/s`,
    );
  }
  return samples;
}

export const benchmark: Benchmark = {
  name: 'eventAppend',
  description: `SqliteEventStore: ${settings.appendCount} single-event appends, against raw better-sqlite3 INSERTs`,
  async run({ tempDir }): Promise<ResultRow[]> {
    const { measured, baseline, runs } = compareRates(await measureAppends(tempDir), (ms) => perSecond(settings.appendCount, ms));
    return [
      {
        benchmark: 'event append (1 event, own stream)',
        measured,
        baseline,
        unit: 'events/s',
        notes: `${settings.appendCount} sequential appends, WAL + synchronous FULL; baseline: raw INSERT of the same rows, one BEGIN IMMEDIATE each; ${runs}`,
      },
    ];
  },
};
