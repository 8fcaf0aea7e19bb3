import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../../src/adapters/eventStore/sqliteEventStore';
import { SqliteDatabase } from '../../../src/adapters/sqlite/sqliteDatabase';

/** A database whose flushes of the log are held until the test lets them finish; it counts them. */
class HeldFlushDatabase extends SqliteDatabase {
  readonly flushes: Array<() => void> = [];

  override async flushCommitted(): Promise<void> {
    await new Promise<void>((resolve) => this.flushes.push(resolve));
    await super.flushCommitted();
  }

  releaseFlushes(): void {
    for (const release of this.flushes.splice(0)) release();
  }
}

const anEvent = () => ({ id: randomUUID(), type: 'FileUploaded', data: {}, metadata: {} });

/** Settles `promise` into a flag the test can look at without awaiting it. */
function watch<T>(promise: Promise<T>): { settled: () => boolean; promise: Promise<T> } {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  return { settled: () => settled, promise };
}

const turns = async (count: number) => {
  for (let turn = 0; turn < count; turn++) await new Promise((resolve) => setImmediate(resolve));
};

/** Waits for `condition`, failing (not hanging) when it does not come to hold. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

describe('SqliteEventStore reads only what is on disk', () => {
  let dir: string;
  let path: string;
  const opened: Array<{ store: SqliteEventStore; db: SqliteDatabase }> = [];
  const open = (): { store: SqliteEventStore; db: HeldFlushDatabase } => {
    const db = new HeldFlushDatabase({ path, synchronous: 'FULL' });
    const store = new SqliteEventStore(db, { pollIntervalMs: 10 });
    opened.push({ store, db });
    return { store, db };
  };
  const committedRows = (db: SqliteDatabase) => (db.reader.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'filora-durable-'));
    path = join(dir, 'filora.db');
  });
  afterEach(async () => {
    for (const { store, db } of opened.splice(0)) {
      if (db instanceof HeldFlushDatabase) db.releaseFlushes();
      await store.close();
      await db.close();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  async function committedButNotSynced(): Promise<{ writer: ReturnType<typeof open>; append: ReturnType<typeof watch> }> {
    const writer = open();
    await writer.store.headPosition(); // the schema is in place
    const append = watch(writer.store.append(`file-${randomUUID()}`, [anEvent()], { expectedRevision: 'no_stream' }));
    await until(() => committedRows(writer.db) > 0 && writer.db.flushes.length > 0, 'the append committed and waits for its flush');
    return { writer, append };
  }

  it('holds back a read of a committed event until the log holding it is flushed', async () => {
    const { writer, append } = await committedButNotSynced();
    const read = watch(writer.store.readAll({ after: null, limit: 10 }));
    await turns(20);
    expect(read.settled()).toBe(false);
    expect(append.settled()).toBe(false);

    writer.db.releaseFlushes();
    expect(await read.promise).toHaveLength(1);
    await append.promise;
  });

  it('holds back what another process committed until this one has flushed the log too', async () => {
    const { writer } = await committedButNotSynced();
    const otherProcess = open();
    const read = watch(otherProcess.store.readAll({ after: null, limit: 10 }));
    await until(() => otherProcess.db.flushes.length > 0, 'the other process flushes before answering');
    await turns(20);
    expect(read.settled()).toBe(false);

    otherProcess.db.releaseFlushes();
    expect(await read.promise).toHaveLength(1);
    writer.db.releaseFlushes();
  });

  it('does not flush again for events its own appends have already synced', async () => {
    const writer = open();
    const append = writer.store.append(`file-${randomUUID()}`, [anEvent(), anEvent()], { expectedRevision: 'no_stream' });
    await until(() => writer.db.flushes.length > 0, 'the append waits for its flush');
    writer.db.releaseFlushes();
    await append;

    expect(await writer.store.readAll({ after: null, limit: 10 })).toHaveLength(2);
    expect(writer.db.flushes).toHaveLength(0);
  });

  it('delivers to a polling subscription only after the flush', async () => {
    const { writer } = await committedButNotSynced();
    const otherProcess = open();
    const received: string[] = [];
    const subscription = otherProcess.store.subscribe(null, (event) => void received.push(event.id));
    await until(() => otherProcess.db.flushes.length > 0, 'the other process flushes before answering');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(received).toEqual([]);

    otherProcess.db.releaseFlushes();
    await until(() => received.length > 0, 'the subscription delivers the event');
    expect(received).toHaveLength(1);
    await subscription.close();
    writer.db.releaseFlushes();
  });
});
