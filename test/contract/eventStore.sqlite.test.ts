import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/adapters/eventStore/sqliteEventStore';
import { SqliteDatabase } from '../../src/adapters/sqlite/sqliteDatabase';
import type { RecordedEvent } from '../../src/ports/eventStore';
import { describeEventStoreContract } from './eventStore.contract';

function tempDatabasePath(): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'filora-events-'));
  return { path: join(dir, 'filora.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function openStore(path: string): { db: SqliteDatabase; store: SqliteEventStore; close(): Promise<void> } {
  const db = new SqliteDatabase({ path });
  const store = new SqliteEventStore(db, { pollIntervalMs: 20 });
  return {
    db,
    store,
    close: async () => {
      await store.close();
      await db.close();
    },
  };
}

describeEventStoreContract(
  'sqlite',
  async () => {
    const file = tempDatabasePath();
    const opened = openStore(file.path);
    return {
      store: opened.store,
      dispose: async () => {
        await opened.close();
        file.remove();
      },
    };
  },
  { startsEmpty: true, rejectsIdReusedInAnotherStream: true },
);

describe('SqliteEventStore on a shared file', () => {
  let file: ReturnType<typeof tempDatabasePath>;
  beforeEach(() => (file = tempDatabasePath()));
  afterEach(() => file.remove());

  const anEvent = () => ({ id: randomUUID(), type: 'FileUploaded', data: { name: 'ü.txt' }, metadata: { actor: 'u1' } });

  it('keeps appended events when the file is opened again', async () => {
    const stream = `file-${randomUUID()}`;
    const first = openStore(file.path);
    const result = await first.store.append(stream, [anEvent(), anEvent()], { expectedRevision: 'no_stream' });
    const written = await first.store.readStream(stream);
    await first.close();

    const reopened = openStore(file.path);
    expect(await reopened.store.readStream(stream)).toEqual(written);
    expect(await reopened.store.headPosition()).toBe(result.position);
    const next = await reopened.store.append(stream, [anEvent()], { expectedRevision: 1n });
    expect(next.nextExpectedRevision).toBe(2n);
    expect(next.position > result.position).toBe(true);
    await reopened.close();
  });

  it('delivers to a subscription the events another connection (process) appends to the same file', async () => {
    const subscriber = openStore(file.path);
    const otherProcess = openStore(file.path);
    const received: RecordedEvent[] = [];
    const subscription = subscriber.store.subscribe(null, (event) => {
      received.push(event);
    });
    const stream = `file-${randomUUID()}`;
    const appended = [anEvent(), anEvent()];
    await otherProcess.store.append(stream, appended, { expectedRevision: 'no_stream' });
    const deadline = Date.now() + 10_000;
    while (received.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(received.map((event) => event.id)).toEqual(appended.map((event) => event.id));
    await subscription.close();
    await otherProcess.close();
    await subscriber.close();
  });

  it('refuses a conflicting append made through another connection to the same file', async () => {
    const one = openStore(file.path);
    const two = openStore(file.path);
    const stream = `file-${randomUUID()}`;
    await one.store.append(stream, [anEvent()], { expectedRevision: 'no_stream' });
    await expect(two.store.append(stream, [anEvent()], { expectedRevision: 'no_stream' })).rejects.toMatchObject({
      name: 'WrongExpectedRevisionError',
      actual: 0n,
    });
    await two.close();
    await one.close();
  });
});
