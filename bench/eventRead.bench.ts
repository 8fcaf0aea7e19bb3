import { join } from 'node:path';
import { SqliteEventStore } from '../src/adapters/eventStore/sqliteEventStore';
import { readerStatements } from '../src/adapters/eventStore/sqliteEventTable';
import type { SqliteDatabase } from '../src/adapters/sqlite/sqliteDatabase';
import { freshEventDatabase } from './lib/eventDatabase';
import { fixtures } from './lib/eventFixtures';
import type { TimedPair } from './lib/compare';
import { compareRates } from './lib/compare';
import { perSecond, timeMs } from './lib/measure';
import { step } from './lib/progress';
import type { Benchmark, ResultRow } from './lib/results';
import { settings } from './lib/settings';

// The projection runner's default batch size.
const READ_PAGE = 500;
const SEED_BATCH = 1000;

async function seed(db: SqliteDatabase, count: number): Promise<void> {
  const store = new SqliteEventStore(db);
  for (let done = 0, stream = 0; done < count; stream++) {
    const batch = fixtures(Math.min(SEED_BATCH, count - done));
    await store.append(`seed-${stream}`, batch, { expectedRevision: 'no_stream' });
    done += batch.length;
  }
  await store.close();
}

async function readThroughStore(db: SqliteDatabase): Promise<number> {
  const store = new SqliteEventStore(db);
  let read = 0;
  for (let after: string | null = null; ;) {
    const page = await store.readAll({ after, limit: READ_PAGE });
    if (page.length === 0) break;
    read += page.length;
    after = page[page.length - 1]!.position;
  }
  await store.close();
  return read;
}

/** The baseline: the adapter's own SELECT, paged the same way, rows left as SQLite returns them. */
function selectRaw(db: SqliteDatabase): number {
  const { all } = readerStatements(db.reader);
  let read = 0;
  for (let after = 0; ;) {
    const page = all.all(after, READ_PAGE);
    if (page.length === 0) break;
    read += page.length;
    after = page[page.length - 1]!.position;
  }
  return read;
}

async function measureReads(tempDir: string): Promise<TimedPair> {
  const count = settings.readCount;
  const db = await freshEventDatabase(join(tempDir, 'read.sqlite'));
  step(`seeding ${count} events for the read benchmark`);
  await seed(db, count);
  // Warm-up: fills the page cache and compiles both paths, so that every timed read runs from memory.
  selectRaw(db);
  await readThroughStore(db);
  const samples: TimedPair = { measured: [], baseline: [] };
  for (let rep = 1; rep <= settings.repeats; rep++) {
    let rawRead = 0;
    let storeRead = 0;
    const raw = await timeMs(() => void (rawRead = selectRaw(db)));
    const store = await timeMs(async () => void (storeRead = await readThroughStore(db)));
    if (rawRead !== count || storeRead !== count)
      throw new Error(`read ${storeRead} events through the store and ${rawRead} raw, expected ${count}`);
    samples.measured.push(store);
    samples.baseline.push(raw);
    step(
      `readAll ${rep}/${settings.repeats}: store ${perSecond(count, store).toFixed(0)} events/s, raw SELECT ${perSecond(count, raw).toFixed(0)} rows/s`,
    );
  }
  await db.close();
  return samples;
}

export const benchmark: Benchmark = {
  name: 'eventRead',
  description: `SqliteEventStore: readAll of ${settings.readCount} events in pages of ${READ_PAGE}, against the raw SELECT`,
  async run({ tempDir }): Promise<ResultRow[]> {
    const { measured, baseline, runs } = compareRates(await measureReads(tempDir), (ms) => perSecond(settings.readCount, ms));
    return [
      {
        benchmark: `event readAll (pages of ${READ_PAGE})`,
        measured,
        baseline,
        unit: 'events/s',
        notes: `${settings.readCount} events from page cache; baseline: the same SELECT without decoding rows (JSON, BigInt, Date); ${runs}`,
      },
    ];
  },
};
