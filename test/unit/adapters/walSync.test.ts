import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WalSync } from '../../../src/adapters/sqlite/walSync';

/** Counts the fdatasyncs it takes, each held open until the test lets it finish. */
class CountingWalSync extends WalSync {
  readonly started: Array<() => void> = [];

  protected override async datasync(): Promise<void> {
    await new Promise<void>((resolve) => this.started.push(resolve));
    await super.datasync();
  }
}

describe('WAL sync', () => {
  let dir: string;
  let wal: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'filora-wal-'));
    wal = join(dir, 'test.db-wal');
    writeFileSync(wal, 'frames');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives callers that arrive while a sync runs one new sync after it, which they share', async () => {
    const sync = new CountingWalSync(wal);
    const first = sync.sync();
    await new Promise((resolve) => setImmediate(resolve));
    const later = [sync.sync(), sync.sync(), sync.sync()];
    expect(sync.started).toHaveLength(1);
    let firstDone = false;
    void first.then(() => (firstDone = true));
    sync.started[0]!();
    await first;
    expect(firstDone).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(sync.started).toHaveLength(2);
    sync.started[1]!();
    await Promise.all(later);
    expect(sync.started).toHaveLength(2);
    await sync.close();
  });

  it('syncs the log file for real, and reports a failure to its callers', async () => {
    const sync = new WalSync(wal);
    await expect(sync.sync()).resolves.toBeUndefined();
    await sync.close();
    await expect(new WalSync(join(dir, 'missing-wal')).sync()).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
