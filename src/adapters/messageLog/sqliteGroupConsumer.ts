import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { ConsumedMessage, Consumer } from '../../ports/messageLog';
import type { GroupPartition } from './sqliteMessageLogStatements';
import type { PartitionWorkerSettings } from './sqlitePartitionWorker';
import { SqlitePartitionWorker } from './sqlitePartitionWorker';

export type GroupConsumerSettings = Omit<PartitionWorkerSettings, 'owner' | 'signal'>;

/** One consume() call on the SQLite log: a worker per (topic, partition), stopped together. */
export class SqliteGroupConsumer implements Consumer {
  private readonly owner = randomUUID();
  private readonly abort = new AbortController();
  private running: Promise<void> | undefined;

  constructor(
    private readonly partitions: readonly GroupPartition[],
    private readonly handler: (message: ConsumedMessage) => Promise<void>,
    private readonly settings: GroupConsumerSettings,
    private readonly onCrash: ((error: Error) => void) | undefined,
    private readonly onStopped: () => void,
  ) {}

  start(): void {
    // Every partition worker waits on this signal at once (a group over many topics has dozens): not a leak.
    setMaxListeners(this.partitions.length + 10, this.abort.signal);
    const settings: PartitionWorkerSettings = {
      ...this.settings,
      owner: this.owner,
      signal: this.abort.signal,
      logger: this.settings.logger.child({ consumer: this.owner }),
    };
    const workers = this.partitions.map((at) =>
      new SqlitePartitionWorker(at, this.handler, settings).run().catch((error: unknown) => this.crash(error)),
    );
    this.running = Promise.all(workers).then(() => this.releaseLeases());
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  /** A storage error is not the handler's: the consumer stops for good and tells its supervisor. */
  private crash(error: unknown): void {
    if (this.abort.signal.aborted) return;
    const cause = error instanceof Error ? error : new Error(String(error));
    this.settings.logger.error('message log consumer crashed', { error: cause });
    this.abort.abort();
    this.onCrash?.(cause);
  }

  private async releaseLeases(): Promise<void> {
    try {
      await this.settings.db.write(() => this.settings.statements.releaseLeases(this.owner));
    } catch (error) {
      this.settings.logger.warn('could not release partition leases; they expire by themselves', { error });
    } finally {
      this.onStopped();
    }
  }
}
