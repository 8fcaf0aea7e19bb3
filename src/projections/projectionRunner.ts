import type { EventStore, Position, RecordedEvent } from '../ports/eventStore';
import { WakeSignal } from '../shared/wakeSignal';
import type { Logger } from '../ports/logger';
import type { ReadStore } from '../ports/readStore';
import type { ProjectionFailure } from './checkpoints';
import { readCheckpoint, writeCheckpoint } from './checkpoints';
import { PositionGuardedStore } from './positionGuardedStore';
import type { Projection } from './projection';

export type RunnerState = 'idle' | 'running' | 'failed' | 'stopped';

export interface RunnerStatus {
  name: string;
  version: number;
  state: RunnerState;
  position: Position | null;
  failure: ProjectionFailure | null;
}

export interface RunnerOptions {
  batchSize: number;
  /** Attempts at one batch before the projection is declared failed (covers store outages, not bad events). */
  maxAttempts?: number;
  retryDelayMs?: number;
}

class ProjectionError extends Error {
  constructor(
    readonly failure: ProjectionFailure,
    override readonly cause: unknown,
  ) {
    super(failure.message);
  }
}

/** Keeps one projection up to date: reads the log in batches after its checkpoint and applies each batch atomically with the checkpoint. */
export class ProjectionRunner {
  private state: RunnerState = 'idle';
  private position: Position | null = null;
  private failure: ProjectionFailure | null = null;
  private readonly signal = new WakeSignal();
  private loop: Promise<void> | null = null;
  private readonly handled: ReadonlySet<string>;

  constructor(
    readonly projection: Projection,
    private readonly eventStore: EventStore,
    private readonly readStore: ReadStore,
    private readonly logger: Logger,
    private readonly options: RunnerOptions,
    private readonly onProgress: () => void,
  ) {
    this.handled = new Set(projection.handles);
  }

  status(): RunnerStatus {
    return {
      name: this.projection.name,
      version: this.projection.version,
      state: this.state,
      position: this.position,
      failure: this.failure,
    };
  }

  /** Loads the checkpoint; a version change (or `rebuild`) drops the read model so it is rebuilt from the first event. */
  async prepare(rebuild = false): Promise<void> {
    const checkpoint = await readCheckpoint(this.readStore, this.projection.name);
    if (rebuild || !checkpoint || checkpoint.version !== this.projection.version) {
      if (checkpoint && !rebuild)
        this.logger.info('projection version changed; rebuilding', {
          projection: this.projection.name,
          from: checkpoint.version,
          to: this.projection.version,
        });
      for (const collection of this.projection.collections) await this.readStore.drop(collection);
      await this.projection.setup(this.readStore);
      await writeCheckpoint(this.readStore, this.projection.name, this.projection.version, null);
      this.position = null;
      this.failure = null;
      return;
    }
    await this.projection.setup(this.readStore);
    // A failure recorded by an earlier run is retried: the code may have been fixed since.
    this.position = checkpoint.position;
  }

  start(): void {
    if (this.state === 'failed' || this.loop) return;
    this.state = 'running';
    this.loop = this.run();
  }

  wake(): void {
    this.signal.wake();
  }

  async stop(): Promise<void> {
    if (this.state === 'running') this.state = 'stopped';
    this.wake();
    await this.loop;
    this.loop = null;
  }

  /** Applies everything up to the head once; used by `filora rebuild`. Returns the number of events read. */
  async catchUp(): Promise<number> {
    const batch = await this.eventStore.readAll({ after: this.position, limit: this.options.batchSize });
    if (batch.length > 0) await this.applyWithRetry(batch);
    return batch.length;
  }

  private async run(): Promise<void> {
    while (this.state === 'running') {
      try {
        const read = await this.catchUp();
        if (read > 0) continue;
      } catch (error) {
        await this.fail(error);
        return;
      }
      await this.signal.wait();
    }
  }

  private async applyWithRetry(batch: RecordedEvent[]): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.apply(batch);
        return;
      } catch (error) {
        if (attempt >= maxAttempts) throw error;
        this.logger.warn('projection batch failed; retrying', { projection: this.projection.name, attempt, error });
        await new Promise((resolve) => setTimeout(resolve, (this.options.retryDelayMs ?? 200) * attempt));
      }
    }
  }

  private async apply(batch: RecordedEvent[]): Promise<void> {
    const last = batch[batch.length - 1]!;
    await this.readStore.transaction(async (tx) => {
      for (const event of batch) {
        if (!this.handled.has(event.type)) continue;
        try {
          await this.projection.apply(event, new PositionGuardedStore(tx, event.position));
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          throw new ProjectionError({ message, eventId: event.id, eventType: event.type, position: event.position }, error);
        }
      }
      await writeCheckpoint(tx, this.projection.name, this.projection.version, last.position);
    });
    this.position = last.position;
    this.onProgress();
  }

  private async fail(error: unknown): Promise<void> {
    this.state = 'failed';
    this.failure =
      error instanceof ProjectionError
        ? error.failure
        : { message: error instanceof Error ? error.message : String(error), eventId: '', eventType: '', position: this.position ?? '' };
    this.logger.error('projection stopped: it cannot apply an event', {
      projection: this.projection.name,
      ...this.failure,
      error: error instanceof ProjectionError ? error.cause : error,
    });
    try {
      await writeCheckpoint(this.readStore, this.projection.name, this.projection.version, this.position, this.failure);
    } catch (writeError) {
      this.logger.error('could not record the projection failure', { projection: this.projection.name, error: writeError });
    }
    this.onProgress();
  }
}
