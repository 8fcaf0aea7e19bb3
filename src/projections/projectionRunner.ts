import type { Position, RecordedEvent } from '../ports/eventStore';
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

/**
 * Keeps one projection's checkpoint and state. The feed hands it batches of the log that start right
 * after its position; each batch is applied atomically with the checkpoint. A failed attempt is retried
 * after a delay (the feed skips the runner until then); after the last attempt the projection stops.
 */
export class ProjectionRunner {
  private state: RunnerState = 'idle';
  private position: Position | null = null;
  private failure: ProjectionFailure | null = null;
  private attempts = 0;
  private retryAt = 0;
  private readonly handled: ReadonlySet<string>;

  constructor(
    readonly projection: Projection,
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

  get checkpoint(): Position | null {
    return this.position;
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
    if (this.state === 'failed') return;
    this.state = 'running';
    this.attempts = 0;
    this.retryAt = 0;
  }

  stop(): void {
    if (this.state === 'running') this.state = 'stopped';
  }

  /** Whether the feed should hand this runner events now. */
  isReady(now: number): boolean {
    return this.state === 'running' && now >= this.retryAt;
  }

  /** When a runner waiting to retry is next ready, or null when it is not waiting. */
  nextRetryAt(): number | null {
    return this.state === 'running' && this.retryAt > Date.now() ? this.retryAt : null;
  }

  /** Applies a batch that starts right after this runner's position; answers whether it was applied. */
  async apply(batch: readonly RecordedEvent[]): Promise<boolean> {
    try {
      await this.applyAtomically(batch);
    } catch (error) {
      await this.attemptFailed(error);
      return false;
    }
    this.attempts = 0;
    this.onProgress();
    return true;
  }

  /** Counts a failed attempt (also used when the log could not be read for this runner). */
  async attemptFailed(error: unknown): Promise<void> {
    this.attempts++;
    const maxAttempts = this.options.maxAttempts ?? 3;
    if (this.attempts >= maxAttempts) return this.fail(error);
    this.logger.warn('projection batch failed; retrying', { projection: this.projection.name, attempt: this.attempts, error });
    this.retryAt = Date.now() + (this.options.retryDelayMs ?? 200) * this.attempts;
  }

  private async applyAtomically(batch: readonly RecordedEvent[]): Promise<void> {
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
