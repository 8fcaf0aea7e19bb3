import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonLogger } from '../../src/adapters/logger/jsonLogger';
import { SqliteMessageLog } from '../../src/adapters/messageLog/sqliteMessageLog';
import { SqliteDatabase } from '../../src/adapters/sqlite/sqliteDatabase';
import type { ConsumedMessage } from '../../src/ports/messageLog';
import { describeMessageLogContract } from './messageLog.contract';

function logOn(db: SqliteDatabase, partitions?: number): SqliteMessageLog {
  return new SqliteMessageLog(db, {
    logger: new JsonLogger('silent'),
    pollIntervalMs: 50,
    backoff: { initialMs: 10, maxMs: 50 },
    partitions,
  });
}

describeMessageLogContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'filora-messagelog-'));
  const db = new SqliteDatabase({ path: join(dir, 'filora.db'), synchronous: 'NORMAL' });
  const log = logOn(db);
  return {
    log,
    close: async () => {
      await log.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteMessageLog beyond the contract', () => {
  let dir: string;
  let db: SqliteDatabase;
  let opened: SqliteMessageLog[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'filora-messagelog-'));
    db = new SqliteDatabase({ path: join(dir, 'filora.db'), synchronous: 'NORMAL' });
    opened = [];
  });

  afterEach(async () => {
    for (const log of opened) await log.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every log instance has its own in-process wake-ups, so a second one stands in for another process. */
  function open(partitions?: number): SqliteMessageLog {
    const log = logOn(db, partitions);
    opened.push(log);
    return log;
  }

  async function until(condition: () => boolean): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('delivers what another log instance (as if another process) publishes, by polling', async () => {
    const [publisher, subscriber] = [open(), open()];
    const received: ConsumedMessage[] = [];
    const consumer = await subscriber.consume('g', ['t'], async (m) => void received.push(m));
    await publisher.publish('t', [{ key: 'a', value: Buffer.from('1') }]);
    await until(() => received.length === 1);
    await consumer.stop();
    expect(received[0]?.value.toString()).toBe('1');
  });

  it('keeps the partition count a topic was created with', async () => {
    await open(4).publish('t', [{ key: 'a', value: Buffer.from('x') }]);
    const later = open(16);
    const partitions = new Set<number>();
    const consumer = await later.consume('g', ['t'], async (m) => void partitions.add(m.partition));
    await later.publish(
      't',
      Array.from({ length: 64 }, (_, i) => ({ key: `k${i}`, value: Buffer.from('y') })),
    );
    await until(() => partitions.size > 0);
    await consumer.stop();
    expect(Math.max(...partitions)).toBeLessThan(4);
  });

  it('prunes old messages only once every group that consumes the topic has handled them', async () => {
    const log = open();
    await log.publish('t', [
      { key: 'k', value: Buffer.from('1') },
      { key: 'k', value: Buffer.from('2') },
    ]);
    const failing = await log.consume('slow', ['t'], async () => {
      throw new Error('not yet');
    });
    const seen: string[] = [];
    const fast = await log.consume('fast', ['t'], async (m) => void seen.push(m.value.toString()));
    await until(() => seen.length === 2);
    await Promise.all([fast.stop(), failing.stop()]);
    const future = new Date(Date.now() + 60_000);
    expect(await log.pruneConsumed(future)).toBe(0);

    let caughtUp = 0;
    const slow = await log.consume('slow', ['t'], async () => void caughtUp++);
    await until(() => caughtUp === 2);
    await slow.stop();
    expect(await log.pruneConsumed(new Date(0))).toBe(0);
    expect(await log.pruneConsumed(future)).toBe(2);

    await log.publish('t', [{ key: 'k', value: Buffer.from('3') }]);
    const after: string[] = [];
    const resumed = await log.consume('fast', ['t'], async (m) => void after.push(m.value.toString()));
    await until(() => after.length === 1);
    await resumed.stop();
    expect(after).toEqual(['3']);
  });
});
